package dev.junction.sql.plan;

import dev.junction.sql.dialect.IgniteSqlDialect;
import dev.junction.sql.exec.FragmentKey;
import dev.junction.sql.exec.FragmentSpec;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.adapter.jdbc.JdbcImplementor;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.ConventionTraitDef;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelVisitor;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.convert.ConverterImpl;
import org.apache.calcite.rel.externalize.RelJsonWriter;
import org.apache.calcite.rel.externalize.RelWriterImpl;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.util.SqlString;
import org.apache.calcite.DataContext;
import org.apache.calcite.util.BuiltInMethod;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A subtree that runs inside one engine as one SQL statement, seen by the rest of the plan as rows: the
 * boundary between pushdown and the gateway's own operators. Its SQL is written once, in the engine's dialect.
 */
public final class EngineFragment extends ConverterImpl implements EnumerableRel {
    private @Nullable FragmentSpec spec;

    EngineFragment(RelOptCluster cluster, RelTraitSet traits, RelNode input) {
        super(cluster, ConventionTraitDef.INSTANCE, traits, input);
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new EngineFragment(getCluster(), traitSet, sole(inputs));
    }

    @Override
    public @Nullable RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
        RelOptCost cost = super.computeSelfCost(planner, mq);
        // As Calcite's JDBC converter: work done inside the engine is cheaper than the same work here.
        return cost == null ? null : cost.multiplyBy(.1);
    }

    /** The engine, the SQL sent to it, and the types of the columns it returns. */
    public FragmentSpec spec() {
        if (spec == null) {
            EngineConvention convention = (EngineConvention) getInput().getConvention();
            SqlDialect dialect = convention.dialect;
            JdbcImplementor implementor = new JdbcImplementor(dialect, (JavaTypeFactory) getCluster().getTypeFactory());
            SqlNode statement = implementor.visitRoot(getInput()).asStatement();
            if (dialect instanceof IgniteSqlDialect ignite) {
                statement = ignite.typeSelectedParameters(statement, parameterTypes(getInput()));
            }
            SqlString sql = statement.toSqlString(dialect);
            List<Integer> parameters = sql.getDynamicParameters() == null ? List.of() : sql.getDynamicParameters();
            spec = new FragmentSpec(convention.engineName(), sql.getSql(),
                    getRowType().getFieldList().stream().map(field -> field.getType().getSqlTypeName()).toList(),
                    parameters);
        }
        return spec;
    }

    /** The type of each parameter the subtree uses, by index. */
    private static Map<Integer, RelDataType> parameterTypes(RelNode root) {
        Map<Integer, RelDataType> types = new HashMap<>();
        RexShuttle collector = new RexShuttle() {
            @Override
            public RexNode visitDynamicParam(RexDynamicParam parameter) {
                types.putIfAbsent(parameter.getIndex(), parameter.getType());
                return parameter;
            }
        };
        new RelVisitor() {
            @Override
            public void visit(RelNode node, int ordinal, @Nullable RelNode parent) {
                node.accept(collector);
                super.visit(node, ordinal, parent);
            }
        }.go(root);
        return types;
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        RelWriter terms = super.explainTerms(pw).item("engine", ((EngineConvention) getInput().getConvention()).engineName());
        // Only plans written out for people carry the SQL: while planners work, these terms are the node's
        // digest, and the input is a set of alternatives (or a vertex) with no SQL yet.
        boolean written = pw instanceof RelWriterImpl || pw instanceof RelJsonWriter;
        return written ? terms.item("sql", spec().sql()) : terms;
    }

    @Override
    public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
        PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), pref.preferArray());
        FragmentSpec fragment = spec();
        BlockBuilder builder = new BlockBuilder();
        // The generated code asks the running query's data context for the fragment's rows (an Object[] per
        // row, or the value itself when there is one column: the SCALAR format). It names only Calcite's
        // types: it is compiled against Calcite's class loader, which need not see Junction's classes.
        String key = FragmentKey.encode(fragment, physType.getFormat() == JavaRowFormat.SCALAR);
        builder.add(Expressions.return_(null, Expressions.convert_(
                Expressions.call(DataContext.ROOT, BuiltInMethod.DATA_CONTEXT_GET.method, Expressions.constant(key)),
                Enumerable.class)));
        return implementor.result(physType, builder.toBlock());
    }

    /** Column names, for EXPLAIN output. */
    public List<String> columnNames() {
        return getRowType().getFieldList().stream().map(RelDataTypeField::getName).toList();
    }
}
