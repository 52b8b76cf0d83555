package dev.junction.sql.exec;

import org.apache.calcite.sql.type.SqlTypeName;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One statement the plan sends to one engine.
 *
 * @param engine the connector that runs it
 * @param sql the statement, in the engine's dialect, with {@code ?} for the query's parameters
 * @param columnTypes the SQL type of each column it returns, in order
 * @param parameters for each {@code ?} in order, the index of the query parameter bound to it
 */
public record FragmentSpec(String engine, String sql, List<SqlTypeName> columnTypes, List<Integer> parameters) {
    public FragmentSpec {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(sql, "sql");
        columnTypes = List.copyOf(columnTypes);
        parameters = List.copyOf(parameters);
    }

    /** The column types as one string constant for generated code ("BIGINT,VARCHAR"). */
    public String encodedColumnTypes() {
        return columnTypes.stream().map(SqlTypeName::name).collect(Collectors.joining(","));
    }

    /** The parameter indexes as one string constant for generated code ("0,2"). */
    public String encodedParameters() {
        return parameters.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    static FragmentSpec decode(String engine, String sql, String columnTypes, String parameters) {
        return new FragmentSpec(engine, sql,
                columnTypes.isEmpty() ? List.of() : Arrays.stream(columnTypes.split(",")).map(SqlTypeName::valueOf).toList(),
                parameters.isEmpty() ? List.of() : Arrays.stream(parameters.split(",")).map(Integer::valueOf).toList());
    }
}
