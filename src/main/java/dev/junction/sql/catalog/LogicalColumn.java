package dev.junction.sql.catalog;

import org.apache.calcite.sql.type.SqlTypeName;

import java.util.Objects;

/**
 * One column of a logical table.
 *
 * @param name its name in SQL
 * @param type its declared SQL type
 * @param precision length or digits, or -1 when the type has none
 * @param scale digits after the point, or -1
 * @param physicalName the column of the physical table it reads (case-insensitive)
 */
public record LogicalColumn(String name, SqlTypeName type, int precision, int scale, String physicalName) {
    public LogicalColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(physicalName, "physicalName");
    }
}
