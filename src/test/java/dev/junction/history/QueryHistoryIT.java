package dev.junction.history;

import dev.junction.connector.ConnectorRegistry;
import dev.junction.connector.trino.TrinoConnector;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * The query history over the real engines, kept in the local stack's PostgreSQL: finished, failed and split
 * queries with their fragments, the engine's own ids for them, and the rows in PostgreSQL itself.
 */
@QuarkusTest
class QueryHistoryIT {
    private static final String POSTGRES_URL = "jdbc:postgresql://127.0.0.1:"
            + System.getenv().getOrDefault("JUNCTION_POSTGRES_PORT", "15432") + "/junction";

    @Inject
    ConnectorRegistry connectors;

    @Test
    void aFinishedQueryIsRecordedWithItsFragmentAndTrinosQueryId() throws SQLException {
        String sql = "select name from trino.tpch.tiny.region where name <> '" + UUID.randomUUID() + "' order by name";
        JsonPath answer = post(sql, 200);
        String queryId = answer.getString("metadata.query_id");
        String sent = answer.getString("metadata.fragments[0].sql");

        JsonPath recorded = ended(queryId);
        assertThat(recorded.getString("sql")).isEqualTo(sql);
        assertThat(recorded.getString("state")).isEqualTo("finished");
        assertThat(recorded.getString("error_code")).isNull();
        assertThat(recorded.getString("shape")).isEqualTo("route");
        assertThat(recorded.getLong("row_count")).isEqualTo(5);
        assertThat(recorded.getList("fragments")).hasSize(1);
        assertThat(recorded.getString("fragments[0].engine")).isEqualTo("trino");
        assertThat(recorded.getString("fragments[0].sql")).isEqualTo(sent);
        assertThat(recorded.getLong("fragments[0].rows")).isEqualTo(5);
        assertThat(recorded.<Object>get("fragments[0].ms")).isInstanceOf(Integer.class);
        assertThat(recorded.getString("fragments[0].state")).isEqualTo("finished");
        assertThat(recorded.getBoolean("fragments[0].cancelled")).isFalse();
        // Trino knows the statement under the id the history shows.
        assertThat(trinoQueryText(recorded.getString("fragments[0].engine_query_id"))).containsExactly(sent);

        // Stored in PostgreSQL, not in an embedded database.
        assertThat(postgresRows("select state, row_count, sql_text from junction_query where id = ?", queryId))
                .containsExactly(List.of("finished", "5", sql));
        assertThat(postgresRows("select engine, engine_query_id, row_count, cancelled from junction_query_fragment"
                + " where query_id = ? order by position", queryId))
                .containsExactly(List.of("trino", recorded.getString("fragments[0].engine_query_id"), "5", "f"));
    }

    @Test
    void aParseErrorIsRecordedAsFailedWithItsCode() {
        String sql = "selec '" + UUID.randomUUID() + "'";
        post(sql, 400);
        String queryId = HistoryLookup.failedQueryId(sql);

        given().when().get("/api/v1/queries/" + queryId)
                .then().statusCode(200)
                .body("state", equalTo("failed"))
                .body("error_code", equalTo("SQL_PARSE_ERROR"))
                .body("error_message",
                        equalTo("Syntax error at line 1, column 1: Non-query expression encountered in illegal context"))
                .body("shape", nullValue())
                .body("fragments", empty());
    }

    @Test
    void aSplitQueryHasOneFragmentPerEngine() {
        String sql = "select c.mktsegment, count(*) from tpch.customer c join tpch.orders o on o.custkey = c.custkey"
                + " group by c.mktsegment";
        JsonPath answer = post(sql, 200);
        String queryId = answer.getString("metadata.query_id");
        ended(queryId);

        given().when().get("/api/v1/queries/" + queryId)
                .then().statusCode(200)
                .body("state", equalTo("finished"))
                .body("shape", equalTo("split"))
                .body("row_count", equalTo(5))
                .body("fragments", hasSize(2))
                .body("fragments.engine", containsInAnyOrder("ignite", "druid"))
                .body("fragments.find { it.engine == 'druid' }.sql",
                        equalTo(answer.getString("metadata.fragments.find { it.engine == 'druid' }.sql")))
                .body("fragments.find { it.engine == 'druid' }.rows", equalTo(15000))
                // Druid runs each fragment under the sqlQueryId Junction set on its connection.
                .body("fragments.find { it.engine == 'druid' }.engine_query_id", notNullValue())
                .body("fragments.find { it.engine == 'ignite' }.sql",
                        equalTo(answer.getString("metadata.fragments.find { it.engine == 'ignite' }.sql")))
                .body("fragments.find { it.engine == 'ignite' }.rows", equalTo(1500))
                // Ignite's JDBC driver does not tell a query id.
                .body("fragments.find { it.engine == 'ignite' }.engine_query_id", nullValue())
                .body("fragments.cancelled", containsInAnyOrder(false, false));
    }

    @Test
    void theListIsNewestFirstAndHonoursLimitAndState() {
        String first = post("select count(*) from trino.tpch.tiny.nation", 200).getString("metadata.query_id");
        String second = post("select count(*) from trino.tpch.tiny.region", 200).getString("metadata.query_id");
        ended(first);
        ended(second);
        List<String> newest = given().when().get("/api/v1/queries?limit=2&state=finished")
                .then().statusCode(200).extract().jsonPath().getList("query_id");
        assertThat(newest).containsExactly(second, first);
    }

    @Test
    void anUnknownIdIsQueryNotFound() {
        given().when().get("/api/v1/queries/3f2c0e4e-0000-0000-0000-000000000000")
                .then().statusCode(404)
                .body("error.code", equalTo("QUERY_NOT_FOUND"))
                .body("error.message", equalTo("No query has the id '3f2c0e4e-0000-0000-0000-000000000000'"));
    }

    private static JsonPath post(String sql, int status) {
        return given().contentType(ContentType.JSON).body(Map.of("sql", sql))
                .when().post("/api/v1/query")
                .then().statusCode(status).extract().jsonPath();
    }

    /** The recorded query once its end reached the store (writes are asynchronous). */
    private static JsonPath ended(String queryId) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> given().when().get("/api/v1/queries/" + queryId)
                .then().extract().jsonPath(), json -> json.getString("ended_at") != null);
    }

    private List<String> trinoQueryText(String trinoQueryId) throws SQLException {
        try (Connection connection = ((TrinoConnector) connectors.get("trino")).endpoint().open();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT query FROM system.runtime.queries WHERE query_id = ?")) {
            statement.setString(1, trinoQueryId);
            return strings(statement, 1);
        }
    }

    private static List<List<String>> postgresRows(String sql, String queryId) throws SQLException {
        Properties credentials = new Properties();
        credentials.setProperty("user", "junction");
        credentials.setProperty("password", "junction");
        try (Connection connection = new org.postgresql.Driver().connect(POSTGRES_URL, credentials);
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, queryId);
            try (ResultSet rows = statement.executeQuery()) {
                List<List<String>> result = new ArrayList<>();
                int columns = rows.getMetaData().getColumnCount();
                while (rows.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 1; i <= columns; i++) {
                        row.add(rows.getString(i));
                    }
                    result.add(row);
                }
                return result;
            }
        }
    }

    private static List<String> strings(PreparedStatement statement, int column) throws SQLException {
        try (ResultSet rows = statement.executeQuery()) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(column));
            }
            return values;
        }
    }
}
