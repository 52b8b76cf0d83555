package dev.junction.sql.catalog;

import java.util.List;
import java.util.Objects;

/**
 * A table of a logical schema: its columns, and the physical table in an engine that holds its rows.
 *
 * @param name the table's name in its logical schema
 * @param source the physical table's path: connector, then the engine's own levels, then the table
 * @param columns the columns, in order
 */
public record LogicalTableDefinition(String name, List<String> source, List<LogicalColumn> columns) {
    public LogicalTableDefinition {
        Objects.requireNonNull(name, "name");
        source = List.copyOf(source);
        columns = List.copyOf(columns);
        if (source.size() < 2) {
            throw new IllegalArgumentException("a source needs a connector and a table: " + source);
        }
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("table " + name + " has no columns");
        }
    }
}
