package dev.junction.sql;

import dev.junction.cache.PlanFacts;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.dialect.AnsiSqlDialect;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.tools.Frameworks;
import org.apache.calcite.tools.Planner;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

class TestCurrentTimeLiterals {
    private static final Instant BUCKET = Instant.parse("2026-12-02T04:10:00Z");

    @Test
    void replacesEachFormOfEachFunctionByItsValueInUtc() {
        String sql = "select current_timestamp, current_timestamp(3), CURRENT_TIMESTAMP() as t, localtimestamp,"
                + " current_date, current_time(2), localtime from orders where ts < current_timestamp";

        // A bare name becomes the literal aliased by that name (printed as the keyword), so its column keeps it.
        assertThat(substituted(sql, Instant.parse("2026-12-02T23:59:30Z"))).isEqualTo("SELECT"
                + " TIMESTAMP '2026-12-02 23:59:30' AS CURRENT_TIMESTAMP, TIMESTAMP '2026-12-02 23:59:30.000',"
                + " TIMESTAMP '2026-12-02 23:59:30' AS `t`, TIMESTAMP '2026-12-02 23:59:30' AS LOCALTIMESTAMP,"
                + " DATE '2026-12-02' AS CURRENT_DATE, TIME '23:59:30.00', TIME '23:59:30' AS LOCALTIME\n"
                + "FROM `orders`\n"
                + "WHERE `ts` < TIMESTAMP '2026-12-02 23:59:30'");
    }

    @Test
    void aSubSecondBucketKeepsItsMilliseconds() {
        assertThat(substituted("select current_timestamp as t, current_time as c from orders",
                Instant.parse("2026-12-02T04:10:00.250Z")))
                .isEqualTo("SELECT TIMESTAMP '2026-12-02 04:10:00.250' AS `t`, TIME '04:10:00.250' AS `c`\n"
                        + "FROM `orders`");
    }

    @Test
    void leavesQuotedNamesAliasesAndFormsTheValidatorRefuses() {
        String sql = "select \"current_date\", custkey as \"CURRENT_TIME\", current_date(1), current_timestamp(4),"
                + " current_timestamp(custkey), now() from orders";

        assertThat(substituted(sql, BUCKET)).isEqualTo("SELECT `current_date`, `custkey` AS `CURRENT_TIME`,"
                + " CURRENT_DATE(1), CURRENT_TIMESTAMP(4), CURRENT_TIMESTAMP(`custkey`), `now`()\n"
                + "FROM `orders`");
    }

    @Test
    void reachesSubqueriesWithClausesOrderAndGroupByAndKeepsHints() {
        String sql = "with recent as (select custkey, ts from orders where ts > current_timestamp)"
                + " select /*+ mode(batch) */ current_date, count(*) from recent"
                + " where custkey in (select custkey from orders where ts < localtimestamp)"
                + " group by current_date order by current_date";

        SqlNode query = CurrentTimeLiterals.apply(parse(sql), BUCKET);

        String text = query.toSqlString(AnsiSqlDialect.DEFAULT).getSql();
        assertThat(text).doesNotContainIgnoringCase("current_timestamp").doesNotContainIgnoringCase("localtimestamp")
                .contains("WHERE `ts` > TIMESTAMP '2026-12-02 04:10:00'", "WHERE `ts` < TIMESTAMP '2026-12-02 04:10:00'",
                        "/*+ `mode`(`batch`) */\nDATE '2026-12-02' AS CURRENT_DATE, COUNT(*)",
                        "GROUP BY DATE '2026-12-02'", "ORDER BY DATE '2026-12-02'");
    }

    @Test
    void theStatementBecomesDeterministicWithTheSameColumnsAndRandStaysNot() {
        String sql = "select current_timestamp, current_date, localtime, count(*) as n from orders"
                + " where ts < current_timestamp";
        String random = "select rand() as r, current_date from orders";

        RelNode dynamic = plan(sql, node -> node);
        RelNode fixed = plan(sql, node -> CurrentTimeLiterals.apply(node, BUCKET));

        assertThat(PlanFacts.of(dynamic).deterministic()).isFalse();
        assertThat(PlanFacts.of(fixed).deterministic()).isTrue();
        assertThat(columns(fixed.getRowType())).isEqualTo(columns(dynamic.getRowType()))
                .isEqualTo(List.of("current_timestamp TIMESTAMP", "current_date DATE", "localtime TIME", "n BIGINT"));
        assertThat(PlanFacts.of(plan(random, node -> CurrentTimeLiterals.apply(node, BUCKET))).deterministic())
                .isFalse();
        // Two buckets, two digests: the result cache keeps each bucket's answer apart.
        assertThat(PlanFacts.of(plan(sql, node -> CurrentTimeLiterals.apply(node, BUCKET.plusSeconds(10)))).digest())
                .isNotEqualTo(PlanFacts.of(fixed).digest());
    }

    @Test
    void onlyATextHoldingAFunctionsNameMayCallOne() {
        assertThat(CurrentTimeLiterals.mayCall("select CURRENT_date from t")).isTrue();
        assertThat(CurrentTimeLiterals.mayCall("select x from t where y < LocalTimestamp")).isTrue();
        assertThat(CurrentTimeLiterals.mayCall("select x from t where y < current_time(3)")).isTrue();
        assertThat(CurrentTimeLiterals.mayCall("select count(*), rand() from t")).isFalse();
    }

    private static String substituted(String sql, Instant now) {
        return CurrentTimeLiterals.apply(parse(sql), now).toSqlString(AnsiSqlDialect.DEFAULT).getSql();
    }

    private static SqlNode parse(String sql) {
        try (Planner planner = planner()) {
            return planner.parse(sql);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static RelNode plan(String sql, UnaryOperator<SqlNode> rewrite) {
        try (Planner planner = planner()) {
            SqlNode validated = planner.validate(rewrite.apply(planner.parse(sql)));
            return planner.rel(validated).project();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static Planner planner() {
        SchemaPlus root = Frameworks.createRootSchema(true);
        root.add("orders", new AbstractTable() {
            @Override
            public RelDataType getRowType(RelDataTypeFactory types) {
                return types.builder().add("custkey", SqlTypeName.INTEGER).add("ts", SqlTypeName.TIMESTAMP, 3).build();
            }
        });
        return Frameworks.getPlanner(Frameworks.newConfigBuilder().parserConfig(QueryPlanner.PARSER)
                .sqlValidatorConfig(SqlValidator.Config.DEFAULT.withConformance(SqlConformanceEnum.LENIENT)
                        .withIdentifierExpansion(true))
                .typeSystem(JunctionTypeSystem.INSTANCE).defaultSchema(root).build());
    }

    private static List<String> columns(RelDataType rowType) {
        return rowType.getFieldList().stream().map(RelDataTypeField::getName)
                .map(name -> name + " " + rowType.getField(name, true, false).getType().getSqlTypeName())
                .toList();
    }
}
