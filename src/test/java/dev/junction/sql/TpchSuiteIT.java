package dev.junction.sql;

import dev.junction.connector.ConnectorRegistry;
import dev.junction.connector.trino.TrinoConnector;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The 22 TPC-H queries (src/test/resources/tpch/qNN.sql) over the logical schema {@code tpch}, each compared with
 * what Trino answers for the same text over {@code tpch.tiny}: rows in order, strings and integers exactly,
 * doubles within 1e-9 relative (1e-9 absolute near zero), dates as "YYYY-MM-DD".
 *
 * <p>Rows are compared in order, except among rows that tie on the query's ORDER BY columns ({@link #SORT_KEYS}):
 * those are compared as a multiset, since the order of ties is the engine's choice. Over tpch.tiny no query's
 * answer has such ties, so every row is in fact compared at its position.
 *
 * <p>The files hold the spec's text with the validation parameters and unqualified table names; without the
 * column prefixes, names such as {@code name} are ambiguous, so each table carries the spec's prefix as its alias
 * ({@code l_orderkey} is written {@code l.orderkey}), and Q11's {@code value}, a reserved word, is quoted.
 */
@QuarkusTest
public class TpchSuiteIT {
    private static final double TOLERANCE = 1e-9;
    private static final Duration HTTP_TIMEOUT = Duration.ofMinutes(10);

    /** A table name in a FROM list: right after FROM, JOIN or a list's comma. */
    private static final Pattern TABLE_REFERENCE = Pattern.compile(
            "(?i)(\\bfrom\\s+|\\bjoin\\s+|,\\s*)(lineitem|orders|customer|nation|region|partsupp|part|supplier)\\b");

    /** How many tables each query names in its FROM lists (subqueries included), as the TPC-H text has them. */
    private static final int[] TABLE_REFERENCES = {1, 9, 3, 2, 6, 1, 6, 8, 6, 4, 6, 2, 2, 2, 2, 3, 3, 4, 2, 5, 6, 3};

    /**
     * The shape and engines EXPLAIN must show for each query, given where the demo keeps the tables (part, partsupp,
     * supplier in Trino; lineitem, orders in Druid; customer in Ignite; nation and region in Ignite and Trino):
     * tables in one joining engine run there whole ({@code route}: Q2, Q11, Q16 in Trino; Q6 in Druid); Druid
     * does not join, so Q4 and Q12 (orders with lineitem) are two Druid fragments joined here, and Q1's ORDER BY
     * over all of its groups is sorted here; every other query reads tables of several engines ({@code split}).
     */
    private static final Map<Integer, String> EXPLAINED = Map.ofEntries(
            Map.entry(1, "engine_and_gateway [druid]"), Map.entry(2, "route [trino]"),
            Map.entry(3, "split [druid, ignite]"), Map.entry(4, "split [druid]"),
            Map.entry(5, "split [druid, ignite, trino]"), Map.entry(6, "route [druid]"),
            Map.entry(7, "split [druid, ignite, trino]"), Map.entry(8, "split [druid, ignite, trino]"),
            Map.entry(9, "split [druid, trino]"), Map.entry(10, "split [druid, ignite]"),
            Map.entry(11, "route [trino]"), Map.entry(12, "split [druid]"), Map.entry(13, "split [druid, ignite]"),
            Map.entry(14, "split [druid, trino]"), Map.entry(15, "split [druid, trino]"),
            Map.entry(16, "route [trino]"), Map.entry(17, "split [druid, trino]"),
            Map.entry(18, "split [druid, ignite]"), Map.entry(19, "split [druid, trino]"),
            Map.entry(20, "split [druid, trino]"), Map.entry(21, "split [druid, trino]"),
            Map.entry(22, "split [druid, ignite]"));

