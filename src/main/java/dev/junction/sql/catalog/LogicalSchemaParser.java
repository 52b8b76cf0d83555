package dev.junction.sql.catalog;

import dev.junction.config.ConnectorFiles;
import dev.junction.error.ErrorCode;
import dev.junction.error.JunctionException;
import org.apache.calcite.sql.type.SqlTypeName;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a connector file of {@code type=logical}: {@code table.<name>.source} (one physical table, or replicas
 * separated by commas) and {@code table.<name>.columns} per table (see connectors/tpch.properties). Fails with the file, the key and the reason.
 */
public final class LogicalSchemaParser {
    private static final Pattern KEY = Pattern.compile("table\\.([A-Za-z_][A-Za-z0-9_]*)\\.(source|columns)");
    private static final Pattern COLUMN = Pattern.compile(
            "([A-Za-z_][A-Za-z0-9_]*)\\s+([A-Za-z][A-Za-z ]*?)\\s*(?:\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\))?"
                    + "\\s*(?:=\\s*([A-Za-z_][A-Za-z0-9_]*))?");
    private static final Set<SqlTypeName> TYPES = Set.of(SqlTypeName.BOOLEAN, SqlTypeName.TINYINT, SqlTypeName.SMALLINT,
            SqlTypeName.INTEGER, SqlTypeName.BIGINT, SqlTypeName.REAL, SqlTypeName.DOUBLE, SqlTypeName.DECIMAL,
            SqlTypeName.CHAR, SqlTypeName.VARCHAR, SqlTypeName.DATE, SqlTypeName.TIME, SqlTypeName.TIMESTAMP);

    private LogicalSchemaParser() {
    }

    /** The tables the file declares, in name order. */
    public static List<LogicalTableDefinition> parse(Path file) {
        Properties properties = ConnectorFiles.load(file);
        TreeMap<String, String[]> tables = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.equals("type") || key.equals("enabled")) {
                continue;
            }
            Matcher matcher = KEY.matcher(key);
            if (!matcher.matches()) {
                throw invalid(file, "unknown key '" + key + "' (a logical schema has type, table.<name>.source and "
                        + "table.<name>.columns)");
            }
            String[] parts = tables.computeIfAbsent(matcher.group(1), name -> new String[2]);
            parts[matcher.group(2).equals("source") ? 0 : 1] = properties.getProperty(key).strip();
        }
        List<LogicalTableDefinition> definitions = new ArrayList<>();
        tables.forEach((name, parts) -> {
            if (parts[0] == null || parts[0].isEmpty()) {
                throw invalid(file, "key 'table." + name + ".source' is missing");
            }
            if (parts[1] == null || parts[1].isEmpty()) {
                throw invalid(file, "key 'table." + name + ".columns' is missing");
            }
            definitions.add(new LogicalTableDefinition(name, sources(file, name, parts[0]), columns(file, name, parts[1])));
        });
        return definitions;
    }

    /** One physical table, or several replicas separated by commas. */
    private static List<List<String>> sources(Path file, String table, String value) {
        List<List<String>> sources = new ArrayList<>();
        Set<String> connectors = new LinkedHashSet<>();
        for (String item : value.split(",")) {
            List<String> path = Arrays.stream(item.strip().split("\\.")).map(String::strip).toList();
            if (path.size() < 2 || path.stream().anyMatch(String::isEmpty)) {
                throw invalid(file, "key 'table." + table + ".source' has '" + item.strip()
                        + "', expected <connector>.<table> or <connector>.<schema…>.<table>, replicas separated by commas");
            }
            if (!connectors.add(path.get(0).toLowerCase(Locale.ROOT))) {
                throw invalid(file, "key 'table." + table + ".source' names two replicas in connector '"
                        + path.get(0) + "'; replicas must be in different engines");
            }
            sources.add(path);
        }
        return sources;
    }

    private static List<LogicalColumn> columns(Path file, String table, String value) {
        List<LogicalColumn> columns = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (String item : splitOutsideParentheses(value)) {
            Matcher matcher = COLUMN.matcher(item.strip());
            if (!matcher.matches()) {
                throw invalid(file, "key 'table." + table + ".columns' has '" + item.strip()
                        + "', expected '<column> <TYPE>[(<length>[,<scale>])][=<physical column>]'");
            }
            String name = matcher.group(1);
            if (!names.add(name.toLowerCase(Locale.ROOT))) {
                throw invalid(file, "key 'table." + table + ".columns' names column '" + name + "' twice");
            }
            SqlTypeName type = SqlTypeName.get(matcher.group(2).strip().toUpperCase(Locale.ROOT));
            if (type == null || !TYPES.contains(type)) {
                throw invalid(file, "key 'table." + table + ".columns' gives column '" + name + "' the unknown type '"
                        + matcher.group(2).strip() + "'");
            }
            columns.add(new LogicalColumn(name, type,
                    matcher.group(3) == null ? -1 : Integer.parseInt(matcher.group(3)),
                    matcher.group(4) == null ? -1 : Integer.parseInt(matcher.group(4)),
                    matcher.group(5) == null ? name : matcher.group(5)));
        }
        return columns;
    }

    private static List<String> splitOutsideParentheses(String value) {
        List<String> items = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                items.add(value.substring(start, i));
                start = i + 1;
            }
        }
        items.add(value.substring(start));
        return items;
    }

    private static JunctionException invalid(Path file, String problem) {
        return new JunctionException(ErrorCode.INVALID_CONFIGURATION, "Logical schema file " + file + ": " + problem);
    }
}
