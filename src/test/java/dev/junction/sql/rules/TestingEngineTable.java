package dev.junction.sql.rules;

import dev.junction.sql.plan.EngineConvention;
import org.apache.calcite.adapter.jdbc.JdbcImplementor;
import org.apache.calcite.adapter.jdbc.JdbcRel;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelOptTable.ToRelContext;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.rel2sql.SqlImplementor;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;

import java.util.List;

/**
 * A table of orders (custkey, status) that one engine holds, for plans made without that engine: its scan is in
 * the engine's convention, so the planner pushes into it as into the engine's real tables.
 */
final class TestingEngineTable extends AbstractTable implements TranslatableTable {
    private final EngineConvention convention;

    TestingEngineTable(EngineConvention convention) {
        this.convention = convention;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory types) {
        return types.builder().add("custkey", SqlTypeName.BIGINT).add("status", SqlTypeName.VARCHAR).build();
    }

    @Override
    public RelNode toRel(ToRelContext context, RelOptTable table) {
        return new Scan(context.getCluster(), context.getCluster().traitSetOf(convention), table);
    }

    /** The scan of the table inside its engine: {@code FROM "<engine>"."<table>"}. */
    private static final class Scan extends TableScan implements JdbcRel {
        Scan(RelOptCluster cluster, RelTraitSet traits, RelOptTable table) {
            super(cluster, traits, List.of(), table);
        }

        @Override
        public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
            return new Scan(getCluster(), traitSet, getTable());
        }

        @Override
        public JdbcImplementor.Result implement(JdbcImplementor implementor) {
            return implementor.result(new SqlIdentifier(getTable().getQualifiedName(), SqlParserPos.ZERO),
                    List.of(SqlImplementor.Clause.FROM), this, null);
        }
    }
}
