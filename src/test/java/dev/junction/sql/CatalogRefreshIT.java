package dev.junction.sql;

import dev.junction.connector.ConnectorRegistry;
import dev.junction.connector.ignite.IgniteConnector;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

/**
 * The catalog keeps each engine's table list once read; a table created in an engine afterwards is found after a
 * refresh, without restarting the gateway.
 */
@QuarkusTest
class CatalogRefreshIT {
    private static final String PROBE = "TPCH.REFRESH_PROBE";

    @Inject
    ConnectorRegistry connectors;

    @Test
    void aTableCreatedInAnEngineIsFoundAfterARefresh() throws SQLException {
        ignite("DROP TABLE IF EXISTS " + PROBE);
        // The gateway reads Ignite's TPCH tables now, before the probe table exists.
        query("select count(*) as n from ignite.TPCH.REGION").statusCode(200).body("rows", equalTo(List.of(List.of(5))));
        ignite("CREATE TABLE " + PROBE + " (ID BIGINT PRIMARY KEY, NAME VARCHAR)");
        ignite("INSERT INTO " + PROBE + " (ID, NAME) VALUES (1, 'a'), (2, 'b'), (3, 'c')");

        String sql = "select count(*) as n from ignite.TPCH.REFRESH_PROBE";
        query(sql).statusCode(400).body("error.code", equalTo("TABLE_NOT_FOUND"));

        long generation = given().when().get("/api/v1/catalog").then().statusCode(200)
                .extract().jsonPath().getLong("generation");
        given().when().post("/api/v1/catalog/refresh")
                .then().statusCode(200)
                .body("generation", equalTo((int) generation + 1))
                .body("schemas", hasItems("druid", "ignite", "tpch", "trino"));

        query(sql).statusCode(200)
                .body("rows", equalTo(List.of(List.of(3))))
                .body("metadata.fragments.engine", equalTo(List.of("ignite")));
    }

    @AfterEach
    void dropProbe() throws SQLException {
        ignite("DROP TABLE IF EXISTS " + PROBE);
    }

    private void ignite(String sql) throws SQLException {
        try (Connection connection = ((IgniteConnector) connectors.get("ignite")).endpoint().open();
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static ValidatableResponse query(String sql) {
        return given().contentType(ContentType.JSON).body(Map.of("sql", sql)).when().post("/api/v1/query").then();
    }
}
