package dev.junction.api.jdbc;

import dev.junction.connector.ConnectorRegistry;
import dev.junction.jdbc.JunctionDriver;
import dev.junction.sql.EngineActivity;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

/**
 * Junction's own driver (Avatica's plus cancel and query timeout) against the real engines: {@code cancel()} from
 * another thread and {@code setQueryTimeout()} stop the query on every engine it reached, as the engines report,
 * and leave the statement usable.
 */
@QuarkusTest
class JunctionDriverIT {
    /** Minutes of Ignite work: 2.25 million LIKE matches over long strings. */
    private static final String SLOW_IGNITE = "select count(*) as n from ignite.TPCH.CUSTOMER a, ignite.TPCH.CUSTOMER b"
            + " where a.COMMENT || a.COMMENT || a.COMMENT || a.COMMENT || a.COMMENT || a.COMMENT || a.COMMENT"
            + " || a.COMMENT || a.COMMENT || a.COMMENT || a.COMMENT || a.COMMENT like '%' || substring(b.COMMENT, 5, 4)"
            + " || '%' || b.NAME";
    private static final String SLOW_IGNITE_PATTERN = "%LIKE '%' || SUBSTRING(%";

    @TestHTTPResource("/jdbc")
    URI endpoint;

    @Inject
    ConnectorRegistry connectors;

    @Test
    void theDriverTakesJunctionUrlsAndNamesItself() throws SQLException {
        JunctionDriver driver = new JunctionDriver();
        assertThat(driver.acceptsURL(url())).isTrue();
        assertThat(driver.acceptsURL(JdbcUrls.url(endpoint, "protobuf"))).isFalse();
        try (Connection connection = connect("timeout", "1m");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select count(*) from tpch.nation")) {
            assertThat(connection.getMetaData().getDriverName()).isEqualTo("Junction JDBC Driver");
            assertThat(rows.next()).isTrue();
            assertThat(rows.getLong(1)).isEqualTo(25);
        }
    }

