package dev.junction.history;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** Without a metadata URL the query history lives in embedded H2, and failed queries are recorded there too. */
@QuarkusTest
@TestProfile(TestEmbeddedQueryHistory.EmbeddedMetadata.class)
class TestEmbeddedQueryHistory {
    /** No metadata URL, and engines that listen nowhere: nothing here needs the local stack. */
    public static class EmbeddedMetadata implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("junction.metadata.url", "", "junction.connectors.dir", "src/test/resources/connectors-unreachable");
        }
    }

    @Inject
    @DataSource("h2")
    AgroalDataSource h2;

    @Test
    void aParseErrorIsRecordedAsFailedInH2() throws Exception {
        String sql = "selec '" + UUID.randomUUID() + "'";
        given().contentType(ContentType.JSON).body(Map.of("sql", sql))
                .when().post("/api/v1/query")
                .then().statusCode(400)
                .body("error.code", equalTo("SQL_PARSE_ERROR"))
                .body("error.message", equalTo(PARSE_ERROR));

        String queryId = HistoryLookup.failedQueryId(sql);

        given().when().get("/api/v1/queries/" + queryId)
                .then().statusCode(200)
                .body("query_id", equalTo(queryId))
                .body("sql", equalTo(sql))
                .body("state", equalTo("failed"))
                .body("error_code", equalTo("SQL_PARSE_ERROR"))
                .body("error_message", equalTo(PARSE_ERROR))
                .body("shape", nullValue())
                .body("row_count", equalTo(0))
                .body("elapsed_ms", equalTo(0))
                .body("fragments", empty());

        try (Connection connection = h2.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "select state, error_code, sql_text from junction_query where id = ?")) {
            statement.setString(1, queryId);
            try (ResultSet row = statement.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString(1)).isEqualTo("failed");
                assertThat(row.getString(2)).isEqualTo("SQL_PARSE_ERROR");
                assertThat(row.getString(3)).isEqualTo(sql);
            }
        }
    }

    @Test
    void anUnknownIdIsQueryNotFound() {
        given().when().get("/api/v1/queries/no-such-query")
                .then().statusCode(404)
                .body("error.code", equalTo("QUERY_NOT_FOUND"))
                .body("error.message", equalTo("No query has the id 'no-such-query'"));
    }

    @Test
    void aBadLimitOrStateIsAnInvalidRequest() {
        given().when().get("/api/v1/queries?limit=1001")
                .then().statusCode(400)
                .body("error.code", equalTo("INVALID_REQUEST"))
                .body("error.message", equalTo("limit must be a number between 1 and 1000, got '1001'"));
        given().when().get("/api/v1/queries?state=done")
                .then().statusCode(400)
                .body("error.code", equalTo("INVALID_REQUEST"))
                .body("error.message", equalTo("Unknown state 'done'; use running, finished, failed, cancelled or timed_out"));
    }

    private static final String PARSE_ERROR =
            "Syntax error at line 1, column 1: Non-query expression encountered in illegal context";
}
