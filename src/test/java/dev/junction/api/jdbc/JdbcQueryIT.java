package dev.junction.api.jdbc;

import dev.junction.connector.ConnectorRegistry;
import dev.junction.connector.trino.TrinoConnector;
import dev.junction.sql.EngineActivity;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.calcite.avatica.AvaticaClientRuntimeException;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Queries through the stock Avatica driver against the real engines: the same planner and coordinator as REST, so
 * the answers, the history, timeouts and cancellation are the same.
 */
@QuarkusTest
class JdbcQueryIT {
    @TestHTTPResource("/jdbc")
    URI endpoint;

    @Inject
    ConnectorRegistry connectors;

    @Test
    void theDemoTablesHaveTheirRowCountsInBothSerializations() throws SQLException {
        for (String serialization : List.of("protobuf", "json")) {
            try (Connection connection = JdbcUrls.connect(JdbcUrls.url(endpoint, serialization));
                 Statement statement = connection.createStatement()) {
                List<Long> counts = new ArrayList<>();
                for (String table : List.of("nation", "region", "customer", "orders", "lineitem")) {
                    try (ResultSet rows = statement.executeQuery("select count(*) from tpch." + table)) {
                        assertThat(rows.next()).isTrue();
                        counts.add(rows.getLong(1));
                        assertThat(rows.next()).isFalse();
                    }
                }
                assertThat(counts).as(serialization).containsExactly(25L, 5L, 1500L, 15000L, 60175L);
            }
        }
    }