    /** The output columns (0-based) each query's ORDER BY sorts on; none for single-row answers. */
    private static final Map<Integer, List<Integer>> SORT_KEYS = Map.ofEntries(
            Map.entry(1, List.of(0, 1)), Map.entry(2, List.of(0, 2, 1, 3)), Map.entry(3, List.of(1, 2)),
            Map.entry(4, List.of(0)), Map.entry(5, List.of(1)), Map.entry(6, List.of()),
            Map.entry(7, List.of(0, 1, 2)), Map.entry(8, List.of(0)), Map.entry(9, List.of(0, 1)),
            Map.entry(10, List.of(2)), Map.entry(11, List.of(1)), Map.entry(12, List.of(0)),
            Map.entry(13, List.of(1, 0)), Map.entry(14, List.of()), Map.entry(15, List.of(0)),
            Map.entry(16, List.of(3, 0, 1, 2)), Map.entry(17, List.of()), Map.entry(18, List.of(4, 3)),
            Map.entry(19, List.of()), Map.entry(20, List.of(0)), Map.entry(21, List.of(1, 0)),
            Map.entry(22, List.of(0)));

    @Inject
    ConnectorRegistry connectors;

    static IntStream queries() {
        return IntStream.rangeClosed(1, 22);
    }

    @Test
    void theTableRuleQualifiesEveryTableReferenceAndNothingElse() {
        for (int number = 1; number <= 22; number++) {
            String text = text(number);
            assertThat(TABLE_REFERENCE.matcher(text).results().count())
                    .as("table references in q%02d.sql", number).isEqualTo(TABLE_REFERENCES[number - 1]);
        }
        // Q9 names a column "nation" (in SELECT, GROUP BY and ORDER BY) besides the table.
        assertThat(qualify(text(9), "tpch"))
                .contains("select\n    nation,\n    o_year", "group by\n    nation,", "order by\n    nation,",
                        "    tpch.nation n\n");
        assertThat(qualify("select x from part p, partsupp ps join supplier s on true", "tpch.tiny"))
                .isEqualTo("select x from tpch.tiny.part p, tpch.tiny.partsupp ps join tpch.tiny.supplier s on true");
    }

