package dev.junction.sql;

import java.util.Objects;

/**
 * One column of a result.
 *
 * @param name as the query names it
 * @param type its SQL type: BIGINT, INTEGER, DOUBLE, DECIMAL(p,s), VARCHAR, DATE, TIMESTAMP, BOOLEAN, …
 */
public record Column(String name, String type) {
    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