    @Test
    void valuesKeepTheirTypes() throws SQLException {
        try (Connection connection = JdbcUrls.connect(endpoint);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select orderkey, orderdate, totalprice, orderstatus, shippriority"
                     + " from tpch.orders where orderkey <= 3 order by orderkey")) {
            List<List<Object>> read = new ArrayList<>();
            while (rows.next()) {
                read.add(List.of(rows.getObject(1), rows.getObject(2), rows.getObject(3), rows.getObject(4),
                        rows.getObject(5)));
            }
            assertThat(read).containsExactly(
                    List.of(1L, Date.valueOf("1996-01-02"), 172799.49, "O", 0),
                    List.of(2L, Date.valueOf("1996-12-01"), 38426.09, "O", 0),
                    List.of(3L, Date.valueOf("1993-10-14"), 205654.3, "F", 0));
        }
    }

    @Test
    void aCrossEngineJoinWithParametersAnswersAsTrinoDoes() throws SQLException {
        // supplier is in Trino, nation in Ignite, orders in Druid.
        String sql = "select n.name, count(*) as suppliers, sum(s.acctbal) as balance from %s s join %s n"
                + " on s.nationkey = n.nationkey where n.regionkey = ? and s.acctbal > ? group by n.name order by n.name";
        try (Connection connection = JdbcUrls.connect(endpoint);
             PreparedStatement statement = connection.prepareStatement(sql.formatted("tpch.supplier", "tpch.nation"))) {
            assertThat(statement.getParameterMetaData().getParameterCount()).isEqualTo(2);
            for (long region : List.of(1L, 3L)) {
                statement.setLong(1, region);
                statement.setDouble(2, 1000.0);
                assertThat(read(statement.executeQuery())).as("region %d", region).isEqualTo(
                        trino(sql.formatted("tpch.tiny.supplier", "tpch.tiny.nation"), region, 1000.0));
            }
        }
        try (Connection connection = JdbcUrls.connect(endpoint);
             PreparedStatement statement = connection.prepareStatement("select count(*) from tpch.orders o"
                     + " join tpch.customer c on o.custkey = c.custkey where o.orderdate = ? and c.mktsegment = ?")) {
            statement.setDate(1, Date.valueOf(LocalDate.of(1996, 1, 2)));
            statement.setString(2, "BUILDING");
            try (ResultSet rows = statement.executeQuery()) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getLong(1)).isEqualTo(trinoCount("select count(*) from tpch.tiny.orders o join"
                        + " tpch.tiny.customer c on o.custkey = c.custkey where o.orderdate = DATE '1996-01-02'"
                        + " and c.mktsegment = 'BUILDING'"));
            }
        }
    }

    @Test
    void maxRowsLimitsTheRows() throws SQLException {
        try (Connection connection = JdbcUrls.connect(endpoint); Statement statement = connection.createStatement()) {
            statement.setMaxRows(7);
            statement.setFetchSize(3);
            try (ResultSet rows = statement.executeQuery("select nationkey from tpch.nation order by nationkey")) {
                List<Long> keys = new ArrayList<>();
                while (rows.next()) {
                    keys.add(rows.getLong(1));
                }
                assertThat(keys).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L);
            }
        }
    }

    @Test
    void errorsCarryJunctionsCodeAndSqlState() throws SQLException {
        try (Connection connection = JdbcUrls.connect(endpoint); Statement statement = connection.createStatement()) {
            SQLException missing = catchThrowableOfType(SQLException.class,
                    () -> statement.executeQuery("select * from tpch.nations"));
            assertThat(missing.getErrorCode()).isEqualTo(1002);
            assertThat(missing.getSQLState()).isEqualTo("42S02");
            assertThat(missing.getMessage()).isEqualTo("Error 1002 (42S02) : Error while executing SQL"
                    + " \"select * from tpch.nations\": Remote driver error:"
                    + " TABLE_NOT_FOUND: Object 'nations' not found within 'tpch' (line 1, column 15)");

            SQLException parse = catchThrowableOfType(SQLException.class, () -> statement.executeQuery("selec 1"));
            assertThat(parse.getErrorCode()).isEqualTo(1001);
            assertThat(parse.getSQLState()).isEqualTo("42000");

            PreparedStatement prepared = connection.prepareStatement(
                    "select count(*) from tpch.nation where regionkey = ?");
            prepared.setString(1, "one");
            SQLException parameter = catchThrowableOfType(SQLException.class, prepared::executeQuery);
            assertThat(parameter.getErrorCode()).isEqualTo(1000);
            assertThat(parameter.getSQLState()).isEqualTo("22023");
            assertThat(parameter.getMessage()).contains("INVALID_REQUEST: Parameter 1 must be a BIGINT, got one");
            prepared.setLong(1, 1);
            try (ResultSet rows = prepared.executeQuery()) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getLong(1)).isEqualTo(5);
            }
        }
        // The driver opens the connection on the server at its first request, and reports that failure unchecked.
        AvaticaClientRuntimeException badMode = catchThrowableOfType(AvaticaClientRuntimeException.class,
                () -> JdbcUrls.connect(endpoint, "mode", "fastest").createStatement());
        assertThat(badMode.getErrorCode()).isEqualTo(1000);
        assertThat(badMode.getSqlState()).isEqualTo("22023");
        assertThat(badMode.getMessage()).isEqualTo("Remote driver error: INVALID_REQUEST: Unknown mode 'fastest';"
                + " use auto, batch, realtime or cache");
    }

    @Test
    void theTimeoutPropertyEndsTheQueryAndTrinoCancelsIt() throws Exception {
        String sql = "select sum(discount) as d from trino.tpch.sf100.lineitem";
        try (Connection connection = JdbcUrls.connect(endpoint, "timeout", "2s");
             Statement statement = connection.createStatement()) {
            SQLException timeout = catchThrowableOfType(SQLException.class, () -> statement.executeQuery(sql));
            assertThat(timeout.getErrorCode()).isEqualTo(3000);
            assertThat(timeout.getSQLState()).isEqualTo("HYT00");
            assertThat(timeout.getMessage()).contains("QUERY_TIMEOUT: The query did not finish within its timeout of"
                    + " 2.0 s");
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(EngineActivity.trinoState(connectors, "%\"discount\"%\"sf100\".\"lineitem\"%"))
                        .contains(List.of("FAILED", "USER_CANCELED")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().when().get("/api/v1/queries")
                .then().statusCode(200)
                .body("find { it.sql == '" + sql + "' }.state", equalTo("timed_out")));
    }

    @Test
    void theTimeoutPropertyEndsAnIgniteQueryOnIgnite() throws Exception {
        // A three-way join of 1500 customers: minutes of work for Ignite.
        String sql = "select count(*) as n from ignite.TPCH.CUSTOMER a, ignite.TPCH.CUSTOMER b, ignite.TPCH.CUSTOMER c"
                + " where a.ACCTBAL * 2 > b.ACCTBAL + c.ACCTBAL";
        try (Connection connection = JdbcUrls.connect(endpoint, "timeout", "3s");
             Statement statement = connection.createStatement()) {
            SQLException timeout = catchThrowableOfType(SQLException.class, () -> statement.executeQuery(sql));
            assertThat(timeout.getErrorCode()).isEqualTo(3000);
            assertThat(timeout.getSQLState()).isEqualTo("HYT00");
            assertThat(timeout.getMessage()).contains("QUERY_TIMEOUT: The query did not finish within its timeout of"
                    + " 3.0 s");
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(EngineActivity.igniteRunning(connectors, "%CROSS JOIN%")).isZero());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().when().get("/api/v1/queries")
                .then().statusCode(200)
                .body("find { it.sql == '" + sql + "' }.state", equalTo("timed_out"))
                .body("find { it.sql == '" + sql + "' }.fragments.engine", org.hamcrest.Matchers.contains("ignite"))
                .body("find { it.sql == '" + sql + "' }.fragments.cancelled", org.hamcrest.Matchers.contains(true)));
    }

    @Test
    void cancellingAndClosingARunningStatementCancelsItInTrino() throws Exception {
        String sql = "select max(tax) as t from trino.tpch.sf300.lineitem";
        String pattern = "%\"tax\"%\"sf300\".\"lineitem\"%";
        try (Connection connection = JdbcUrls.connect(endpoint, "timeout", "5m")) {
            Statement statement = connection.createStatement();
            CompletableFuture<SQLException> answer = JdbcUrls.inBackground(() -> statement.executeQuery(sql).close());
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(EngineActivity.trinoState(connectors, pattern)).contains(List.of("RUNNING", "")));
            given().when().get("/api/v1/queries?state=running").then().statusCode(200)
                    .body("find { it.sql == '" + sql + "' }.state", equalTo("running"));

            statement.cancel();
            statement.close();

            JdbcUrls.assertCancelled(answer);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(EngineActivity.trinoState(connectors, pattern))
                            .contains(List.of("FAILED", "USER_CANCELED")));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().when().get("/api/v1/queries")
                    .then().statusCode(200)
                    .body("find { it.sql == '" + sql + "' }.state", equalTo("cancelled"))
                    .body("find { it.sql == '" + sql + "' }.fragments.cancelled", org.hamcrest.Matchers.contains(true)));
        }
    }

    @Test
    void deletingAJdbcQueryOverRestCancelsItInTrinoAndFailsTheWaitingClient() throws Exception {
        String sql = "select min(tax) as t from trino.tpch.sf300.lineitem";
        String pattern = "%MIN(\"tax\")%\"sf300\".\"lineitem\"%";
        try (Connection connection = JdbcUrls.connect(endpoint, "timeout", "5m");
             Statement statement = connection.createStatement()) {
            CompletableFuture<SQLException> answer = JdbcUrls.firstRowInBackground(statement, sql);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(EngineActivity.trinoState(connectors, pattern)).contains(List.of("RUNNING", "")));
            String queryId = given().when().get("/api/v1/queries?state=running").then().statusCode(200)
                    .extract().jsonPath().getString("find { it.sql == '" + sql + "' }.query_id");

            given().when().delete("/api/v1/query/" + queryId).then().statusCode(200);

            JdbcUrls.assertCancelled(answer);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(EngineActivity.trinoState(connectors, pattern))
                            .contains(List.of("FAILED", "USER_CANCELED")));
        }
    }

    @Test
    void aMillionRowResultIsReadInSmallFramesWithBoundedHeap() throws SQLException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        try (Connection connection = JdbcUrls.connect(endpoint, "timeout", "10m");
             Statement statement = connection.createStatement()) {
            statement.setFetchSize(200);
            System.gc();
            long baseline = memory.getHeapMemoryUsage().getUsed();
            long highest = 0;
            long count = 0;
            long keySum = 0;
            try (ResultSet rows = statement.executeQuery(
                    "select orderkey, custkey, totalprice, orderdate, comment from trino.tpch.sf1.orders")) {
                while (rows.next()) {
                    count++;
                    keySum += rows.getLong(1);
                    if (count % 250_000 == 0) {
                        System.gc();
                        highest = Math.max(highest, memory.getHeapMemoryUsage().getUsed() - baseline);
                    }
                }
            }
            assertThat(count).isEqualTo(1_500_000);
            assertThat(keySum).isEqualTo(trinoCount("select sum(orderkey) from tpch.sf1.orders"));
            // Held whole, these rows would take several hundred MB; read in frames, the heap barely grows.
            assertThat(highest).as("heap growth while reading, bytes").isLessThan(96L * 1024 * 1024);
        }
    }

    private static List<List<Object>> read(ResultSet rows) throws SQLException {
        List<List<Object>> read = new ArrayList<>();
        try (rows) {
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    Object value = rows.getObject(i);
                    // Sums of doubles differ in the last bits with the order of addition.
                    row.add(value instanceof Double d ? Math.round(d * 100) / 100.0 : value);
                }
                read.add(row);
            }
        }
        return read;
    }

    private List<List<Object>> trino(String sql, Object... parameters) throws SQLException {
        try (Connection connection = ((TrinoConnector) connectors.get("trino")).endpoint().open();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return read(statement.executeQuery());
        }
    }

    private long trinoCount(String sql) throws SQLException {
        return ((Number) trino(sql).get(0).get(0)).longValue();
    }
}