    @ParameterizedTest(name = "Q{0}")
    @MethodSource("queries")
    void answersAsTrinoDoesOverTpchTiny(int number) throws SQLException {
        String text = text(number);
        String junctionSql = qualify(text, "tpch");
        Response response = answer(number, junctionSql);
        if (response.statusCode() != 200) {
            String why = "HTTP " + response.statusCode() + " " + response.path("error.code") + ": "
                    + response.path("error.message") + "\n" + explainedFragments(junctionSql);
            System.out.printf("TPC-H Q%02d FAIL %s%n", number, why);
            fail("Q%02d failed: %s", number, why);
        }
        JsonPath answer = JsonPath.from(response.asString())
                .using(new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
        List<Map<String, Object>> fragments = answer.getList("metadata.fragments");
        System.out.printf("TPC-H Q%02d shape=%s engines=%s fragments=%d planning_ms=%s execution_ms=%s rows=%d%n",
                number, answer.getString("metadata.shape"),
                fragments.stream().map(fragment -> fragment.get("engine")).distinct().sorted().toList(), fragments.size(),
                answer.get("metadata.planning_ms"), answer.get("metadata.execution_ms"),
                answer.getList("rows").size());

        List<String> problems = new ArrayList<>();
        if (fragments.isEmpty()) {
            problems.add("no fragments in metadata.fragments");
        }
        // "stopped": the plan needed no more of the fragment's rows (a merge join whose other side ended).
        fragments.stream().filter(fragment -> !List.of("finished", "stopped").contains(fragment.get("state")))
                .forEach(fragment -> problems.add("fragment on " + fragment.get("engine") + " ended "
                        + fragment.get("state") + ": " + fragment.get("sql")));
        Result expected = trino(qualify(text, "tpch.tiny"));
        List<String> columns = answer.getList("columns.name");
        List<List<Object>> rows = answer.getList("rows");
        problems.addAll(differences(expected, columns, rows, SORT_KEYS.get(number)));
        if (!problems.isEmpty()) {
            String why = String.join("\n", problems) + "\nfragments:\n" + fragments.stream()
                    .map(fragment -> fragment.get("engine") + " (" + fragment.get("state") + ", " + fragment.get("rows")
                            + " rows): " + fragment.get("sql"))
                    .reduce((a, b) -> a + "\n" + b).orElse("none") + "\nexplained: " + explainedFragments(junctionSql);
            System.out.printf("TPC-H Q%02d FAIL %s%n", number, why);
            fail("Q%02d differs from Trino: %s", number, why);
        }
    }

    @ParameterizedTest(name = "Q{0}")
    @MethodSource("queries")
    void explainShowsRouteOrSplitAsWhereTheTablesLiveRequires(int number) {
        JsonPath explained = JsonPath.from(post(Map.of("sql", qualify(text(number), "tpch"), "explain", true))
                .then().statusCode(200).extract().asString());
        List<String> engines = explained.<String>getList("explain.fragments.engine").stream().distinct().sorted().toList();
        assertThat(explained.getString("explain.shape") + " " + engines).as("Q%02d", number)
                .isEqualTo(EXPLAINED.get(number));
        // The shape in the answer's metadata is the one EXPLAIN announced.
        assertThat(explained.getString("metadata.shape")).isEqualTo(explained.getString("explain.shape"));
    }

    private static Response answer(int number, String sql) {
        try {
            return post(Map.of("sql", sql, "timeout", "120s"));
        } catch (Exception e) {
            if (e instanceof SocketTimeoutException) {
                System.out.printf("TPC-H Q%02d FAIL no answer within %s%n", number, HTTP_TIMEOUT);
                fail("Q%02d: no answer within %s (the query's timeout was 120 s)", number, HTTP_TIMEOUT);
            }
            throw e;
        }
    }

    /** Puts every table reference of a FROM list in the schema: "from part p" becomes "from tpch.part p". */
    public static String qualify(String sql, String schema) {
        return TABLE_REFERENCE.matcher(sql).replaceAll(
                match -> Matcher.quoteReplacement(match.group(1) + schema + "." + match.group(2)));
    }

    private static List<String> differences(Result expected, List<String> columns, List<List<Object>> actual,
            List<Integer> sortKeys) {
        if (columns.size() != expected.columns().size()) {
            return List.of("columns: Trino has " + expected.columns() + ", Junction " + columns);
        }
        if (actual.size() != expected.rows().size()) {
            return List.of("Trino returned " + expected.rows().size() + " rows, Junction " + actual.size()
                    + firstRows("Trino", expected.rows()) + firstRows("Junction", actual));
        }
        List<List<Object>> rows = expected.rows();
        for (int start = 0; start < rows.size(); ) {
            int end = start + 1;
            while (end < rows.size() && tied(rows.get(start), rows.get(end), sortKeys)) {
                end++;
            }
            List<List<Object>> unmatched = new ArrayList<>(rows.subList(start, end));
            for (int i = start; i < end; i++) {
                List<Object> row = actual.get(i);
                int match = IntStream.range(0, unmatched.size()).filter(k -> sameRow(unmatched.get(k), row))
                        .findFirst().orElse(-1);
                if (match < 0) {
                    String where = end - start == 1 ? "" : " (tied rows " + start + ".." + (end - 1) + ")";
                    return List.of("first differing row " + i + where + ": Trino " + rows.get(i)
                            + ", Junction " + row + firstDifference(expected.columns(), rows.get(i), row));
                }
                unmatched.remove(match);
            }
            start = end;
        }
        return List.of();
    }

    private static boolean tied(List<Object> a, List<Object> b, List<Integer> sortKeys) {
        return sortKeys.stream().allMatch(column -> same(a.get(column), b.get(column)));
    }

    private static boolean sameRow(List<Object> expected, List<Object> actual) {
        return expected.size() == actual.size()
                && IntStream.range(0, expected.size()).allMatch(i -> same(expected.get(i), actual.get(i)));
    }

    /** Trino's value (from JDBC) against Junction's (from JSON). */
    private static boolean same(Object expected, Object actual) {
        if (expected == null || actual == null) {
            return expected == actual;
        }
        return switch (expected) {
            case Double d -> actual instanceof Number n && close(d, n.doubleValue());
            case Float f -> actual instanceof Number n && close(f, n.doubleValue());
            case BigDecimal d -> actual instanceof Number n && close(d.doubleValue(), n.doubleValue());
            case Long l -> actual instanceof Number n && new BigDecimal(n.toString()).compareTo(BigDecimal.valueOf(l)) == 0;
            case Integer i -> actual instanceof Number n && new BigDecimal(n.toString()).compareTo(BigDecimal.valueOf(i)) == 0;
            case Short s -> actual instanceof Number n && new BigDecimal(n.toString()).compareTo(BigDecimal.valueOf(s)) == 0;
            case Date date -> date.toLocalDate().toString().equals(actual);
            default -> expected.equals(actual);
        };
    }

    private static boolean close(double expected, double actual) {
        return Math.abs(actual - expected) <= Math.max(TOLERANCE, Math.abs(expected) * TOLERANCE);
    }

    private static String firstDifference(List<String> columns, List<Object> expected, List<Object> actual) {
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            if (!same(expected.get(i), actual.get(i))) {
                return "; column " + columns.get(i) + ": Trino " + expected.get(i) + ", Junction " + actual.get(i);
            }
        }
        return "";
    }

