package dev.junction.sql.catalog;

import java.util.List;
import java.util.Objects;

/**
 * A table of a logical schema: its columns, and the physical tables in engines that hold its rows: one, or
 * several replicas holding the same rows, of which each query reads one ({@link ReplicaChoice}).
 *
 * @param name the table's name in its logical schema
 * @param sources each physical table's path: connector, then the engine's own levels, then the table; the first
 *     is the one read when nothing else decides
 * @param columns the columns, in order
 */
public record LogicalTableDefinition(String name, List<List<String>> sources, List<LogicalColumn> columns) {
    public LogicalTableDefinition {
        Objects.requireNonNull(name, "name");
        sources = sources.stream().map(List::copyOf).toList();
        columns = List.copyOf(columns);
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("table " + name + " has no source");
        }
        for (List<String> source : sources) {
            if (source.size() < 2) {
                throw new IllegalArgumentException("a source needs a connector and a table: " + source);
            }
        }
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("table " + name + " has no columns");
        }
    }

    /** Whether the rows are held in more than one engine's table. */
    public boolean replicated() {
        return sources.size() > 1;
    }
}
