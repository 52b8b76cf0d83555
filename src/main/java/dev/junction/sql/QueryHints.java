package dev.junction.sql;

import dev.junction.error.ErrorCode;
import dev.junction.error.JunctionException;
import dev.junction.sql.catalog.ReplicaChoice;
import org.apache.calcite.sql.SqlHint;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;

import java.util.List;
import java.util.Locale;

/**
 * The hints Junction reads from a statement's outermost SELECT: {@code /*+ mode(batch) *}{@code /} chooses
 * replicas as the REST {@code mode} does, and overrides it; {@code /*+ engine(trino) *}{@code /} reads every
 * replicated table from that engine where it has a replica.
 */
final class QueryHints {
    private QueryHints() {
    }

    /**
     * Applies the statement's hints to its choice of replicas.
     *
     * @throws JunctionException SQL_VALIDATION_ERROR for an unknown hint, or one with a wrong option
     */
    static void apply(SqlNode query, ReplicaChoice replicas) {
        SqlNode outer = query instanceof SqlOrderBy orderBy ? orderBy.query : query;
        if (!(outer instanceof SqlSelect select) || select.getHints() == null) {
            return;
        }
        for (SqlNode node : select.getHints()) {
            SqlHint hint = (SqlHint) node;
            String name = hint.getName().toLowerCase(Locale.ROOT);
            List<String> options = hint.getOptionList();
            switch (name) {
                case "mode" -> {
                    QueryMode mode = QueryMode.parse(single(name, options)).orElseThrow(() -> invalid(
                            "Hint mode(" + options.get(0) + ") names no mode; use auto, batch, realtime or cache"));
                    replicas.forceRoles(mode.roles(), "hint mode(" + mode.externalName() + ")");
                }
                case "engine" -> replicas.forceEngine(single(name, options));
                default -> throw invalid("Unknown hint '" + hint.getName()
                        + "'; Junction reads mode(auto|batch|realtime|cache) and engine(<connector>)");
            }
        }
    }

    private static String single(String hint, List<String> options) {
        if (options.size() != 1) {
            throw invalid("Hint " + hint + " takes one option, e.g. " + hint + "(" + ("mode".equals(hint) ? "batch" : "trino")
                    + "); got " + options.size());
        }
        return options.get(0);
    }

    private static JunctionException invalid(String message) {
        return new JunctionException(ErrorCode.SQL_VALIDATION_ERROR, message);
    }
}