    private static String firstRows(String engine, List<List<Object>> rows) {
        return "\n" + engine + "'s first rows: " + rows.subList(0, Math.min(3, rows.size()));
    }

    private Result trino(String sql) throws SQLException {
        try (Connection connection = ((TrinoConnector) connectors.get("trino")).endpoint().open();
             Statement statement = connection.createStatement();
             ResultSet resultSet = statement.executeQuery(sql)) {
            int count = resultSet.getMetaData().getColumnCount();
            List<String> columns = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                columns.add(resultSet.getMetaData().getColumnLabel(i));
            }
            List<List<Object>> rows = new ArrayList<>();
            while (resultSet.next()) {
                List<Object> row = new ArrayList<>(count);
                for (int i = 1; i <= count; i++) {
                    row.add(resultSet.getObject(i));
                }
                rows.add(row);
            }
            return new Result(columns, rows);
        }
    }

    /** The SQL of each fragment the plan would send, for the report of a query that failed. */
    private static String explainedFragments(String sql) {
        Response explain = post(Map.of("sql", sql, "explain", true));
        if (explain.statusCode() != 200) {
            return "explain: HTTP " + explain.statusCode() + " " + explain.path("error.message");
        }
        List<Map<String, Object>> fragments = explain.path("explain.fragments");
        return "shape " + explain.path("explain.shape") + ", fragments:\n" + fragments.stream()
                .map(fragment -> fragment.get("engine") + ": " + fragment.get("sql"))
                .reduce((a, b) -> a + "\n" + b).orElse("none") + "\nplan:\n" + explain.path("explain.plan");
    }

    private static Response post(Map<String, ?> body) {
        // Quarkus gives RestAssured 30 s; the query's own timeout (120 s) does not bound planning, which takes
        // minutes for some queries, so the client waits long enough to see every query's real outcome.
        RestAssuredConfig config = RestAssured.config().httpClient(HttpClientConfig.httpClientConfig()
                .setParam("http.socket.timeout", (int) HTTP_TIMEOUT.toMillis()));
        return given().config(config).contentType(ContentType.JSON).body(body).when().post("/api/v1/query");
    }

    public static String text(int number) {
        String path = "/tpch/q%02d.sql".formatted(number);
        try (InputStream in = TpchSuiteIT.class.getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new AssertionError("Cannot read " + path, e);
        }
    }

    /** Trino's answer: column labels and rows as its JDBC driver gives them. */
    private record Result(List<String> columns, List<List<Object>> rows) {
    }
}
