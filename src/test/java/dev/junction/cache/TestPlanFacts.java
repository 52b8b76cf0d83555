package dev.junction.cache;

import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.tools.Frameworks;
import org.apache.calcite.tools.RelBuilder;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class TestPlanFacts {
    private final RelBuilder builder = RelBuilder.create(Frameworks.newConfigBuilder().defaultSchema(root()).build());

    @Test
    void readsEveryTableOfAJoinAndFindsItDeterministic() {
        RelNode plan = builder.scan("druid", "orders").scan("ignite", "customer")
                .join(org.apache.calcite.rel.core.JoinRelType.INNER, "custkey")
                .filter(builder.equals(builder.field("status"), builder.literal("F")))
                .build();

        PlanFacts facts = PlanFacts.of(plan);

        assertThat(facts.tables()).isEqualTo(Set.of("druid.orders", "ignite.customer"));
        assertThat(facts.deterministic()).isTrue();
        // No node ids: every gateway replica makes the same digest, so they share cached answers.
        assertThat(facts.digest()).isEqualTo("""
                LogicalFilter(condition=[=($1, 'F')])
                  LogicalJoin(condition=[=($0, $2)], joinType=[inner])
                    LogicalTableScan(table=[[druid, orders]])
                    LogicalTableScan(table=[[ignite, customer]])
                """);
    }

    @Test
    void findsDynamicAndRandomFunctionsAnywhere() {
        RelNode now = builder.scan("druid", "orders")
                .project(builder.field("custkey"), builder.call(SqlStdOperatorTable.CURRENT_TIMESTAMP))
                .build();
        RelNode random = builder.scan("druid", "orders")
                .filter(builder.lessThan(builder.call(SqlStdOperatorTable.RAND), builder.literal(0.5)))
                .project(builder.field("custkey"))
                .build();
        RelNode today = builder.scan("druid", "orders")
                .filter(builder.equals(builder.field("status"),
                        builder.cast(builder.call(SqlStdOperatorTable.CURRENT_DATE), SqlTypeName.VARCHAR)))
                .aggregate(builder.groupKey(), builder.countStar("n"))
                .build();

        assertThat(PlanFacts.of(now).deterministic()).isFalse();
        assertThat(PlanFacts.of(random).deterministic()).isFalse();
        assertThat(PlanFacts.of(today).deterministic()).isFalse();
    }

    private static SchemaPlus root() {
        SchemaPlus root = Frameworks.createRootSchema(true);
        root.add("druid", schema(Map.of("orders", table("custkey", "status"))));
        root.add("ignite", schema(Map.of("customer", table("custkey", "name"))));
        return root;
    }

    private static AbstractSchema schema(Map<String, Table> tables) {
        return new AbstractSchema() {
            @Override
            protected Map<String, Table> getTableMap() {
                return tables;
            }
        };
    }

    private static Table table(String key, String text) {
        return new AbstractTable() {
            @Override
            public RelDataType getRowType(RelDataTypeFactory types) {
                return types.builder().add(key, SqlTypeName.BIGINT).add(text, SqlTypeName.VARCHAR).build();
            }
        };
    }
}