    @Test
    void cancelFromAnotherThreadStopsTheQueryInTrinoAndTheStatementRunsAgain() throws Exception {
        String sql = "select avg(extendedprice) as p from trino.tpch.sf300.lineitem";
        String pattern = "%AVG(\"extendedprice\")%\"sf300\".\"lineitem\"%";
        try (Connection connection = connect("timeout", "5m");
             Statement statement = connection.createStatement()) {
            CompletableFuture<SQLException> answer = JdbcUrls.firstRowInBackground(statement, sql);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(EngineActivity.trinoState(connectors, pattern)).contains(List.of("RUNNING", "")));

            statement.cancel();

            JdbcUrls.assertCancelled(answer);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(EngineActivity.trinoState(connectors, pattern))
                            .contains(List.of("FAILED", "USER_CANCELED")));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().when().get("/api/v1/queries")
                    .then().statusCode(200)
                    .body("find { it.sql == '" + sql + "' }.state", equalTo("cancelled"))
                    .body("find { it.sql == '" + sql + "' }.fragments.cancelled", contains(true)));

            // Still open and usable: the next query on it answers.
            try (ResultSet rows = statement.executeQuery("select count(*) from tpch.region")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getLong(1)).isEqualTo(5);
            }
        }
    }

    @Test
    void cancelReachesBothEnginesOfASplitPreparedQuery() throws Exception {
        String sql = "select t.m, i.n from (select max(extendedprice) as m from trino.tpch.sf300.lineitem"
                + " where quantity > ?) t cross join (" + SLOW_IGNITE + ") i";
        String trinoPattern = "%MAX(\"extendedprice\")%\"sf300\".\"lineitem\"%";
        try (Connection connection = connect("timeout", "5m");
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setInt(1, 10);
            CompletableFuture<SQLException> answer = JdbcUrls.inBackground(() -> {
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                }
            });
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(EngineActivity.trinoState(connectors, trinoPattern)).contains(List.of("RUNNING", ""));
                assertThat(EngineActivity.igniteRunning(connectors, SLOW_IGNITE_PATTERN)).isEqualTo(1);
            });

            statement.cancel();

            JdbcUrls.assertCancelled(answer);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(EngineActivity.trinoState(connectors, trinoPattern))
                        .contains(List.of("FAILED", "USER_CANCELED"));
                assertThat(EngineActivity.igniteRunning(connectors, SLOW_IGNITE_PATTERN)).isZero();
            });
            // Found in Java: the SQL's quotes and percent signs do not fit in a GPath expression.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                Map<String, Object> recorded = given().when().get("/api/v1/queries").then().statusCode(200).extract()
                        .jsonPath().<Map<String, Object>>getList("").stream()
                        .filter(query -> sql.equals(query.get("sql"))).findFirst().orElseThrow();
                assertThat(recorded.get("state")).isEqualTo("cancelled");
                assertThat((List<?>) recorded.get("fragments")).extracting("engine", "cancelled")
                        .containsExactly(tuple("trino", true), tuple("ignite", true));
            });
        }
    }

    @Test
    void setQueryTimeoutEndsTheQueryInTrinoAndZeroGoesBackToTheConnectionsTimeout() throws Exception {
        String sql = "select avg(tax) as t from trino.tpch.sf300.lineitem";
        try (Connection connection = connect("timeout", "5m");
             Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(2);
            SQLException timeout = catchThrowableOfType(SQLException.class, () -> statement.executeQuery(sql));
            assertThat(timeout.getErrorCode()).as(timeout.getMessage()).isEqualTo(3000);
            assertThat(timeout.getSQLState()).isEqualTo("HYT00");
            assertThat(timeout.getMessage()).contains("QUERY_TIMEOUT: The query did not finish within its timeout of"
                    + " 2.0 s");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(EngineActivity.trinoState(connectors, "%AVG(\"tax\")%\"sf300\".\"lineitem\"%"))
                            .contains(List.of("FAILED", "USER_CANCELED")));

            // Zero: the connection's 5 minutes again. A query still running 3 s later is then ended by cancel,
            // where the statement's old 2 s would have timed it out.
            statement.setQueryTimeout(0);
            String next = "select avg(discount) as d from trino.tpch.sf300.lineitem";
            long started = System.nanoTime();
            CompletableFuture<SQLException> answer = JdbcUrls.firstRowInBackground(statement, next);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(EngineActivity.trinoState(
                    connectors, "%AVG(\"discount\")%\"sf300\".\"lineitem\"%")).contains(List.of("RUNNING", "")));
            Thread.sleep(Math.max(0, 3000 - Duration.ofNanos(System.nanoTime() - started).toMillis()));
            assertThat(answer).isNotDone();
            statement.cancel();
            JdbcUrls.assertCancelled(answer);
        }
    }

    @Test
    void aPreparedStatementsQueryTimeoutEndsItOnIgnite() throws Exception {
        try (Connection connection = connect("timeout", "5m");
             PreparedStatement statement = connection.prepareStatement(SLOW_IGNITE + " and a.CUSTKEY > ?")) {
            statement.setInt(1, 0);
            statement.setQueryTimeout(3);
            SQLException timeout = catchThrowableOfType(SQLException.class, statement::executeQuery);
            assertThat(timeout.getErrorCode()).as(timeout.getMessage()).isEqualTo(3000);
            assertThat(timeout.getSQLState()).isEqualTo("HYT00");
            assertThat(timeout.getMessage()).contains("within its timeout of 3.0 s");
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(EngineActivity.igniteRunning(connectors, SLOW_IGNITE_PATTERN)).isZero());
    }

    @Test
    void theStatementRequestsAnswerCodedErrors() {
        given().when().post("/jdbc/connections/nobody/statements/12345/cancel").then().statusCode(404)
                .body("error.code", equalTo("RESOURCE_NOT_FOUND"))
                .body("error.message", equalTo("Connection nobody has no open statement 12345"));
        given().contentType("application/json").body("{\"timeout_ms\": 1000}")
                .when().put("/jdbc/connections/nobody/statements/12345/timeout").then().statusCode(404)
                .body("error.code", equalTo("RESOURCE_NOT_FOUND"));
        given().contentType("application/json").body("{}")
                .when().put("/jdbc/connections/nobody/statements/12345/timeout").then().statusCode(400)
                .body("error.code", equalTo("INVALID_REQUEST"))
                .body("error.message", equalTo("The body must be {\"timeout_ms\": <milliseconds>}"));
    }

    private String url() {
        return JunctionDriver.PREFIX + "url=" + endpoint + ";serialization=protobuf";
    }

    private Connection connect(String... properties) throws SQLException {
        return JdbcUrls.connect(url(), properties);
    }
}
