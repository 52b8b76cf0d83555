package dev.junction.sql;

import dev.junction.error.ErrorCode;
import dev.junction.error.JunctionException;
import dev.junction.sql.catalog.CatalogException;
import dev.junction.sql.catalog.EngineUnavailableException;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.tools.ValidationException;

import java.util.Optional;

/** Turns Calcite's parse and validation failures into Junction's coded errors, with line and column. */
final class SqlErrors {
    private SqlErrors() {
    }

    /** "Syntax error at line 1, column 10: encountered "FORM"" — Calcite's first line, without its list of expectations. */
    static String parseMessage(SqlParseException e) {
        SqlParserPos pos = e.getPos();
        String message = firstLine(e.getMessage());
        // Calcite ends the first line with " at line L, column C." itself; keep one position, in front.
        message = message.replaceFirst("\\s*at line \\d+, column \\d+\\.?$", "");
        if (pos == null) {
            return "Syntax error: " + message;
        }
        return "Syntax error at line " + pos.getLineNum() + ", column " + pos.getColumnNum() + ": " + message;
    }

    static JunctionException validation(ValidationException e) {
        Optional<JunctionException> coded = coded(e);
        if (coded.isPresent()) {
            return coded.get();
        }
        Optional<JunctionException> unavailable = engineUnavailable(e);
        if (unavailable.isPresent()) {
            return unavailable.get();
        }
        Throwable cause = e.getCause();
        if (cause instanceof CalciteContextException context) {
            String message = context.getCause() == null ? context.getMessage() : context.getCause().getMessage();
            String positioned = message + " (line " + context.getPosLine() + ", column " + context.getPosColumn() + ")";
            return new JunctionException(code(message), positioned, e);
        }
        return new JunctionException(ErrorCode.SQL_VALIDATION_ERROR, firstLine(e.getMessage()), e);
    }

    /** A coded failure raised inside Calcite's calls into Junction (a logical table's source missing, …). */
    static Optional<JunctionException> coded(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof JunctionException junction) {
                return Optional.of(junction);
            }
        }
        return Optional.empty();
    }

    /** ENGINE_UNAVAILABLE naming the engine, when reading an engine's metadata is what failed. */
    static Optional<JunctionException> engineUnavailable(Throwable e) {
        // The innermost cause says most: a refused connection rather than "could not list".
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof EngineUnavailableException unavailable) {
                return Optional.of(new JunctionException(ErrorCode.ENGINE_UNAVAILABLE,
                        firstLine(unavailable.getMessage()), e));
            }
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof CatalogException catalog) {
                return Optional.of(new JunctionException(ErrorCode.ENGINE_UNAVAILABLE,
                        "Engine '" + catalog.engineName() + "' could not list its tables: "
                                + firstLine(catalog.getCause().getMessage()), e));
            }
        }
        return Optional.empty();
    }

    private static ErrorCode code(String message) {
        if (message.startsWith("Object '") || message.startsWith("Table '")) {
            return ErrorCode.TABLE_NOT_FOUND;
        }
        if (message.startsWith("Column '") && message.contains("not found")) {
            return ErrorCode.COLUMN_NOT_FOUND;
        }
        return ErrorCode.SQL_VALIDATION_ERROR;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }
}
