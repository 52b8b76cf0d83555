package dev.junction.sql.dialect;

import org.apache.calcite.config.NullCollation;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.avatica.util.TimeUnitRange;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlWriter;

import java.util.Set;

/**
 * Ignite 2's SQL (its H2-based engine) as fragments are written for it: double-quoted identifiers,
 * LIMIT/OFFSET, no FULL joins, no FILTER clause on aggregates, and {@code FLOOR(ts TO unit)} (which H2 lacks)
 * as whole units since the epoch: {@code DATEADD('MINUTE', DATEDIFF('MINUTE', epoch, ts), epoch)}.
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
