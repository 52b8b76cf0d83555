package dev.junction.sql.catalog;

import dev.junction.error.ErrorCode;
import dev.junction.error.JunctionException;
import dev.junction.spi.Capability;
import dev.junction.spi.EngineRole;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Table;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.util.SqlBasicVisitor;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How one statement's replicated logical tables choose the engine they are read from. In this order: the engine
 * a hint names ({@code /*+ engine(trino) *}{@code /}); a replica in an engine with the role the query's mode asks
 * for ({@code batch}, {@code realtime}, {@code cache}); else the replica in the engine that holds most of the
 * statement's other tables, when that engine joins inside itself, because the statement then runs there whole
 * instead of moving the rows of both sides to the gateway; else the replica declared first.
 *
 * <p>Made for one planning: {@link #prepare} reads the validated statement, then the logical tables choose while
 * the statement is converted to relational algebra, and {@link #decisions()} tells what each chose and why.
 */
public final class ReplicaChoice {
    /** What a replicated table was read from, and why: shown by EXPLAIN. */
    public record Decision(String table, String engine, String reason) {
    }

    private final Function<String, Set<EngineRole>> roles;
    private final Function<String, Set<Capability>> capabilities;
    private final Map<String, Decision> decisions = new LinkedHashMap<>();
    private Optional<String> forcedEngine = Optional.empty();
    private Set<EngineRole> forcedRoles = Set.of();
    private String forcedBy = "";
    private Map<String, Integer> tablesPerEngine = Map.of();

    /**
     * @param roles the roles of a connector, by name (empty for an unknown one)
     * @param capabilities the capabilities of a connector, by name (empty for an unknown one)
     */
    public ReplicaChoice(Function<String, Set<EngineRole>> roles, Function<String, Set<Capability>> capabilities) {
        this.roles = roles;
        this.capabilities = capabilities;
    }

    /**
     * Replicas are read from this engine wherever they have one.
     *
     * @throws JunctionException SQL_VALIDATION_ERROR when no connector has this name
     */
    public void forceEngine(String engine) {
        if (roles.apply(engine).isEmpty()) {
            throw new JunctionException(ErrorCode.SQL_VALIDATION_ERROR,
                    "Hint engine(" + engine + ") names no connector");
        }
        this.forcedEngine = Optional.of(engine);
    }

    /** Replicas are read from an engine with one of these roles wherever they have one; {@code why} names the mode. */
    public void forceRoles(Set<EngineRole> wanted, String why) {
        this.forcedRoles = Set.copyOf(wanted);
        this.forcedBy = why;
    }

    /** Counts, per engine, the tables the validated statement reads that live in that engine alone. */
    public void prepare(SchemaPlus root, SqlNode validated) {
        Map<String, Integer> counts = new HashMap<>();
        validated.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlIdentifier identifier) {
                if (identifier.names.size() >= 2) {
                    engineOf(root, identifier.names).ifPresent(engine -> counts.merge(engine, 1, Integer::sum));
                }
                return null;
            }
        });
        this.tablesPerEngine = Map.copyOf(counts);
    }

    /** What each replicated table chose, in the order they were first read. */
    public List<Decision> decisions() {
        return List.copyOf(decisions.values());
    }

    /** The replica a table is read from, among its sources (each a connector, then the engine's path). */
    List<String> choose(String table, List<List<String>> sources) {
        List<String> chosen;
        String reason;
        Optional<List<String>> named = forcedEngine.flatMap(engine -> sources.stream()
                .filter(source -> source.get(0).equalsIgnoreCase(engine)).findFirst());
        Optional<List<String>> withRole = sources.stream()
                .filter(source -> roles.apply(source.get(0)).stream().anyMatch(forcedRoles::contains)).findFirst();
        Optional<List<String>> colocated = colocated(sources);
        if (named.isPresent()) {
            chosen = named.get();
            reason = "hint engine(" + forcedEngine.get() + ")";
        } else if (withRole.isPresent()) {
            chosen = withRole.get();
            reason = forcedBy + " asks for " + roleNames(forcedRoles);
        } else if (colocated.isPresent()) {
            chosen = colocated.get();
            int others = tablesPerEngine.get(chosen.get(0));
            reason = "joins inside " + chosen.get(0) + " with the statement's " + others + " other "
                    + (others == 1 ? "table" : "tables") + " there";
        } else {
            chosen = sources.get(0);
            reason = "declared first";
        }
        decisions.putIfAbsent(table, new Decision(table, chosen.get(0), reason));
        return chosen;
    }

    /** The replica in the joining engine holding most of the statement's other tables, when one holds more. */
    private Optional<List<String>> colocated(List<List<String>> sources) {
        List<String> best = null;
        int bestCount = 0;
        for (List<String> source : sources) {
            String engine = source.get(0);
            int count = tablesPerEngine.getOrDefault(engine, 0);
            if (count > bestCount && capabilities.apply(engine).contains(Capability.JOIN_PUSHDOWN)) {
                best = source;
                bestCount = count;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The engine of the table a name path leads to, when it is a table in one engine only. */
    private static Optional<String> engineOf(SchemaPlus root, List<String> names) {
        Schema schema = root;
        for (String level : names.subList(0, names.size() - 1)) {
            schema = LogicalTable.found(schema.subSchemas(), level);
            if (schema == null) {
                return Optional.empty();
            }
        }
        Table table = LogicalTable.found(schema.tables(), names.get(names.size() - 1));
        if (table == null) {
            return Optional.empty();
        }
        if (table instanceof LogicalTable logical) {
            List<List<String>> sources = logical.definition().sources();
            return sources.size() == 1 ? Optional.of(sources.get(0).get(0)) : Optional.empty();
        }
        return Optional.of(names.get(0));
    }

    private static String roleNames(Set<EngineRole> wanted) {
        return "an engine with role " + wanted.stream().map(role -> role.name().toLowerCase(Locale.ROOT)).sorted()
                .collect(Collectors.joining(" or "));
    }
}
