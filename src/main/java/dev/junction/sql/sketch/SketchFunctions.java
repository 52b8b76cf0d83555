package dev.junction.sql.sketch;

import org.apache.calcite.adapter.enumerable.AggContext;
import org.apache.calcite.adapter.enumerable.AggAddContext;
import org.apache.calcite.adapter.enumerable.AggImplementor;
import org.apache.calcite.adapter.enumerable.AggResetContext;
import org.apache.calcite.adapter.enumerable.AggResultContext;
import org.apache.calcite.adapter.enumerable.CallImplementor;
import org.apache.calcite.adapter.enumerable.StrictAggImplementor;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.Primitive;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.ImplementableAggFunction;
import org.apache.calcite.schema.ImplementableFunction;
import org.apache.calcite.schema.ScalarFunction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlUserDefinedAggFunction;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.util.BuiltInMethod;
import org.apache.calcite.util.Optionality;

import java.lang.reflect.Type;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The SQL functions of approximate aggregates over sketches. {@code DS_HLL} and {@code DS_QUANTILES_SKETCH}
 * build a sketch (base64 text) and have Druid's names and meaning, so that an engine that has them (Druid) runs
 * them and the gateway runs them elsewhere; the merge and estimate functions run only in the gateway. Engines
 * are told apart by kind: the build functions are {@link SqlKind#OTHER_FUNCTION}, which a dialect may accept as
 * pushable, the others {@link SqlKind#OTHER}, which none does.
 */
public final class SketchFunctions {
    /** {@code DS_HLL(x)}: an HLL sketch of x's distinct values. */
    public static final SqlUserDefinedAggFunction DS_HLL = aggregate("DS_HLL", SqlKind.OTHER_FUNCTION,
            SqlTypeFamily.ANY, Sketches.HLL_BUILD);
    /** {@code DS_QUANTILES_SKETCH(x)}: a quantiles sketch of x's values. */
    public static final SqlUserDefinedAggFunction DS_QUANTILES_SKETCH = aggregate("DS_QUANTILES_SKETCH",
            SqlKind.OTHER_FUNCTION, SqlTypeFamily.NUMERIC, Sketches.QUANTILES_BUILD);
    /** The union of HLL sketches. */
    public static final SqlUserDefinedAggFunction HLL_SKETCH_MERGE = aggregate("HLL_SKETCH_MERGE", SqlKind.OTHER,
            SqlTypeFamily.CHARACTER, Sketches.HLL_MERGE);
    /** The union of quantiles sketches. */
    public static final SqlUserDefinedAggFunction QUANTILES_SKETCH_MERGE = aggregate("QUANTILES_SKETCH_MERGE",
            SqlKind.OTHER, SqlTypeFamily.CHARACTER, Sketches.QUANTILES_MERGE);
    /** {@code APPROX_QUANTILE(x, p)}: the value at fraction p of x's values, from a quantiles sketch. */
    public static final SqlUserDefinedAggFunction APPROX_QUANTILE = new SqlUserDefinedAggFunction(
            new SqlIdentifier("APPROX_QUANTILE", SqlParserPos.ZERO), SqlKind.OTHER, ReturnTypes.DOUBLE_NULLABLE, null,
            OperandTypes.operandMetadata(List.of(SqlTypeFamily.NUMERIC, SqlTypeFamily.NUMERIC),
                    types -> List.of(types.createSqlType(SqlTypeName.DOUBLE), types.createSqlType(SqlTypeName.DOUBLE)),
                    i -> i == 0 ? "x" : "p", i -> false),
            new DataContextAggregate(Sketches.APPROX_QUANTILE, SqlTypeName.DOUBLE), false, false, Optionality.FORBIDDEN);
    /** The distinct count an HLL sketch estimates (0 for none). */
    public static final SqlUserDefinedFunction HLL_SKETCH_ESTIMATE = scalar("HLL_SKETCH_ESTIMATE",
            ReturnTypes.BIGINT, List.of(SqlTypeFamily.CHARACTER), Sketches.HLL_ESTIMATE, Long.class);
    /** The value at a fraction of a quantiles sketch. */
    public static final SqlUserDefinedFunction QUANTILES_SKETCH_QUANTILE = scalar("QUANTILES_SKETCH_QUANTILE",
            ReturnTypes.DOUBLE_NULLABLE, List.of(SqlTypeFamily.CHARACTER, SqlTypeFamily.NUMERIC), Sketches.QUANTILE,
            Double.class);

    private SketchFunctions() {
    }

    private static SqlUserDefinedAggFunction aggregate(String name, SqlKind kind, SqlTypeFamily operand, String key) {
        return new SqlUserDefinedAggFunction(new SqlIdentifier(name, SqlParserPos.ZERO), kind,
                ReturnTypes.explicit(SqlTypeName.VARCHAR).andThen(org.apache.calcite.sql.type.SqlTypeTransforms.TO_NULLABLE),
                null, OperandTypes.operandMetadata(List.of(operand),
                        types -> List.of(types.createSqlType(SqlTypeName.ANY)), i -> "x", i -> false),
                new DataContextAggregate(key, SqlTypeName.VARCHAR), false, false, Optionality.FORBIDDEN);
    }

    private static SqlUserDefinedFunction scalar(String name, SqlReturnTypeInference returns,
            List<SqlTypeFamily> operands, String key, Class<?> result) {
        return new SqlUserDefinedFunction(new SqlIdentifier(name, SqlParserPos.ZERO), SqlKind.OTHER, returns, null,
                OperandTypes.operandMetadata(operands,
                        types -> operands.stream().map(family -> types.createSqlType(SqlTypeName.ANY)).toList(),
                        i -> "a" + i, i -> false),
                new DataContextScalar(key, result));
    }

    /** The data context's object under {@code key}, as one of the JDK's function types. */
    private static Expression runtime(String key, Class<?> type) {
        return Expressions.convert_(Expressions.call(DataContext.ROOT, BuiltInMethod.DATA_CONTEXT_GET.method,
                Expressions.constant(key)), type);
    }

    /**
     * The arguments as one {@code Object} (an {@code Object[]}): typed as Object so that linq4j finds
     * {@code accept(Object)} and {@code apply(Object)}, which it looks up by the arguments' static types.
     */
    private static Expression boxedArray(List<Expression> arguments) {
        return Expressions.convert_(Expressions.newArrayInit(Object.class, arguments.stream().map(Expressions::box)
                .toList()), Object.class);
    }

    /** An aggregate function whose state is an {@link Sketches.Accumulator} the data context makes. */
    private record DataContextAggregate(String key, SqlTypeName result) implements ImplementableAggFunction {
        @Override
        public RelDataType getReturnType(RelDataTypeFactory typeFactory) {
            return typeFactory.createTypeWithNullability(typeFactory.createSqlType(result), true);
        }

        @Override
        public List<FunctionParameter> getParameters() {
            return List.of();
        }

        @Override
        public AggImplementor getImplementor(boolean windowContext) {
            return new StrictAggImplementor() {
                @Override
                public List<Type> getNotNullState(AggContext info) {
                    return List.of(Object.class);
                }

                @Override
                protected void implementNotNullReset(AggContext info, AggResetContext reset) {
                    reset.currentBlock().add(Expressions.statement(Expressions.assign(reset.accumulator().get(0),
                            Expressions.call(runtime(key, Supplier.class), "get"))));
                }

                @Override
                protected void implementNotNullAdd(AggContext info, AggAddContext add) {
                    add.currentBlock().add(Expressions.statement(Expressions.call(
                            Expressions.convert_(add.accumulator().get(0), Consumer.class), "accept",
                            boxedArray(add.arguments()))));
                }

                @Override
                protected Expression implementNotNullResult(AggContext info, AggResultContext result) {
                    Expression value = Expressions.call(Expressions.convert_(result.accumulator().get(0),
                            Supplier.class), "get");
                    return converted(value, info.returnType());
                }
            };
        }
    }

    /** A scalar function the data context's {@code Function<Object[], Object>} computes. */
    private record DataContextScalar(String key, Class<?> result) implements ScalarFunction, ImplementableFunction {
        @Override
        public RelDataType getReturnType(RelDataTypeFactory typeFactory) {
            return typeFactory.createJavaType(result);
        }

        @Override
        public List<FunctionParameter> getParameters() {
            return List.of();
        }

        @Override
        public CallImplementor getImplementor() {
            return (translator, call, nullAs) -> converted(Expressions.call(runtime(key, Function.class), "apply",
                    boxedArray(translator.translateList(call.getOperands()))), result);
        }
    }

    private static Expression converted(Expression value, Type type) {
        if (type instanceof Class<?> clazz && clazz.isPrimitive()) {
            return Expressions.convert_(Expressions.convert_(value, Primitive.box(clazz)), clazz);
        }
        return Expressions.convert_(value, type);
    }
}
