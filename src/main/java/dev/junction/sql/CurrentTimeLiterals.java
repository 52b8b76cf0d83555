package dev.junction.sql;

import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlShuttle;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.TimeString;
import org.apache.calcite.util.TimestampString;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Replaces the current-time functions of a parsed statement (CURRENT_TIMESTAMP, LOCALTIMESTAMP, CURRENT_DATE,
 * CURRENT_TIME, LOCALTIME: the ones Calcite evaluates per run) by literals of one instant, in UTC as the gateway
 * evaluates them, so that a statement asked within a time bucket is deterministic: its plan holds the instant,
 * and the result cache can keep its answer. Other non-deterministic functions (RAND, …) stay as they are.
 *
 * <p>The parser leaves these names unresolved (an identifier without parentheses, an unresolved function with
 * them); only the forms the validator accepts are replaced, so that a statement it refuses is refused alike with or
 * without a bucket. A select item that is the bare name keeps the name as its column's alias, as the validator
 * would have named the column.
 */
final class CurrentTimeLiterals extends SqlShuttle {
    /** Any text that calls one of the functions holds one of these words (case-insensitively). */
    private static final Pattern NAMES = Pattern.compile("(?i)current_(timestamp|date|time)|localtime");

    private final Instant now;

    private CurrentTimeLiterals(Instant now) {
        this.now = now;
    }

    /** The statement with every current-time function replaced by its value at {@code now}. */
    static SqlNode apply(SqlNode statement, Instant now) {
        return statement.accept(new CurrentTimeLiterals(now));
    }

    /**
     * Whether a statement's text may call a current-time function; when it cannot, {@link #apply} changes nothing,
     * so the plan made for the text holds for any instant.
     */
    static boolean mayCall(String sql) {
        return NAMES.matcher(sql).find();
    }

    @Override
    public SqlNode visit(SqlIdentifier id) {
        return function(id).<SqlNode>map(function -> function.literal(now, 0, id.getParserPosition())).orElse(id);
    }

    @Override
    public SqlNode visit(SqlCall call) {
        if (call.getKind() == SqlKind.AS) {
            // Only the aliased expression: the alias is a name, even when it reads CURRENT_DATE.
            SqlNode expression = call.operand(0);
            SqlNode replaced = expression.accept(this);
            if (replaced != expression) {
                call.setOperand(0, replaced);
            }
            return call;
        }
        if (call instanceof SqlSelect select) {
            select.setSelectList(namedItems(select.getSelectList()));
        }
        if (call.getOperator() instanceof SqlUnresolvedFunction unresolved) {
            Optional<SqlNode> literal = function(unresolved.getName()).flatMap(function -> precision(function, call)
                    .map(precision -> function.literal(now, precision, call.getParserPosition())));
            if (literal.isPresent()) {
                return literal.get();
            }
        }
        return super.visit(call);
    }

    /** The select list, each item that is a function's bare name aliased by that name, as the validator names it. */
    private static SqlNodeList namedItems(SqlNodeList items) {
        List<SqlNode> named = new ArrayList<>(items.size());
        for (SqlNode item : items) {
            named.add(item instanceof SqlIdentifier id && function(id).isPresent()
                    ? new SqlBasicCall(SqlStdOperatorTable.AS, List.of(item,
                            new SqlIdentifier(id.getSimple(), id.getParserPosition())), id.getParserPosition())
                    : item);
        }
        return new SqlNodeList(named, items.getParserPosition());
    }

    /** The function an unquoted one-part name calls without parentheses, if it is one of them. */
    private static Optional<TimeFunction> function(SqlIdentifier id) {
        return id.isSimple() && !id.isComponentQuoted(0) ? function(id.getSimple()) : Optional.empty();
    }

    private static Optional<TimeFunction> function(String name) {
        return switch (name.toUpperCase(Locale.ROOT)) {
            case "CURRENT_TIMESTAMP", "LOCALTIMESTAMP" -> Optional.of(TimeFunction.TIMESTAMP);
            case "CURRENT_DATE" -> Optional.of(TimeFunction.DATE);
            case "CURRENT_TIME", "LOCALTIME" -> Optional.of(TimeFunction.TIME);
            default -> Optional.empty();
        };
    }

    /**
     * The precision a call asks for: none (0), or one integer literal from 0 to 3 for the time and timestamp
     * functions; empty when the validator would refuse the call.
     */
    private static Optional<Integer> precision(TimeFunction function, SqlCall call) {
        if (call.operandCount() == 0) {
            return Optional.of(0);
        }
        if (call.operandCount() > 1 || function == TimeFunction.DATE
                || !(call.operand(0) instanceof SqlNumericLiteral number) || !number.isExact()) {
            return Optional.empty();
        }
        int max = JunctionTypeSystem.INSTANCE.getMaxPrecision(SqlTypeName.TIMESTAMP);
        int precision = number.intValue(false);
        return precision >= 0 && precision <= max && number.bigDecimalValue().scale() <= 0
                ? Optional.of(precision) : Optional.empty();
    }

    /** The value each function gives, as a literal. */
    private enum TimeFunction {
        TIMESTAMP, DATE, TIME;

        /**
         * The literal of {@code now} in UTC; the gateway's functions keep milliseconds whatever the precision asked
         * for, so the literal keeps them too.
         */
        SqlLiteral literal(Instant now, int precision, SqlParserPos position) {
            long millis = now.toEpochMilli();
            int digits = Math.max(precision, Math.floorMod(millis, 1000L) == 0 ? 0 : 3);
            return switch (this) {
                case TIMESTAMP -> SqlLiteral.createTimestamp(TimestampString.fromMillisSinceEpoch(millis), digits,
                        position);
                case DATE -> SqlLiteral.createDate(DateString.fromDaysSinceEpoch(
                        (int) LocalDate.ofInstant(now, ZoneOffset.UTC).toEpochDay()), position);
                case TIME -> SqlLiteral.createTime(TimeString.fromMillisOfDay(
                        (int) Math.floorMod(millis, 86_400_000L)), digits, position);
            };
        }
    }
}
