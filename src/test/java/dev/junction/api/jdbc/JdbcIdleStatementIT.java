package dev.junction.api.jdbc;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.apache.calcite.avatica.AvaticaClientRuntimeException;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** A client that stops reading and never closes: the gateway closes its statement, ending the query. */
@QuarkusTest
@TestProfile(JdbcIdleStatementIT.ShortIdleTimeout.class)
class JdbcIdleStatementIT {
    @TestHTTPResource("/jdbc")
    URI endpoint;

    @Inject
    JunctionMeta meta;

    @Test
    void anAbandonedStatementIsClosedAndItsQueryEnded() throws SQLException {
        String sql = "select orderkey, comment from trino.tpch.sf1.orders";
        try (Connection connection = JdbcUrls.connect(endpoint, "timeout", "5m")) {
            Statement statement = connection.createStatement();
            statement.setFetchSize(10);
            ResultSet rows = statement.executeQuery(sql);
            for (int i = 0; i < 10; i++) {
                assertThat(rows.next()).isTrue();
            }
            assertThat(meta.openStatements()).isEqualTo(1);

            await().atMost(Duration.ofSeconds(30)).until(() -> meta.openStatements() == 0);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().when().get("/api/v1/queries")
                    .then().statusCode(200)
                    .body("find { it.sql == '" + sql + "' }.state", equalTo("cancelled"))
                    // Reading the 10th row made the driver fetch the next frame already.
                    .body("find { it.sql == '" + sql + "' }.row_count", equalTo(20)));

            // The next frame fails rather than ending the result early. The stock driver lets a failed fetch out of
            // ResultSet.next() unchecked.
            AvaticaClientRuntimeException closed = catchThrowableOfType(AvaticaClientRuntimeException.class, () -> {
                while (rows.next()) {
                    rows.getLong(1);
                }
            });
            assertThat(closed.getErrorCode()).isEqualTo(1010);
            assertThat(closed.getSqlState()).isEqualTo("57014");
            assertThat(closed.getMessage()).matches("Remote driver error: QUERY_CANCELLED: Statement \\d+ was closed"
                    + " before its last row \\(unused for longer than junction\\.jdbc\\.idle-timeout\\?\\); run the query"
                    + " again");
        }
    }

    /**
     * Statements unused for 5 s are closed. Not 2 s: on the loaded 2-core CI machine (Trino generating sf1 rows, the
     * engines warming up) the client once paused that long between two of its first ten rows, and its statement was
     * closed while the test still read it.
     */
    public static class ShortIdleTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("junction.jdbc.idle-timeout", "5s");
        }
    }
}
