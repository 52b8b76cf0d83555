package dev.junction.sql.rules;

import dev.junction.spi.Capability;
import dev.junction.sql.dialect.DruidSqlDialect;
import dev.junction.sql.dialect.TrinoSqlDialect;
import dev.junction.sql.plan.EngineConvention;
import dev.junction.sql.plan.EngineFragment;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.tools.Frameworks;
import org.apache.calcite.tools.Planner;
import org.apache.calcite.tools.Programs;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class TestKnownFunctionsRule {
    private static final Set<Capability> PUSHDOWN = Set.of(Capability.SQL_QUERY, Capability.FILTER_PUSHDOWN,
            Capability.PROJECT_PUSHDOWN, Capability.AGGREGATE_PUSHDOWN);

    @Test
    void aFilterCallingRandStaysOutOfDruidAndFiltersItsRowsHere() {
        assertThat(RelOptUtil.toString(plan("select custkey from druid.orders where rand() < 2"))).isEqualTo("""
                EnumerableCalc(expr#0..1=[{inputs}], expr#2=[RAND()], expr#3=[2.0E0:DOUBLE], expr#4=[<($t2, $t3)], \
                custkey=[$t0], $condition=[$t4])
                  EngineFragment(engine=[druid], sql=[SELECT *
                FROM "druid"."orders"])
                    Scan(table=[[druid, orders]])
                """);
    }

    @Test
    void aProjectionCallingRandStaysOutOfDruidAndItsFilterGoesIn() {
        // Druid's rows keep every column: the plan's cost does not count a row's width.
        assertThat(RelOptUtil.toString(plan("select custkey, rand() as r from druid.orders where custkey > 3")))
                .isEqualTo("""
                        EnumerableCalc(expr#0..1=[{inputs}], expr#2=[RAND()], custkey=[$t0], r=[$t2])
                          EngineFragment(engine=[druid], sql=[SELECT *
                        FROM "druid"."orders"
                        WHERE "custkey" > 3])
                            JdbcFilter(condition=[>($0, 3)])
                              Scan(table=[[druid, orders]])
                        """);
    }

    @Test
    void eachFunctionDruidLacksStaysOutAndTheOthersGoIn() {
        for (String condition : List.of("rand_integer(3) = 1", "cbrt(custkey) > 1", "sign(custkey) = 1",
                "initcap(status) = 'F'", "overlay(status placing 'x' from 1) = 'x'", "status similar to 'F%'",
                "status not similar to 'F%'")) {
            assertThat(fragmentSql(plan("select custkey from druid.orders where " + condition)))
                    .as(condition).isEqualTo("SELECT *\nFROM \"druid\".\"orders\"");
        }
        assertThat(fragmentSql(plan("select custkey from druid.orders where abs(custkey) > 1 and upper(status) = 'F'")))
                .isEqualTo("SELECT \"custkey\"\nFROM \"druid\".\"orders\"\n"
                        + "WHERE ABS(\"custkey\") > 1 AND UPPER(\"status\") = 'F'");
    }

    @Test
    void trinoRunsRandButNeitherRandWithASeedNorRandInteger() {
        assertThat(fragmentSql(plan("select custkey from trino.orders where rand() < 2")))
                .isEqualTo("SELECT \"custkey\"\nFROM \"trino\".\"orders\"\nWHERE RAND() < 2.0E0");
        assertThat(fragmentSql(plan("select custkey from trino.orders where rand(7) < 2")))
                .isEqualTo("SELECT *\nFROM \"trino\".\"orders\"");
        assertThat(fragmentSql(plan("select custkey from trino.orders where rand_integer(3) = 1")))
                .isEqualTo("SELECT *\nFROM \"trino\".\"orders\"");
    }

    private static RelNode plan(String sql) {
        try (Planner planner = planner()) {
            RelNode logical = planner.rel(planner.validate(planner.parse(sql))).project();
            return planner.transform(0, logical.getTraitSet().replace(EnumerableConvention.INSTANCE), logical);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The SQL of the plan's one fragment. */
    private static String fragmentSql(RelNode plan) {
        if (plan instanceof EngineFragment fragment) {
            return fragment.spec().sql();
        }
        assertThat(plan.getInputs()).as("inputs of %s", plan).hasSize(1);
        return fragmentSql(plan.getInput(0));
    }

    private static Planner planner() {
        SchemaPlus root = Frameworks.createRootSchema(true);
        engine(root, "druid", DruidSqlDialect.DEFAULT);
        engine(root, "trino", TrinoSqlDialect.DEFAULT);
        // As the gateway parses: names as written, in double quotes when quoted.
        SqlParser.Config parser = SqlParser.config().withQuoting(Quoting.DOUBLE_QUOTE)
                .withUnquotedCasing(Casing.UNCHANGED).withQuotedCasing(Casing.UNCHANGED);
        return Frameworks.getPlanner(Frameworks.newConfigBuilder().parserConfig(parser).defaultSchema(root)
                .programs(Programs.standard()).build());
    }

    private static void engine(SchemaPlus root, String name, SqlDialect dialect) {
        root.add(name, new AbstractSchema()).add("orders",
                new TestingEngineTable(new EngineConvention(name, dialect, PUSHDOWN)));
    }
}
