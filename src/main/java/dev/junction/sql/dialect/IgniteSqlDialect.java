package dev.junction.sql.dialect;

import org.apache.calcite.config.NullCollation;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.avatica.util.TimeUnitRange;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.JoinConditionType;
import org.apache.calcite.sql.JoinType;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.Set;

/**
 * Ignite 2's SQL (its H2-based engine) as fragments are written for it: double-quoted identifiers,
 * LIMIT/OFFSET, no FULL joins, no FILTER clause on aggregates, and {@code FLOOR(ts TO unit)} (which H2 lacks)
 * as whole units since the epoch: {@code DATEADD('MINUTE', DATEDIFF('MINUTE', epoch, ts), epoch)}. Inner joins
 * nested on the right ({@code a JOIN ((SELECT …) AS b CROSS JOIN (SELECT …) AS c) ON …}, which H2 1.4 cannot parse)
 * are written left-deep.
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
