package dev.junction.sql.dialect;

import org.apache.calcite.config.NullCollation;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.avatica.util.TimeUnitRange;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.JoinConditionType;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.JoinType;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlBasicVisitor;

import java.util.Map;
import java.util.Set;

/**
 * Ignite 2's SQL (its H2-based engine) as fragments are written for it: double-quoted identifiers,
 * LIMIT/OFFSET, no FULL joins, no FILTER clause on aggregates, and {@code FLOOR(ts TO unit)} (which H2 lacks)
 * as whole units since the epoch: {@code DATEADD('MINUTE', DATEDIFF('MINUTE', epoch, ts), epoch)}. Inner joins
 * nested on the right ({@code a JOIN ((SELECT …) AS b CROSS JOIN (SELECT …) AS c) ON …}, which H2 1.4 cannot parse)
 * are written left-deep. A bare parameter in a select list is written {@code CAST(? AS type)}: H2 cannot type an
 * untyped parameter that a derived table selects ("Unknown data type"), and the planner puts parameters there when
 * a filter fixes a grouped column ({@code WHERE "NAME" = ? GROUP BY "NAME"}).
 */
public final class IgniteSqlDialect extends LimitOffsetSqlDialect {
    public static final SqlDialect DEFAULT = new IgniteSqlDialect(EMPTY_CONTEXT
            .withDatabaseProduct(DatabaseProduct.H2)
            .withDatabaseProductName("Apache Ignite")
            .withIdentifierQuoteString("\"")
            .withNullCollation(NullCollation.LOW));

    private IgniteSqlDialect(Context context) {
        super(context);
    }

    private static final String EPOCH = "TIMESTAMP '1970-01-01 00:00:00'";
    private static final Set<TimeUnitRange> FLOORED_UNITS = Set.of(TimeUnitRange.SECOND, TimeUnitRange.MINUTE,
            TimeUnitRange.HOUR, TimeUnitRange.DAY);

    @Override
    public void unparseCall(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
        if (call instanceof SqlJoin join) {
            super.unparseCall(writer, leftDeep(join), leftPrec, rightPrec);
            return;
        }
        TimeUnitRange unit = call.getKind() == SqlKind.FLOOR && call.operandCount() == 2 ? unit(call.operand(1)) : null;
        if (unit == null || !FLOORED_UNITS.contains(unit)) {
            super.unparseCall(writer, call, leftPrec, rightPrec);
            return;
        }
        // DATEDIFF counts the unit's boundaries crossed since the epoch: whole units, so the bucket's start.
        writer.print("DATEADD('" + unit.name() + "', DATEDIFF('" + unit.name() + "', " + EPOCH + ", ");
        call.operand(0).unparse(writer, 0, 0);
        writer.print("), " + EPOCH + ")");
    }

    /**
     * The join with inner joins nested on its right side moved to the left: {@code A ⋈c1 (B ⋈c2 C)} is
     * {@code (A × B) ⋈(c1 AND c2) C} for inner and cross joins, and the names stay visible (every column is
     * qualified by its input's alias). Outer, natural and USING joins are left as they are.
     */
    static SqlJoin leftDeep(SqlJoin join) {
        if (!(join.getRight() instanceof SqlJoin right) || !isPlainInner(join) || !isPlainInner(right)) {
            return join;
        }
        SqlParserPos pos = join.getParserPosition();
        SqlJoin first = leftDeep(join(pos, join.getLeft(), right.getLeft(), null));
        SqlNode condition = join.getCondition() == null ? right.getCondition() : right.getCondition() == null
                ? join.getCondition() : SqlStdOperatorTable.AND.createCall(pos, join.getCondition(), right.getCondition());
        return leftDeep(join(pos, first, right.getRight(), condition));
    }

    private static boolean isPlainInner(SqlJoin join) {
        return !join.isNatural() && join.getConditionType() != JoinConditionType.USING
                && switch (join.getJoinType()) {
                    case INNER, CROSS, COMMA -> true;
                    case LEFT, RIGHT, FULL, LEFT_SEMI_JOIN, LEFT_ANTI_JOIN, LEFT_ASOF, ASOF -> false;
                };
    }

    /** {@code left CROSS JOIN right}, or {@code left INNER JOIN right ON condition}. */
    private static SqlJoin join(SqlParserPos pos, SqlNode left, SqlNode right, SqlNode condition) {
        return new SqlJoin(pos, left, SqlLiteral.createBoolean(false, pos),
                (condition == null ? JoinType.CROSS : JoinType.INNER).symbol(pos), right,
                (condition == null ? JoinConditionType.NONE : JoinConditionType.ON).symbol(pos), condition);
    }

    /**
     * The statement with each bare parameter of a select list (alone or named by {@code AS}), at any depth, cast to
     * its type; changed in place.
     *
     * @param types the type of each parameter index, as the plan declares it
     */
    public SqlNode typeSelectedParameters(SqlNode statement, Map<Integer, RelDataType> types) {
        statement.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlCall call) {
                if (call instanceof SqlSelect select && select.getSelectList() != null) {
                    SqlNodeList items = select.getSelectList();
                    for (int i = 0; i < items.size(); i++) {
                        items.set(i, typed(items.get(i), types));
                    }
                }
                return super.visit(call);
            }
        });
        return statement;
    }

    private SqlNode typed(SqlNode item, Map<Integer, RelDataType> types) {
        if (item instanceof SqlDynamicParam parameter && types.containsKey(parameter.getIndex())) {
            SqlNode spec = getCastSpec(types.get(parameter.getIndex()));
            return spec == null ? item : SqlStdOperatorTable.CAST.createCall(parameter.getParserPosition(), item, spec);
        }
        if (item instanceof SqlBasicCall named && named.getKind() == SqlKind.AS) {
            named.setOperand(0, typed(named.operand(0), types));
        }
        return item;
    }

    private static TimeUnitRange unit(SqlNode node) {
        if (node instanceof SqlIntervalQualifier qualifier) {
            return qualifier.timeUnitRange;
        }
        if (node instanceof SqlLiteral literal && literal.getValue() instanceof TimeUnitRange range) {
            return range;
        }
        return null;
    }

    @Override
    public boolean supportsAggregateFunctionFilter() {
        return false;
    }

    @Override
    public boolean supportsJoinType(JoinRelType joinType) {
        return joinType != JoinRelType.FULL;
    }
}
