package dev.junction.sql;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * Replicated logical tables (connectors/tpch.properties: tpch.nation and tpch.region in Ignite, declared first,
 * and in Trino): which replica a statement reads, by hint, mode or the statement's other tables, and the same
 * rows from either.
 */
@QuarkusTest
class ReplicatedTableIT {
    @Test
    void aReplicatedTableReadAloneComesFromTheReplicaDeclaredFirst() {
        String sql = "select name from tpch.nation where nationkey = 3";
        query(Map.of("sql", sql, "explain", true))
                .statusCode(200)
                .body("explain.replicas", equalTo(List.of(
                        Map.of("table", "tpch.nation", "engine", "ignite", "reason", "declared first"))));
        query(Map.of("sql", sql))
                .statusCode(200)
                .body("rows", equalTo(List.of(List.of("CANADA"))))
                .body("metadata.shape", equalTo("route"))
                .body("metadata.fragments.engine", equalTo(List.of("ignite")));
    }

    @Test
    void aReplicatedTableJoinsInsideTheEngineOfTheStatementsOtherTables() {
        // supplier lives in Trino: nation is read from Trino too, and the whole join runs there.
        query(Map.of("sql", "select s.name, n.name as nation from tpch.supplier s join tpch.nation n"
                + " on s.nationkey = n.nationkey where s.suppkey <= 3 order by s.suppkey"))
                .statusCode(200)
                .body("rows", equalTo(List.of(List.of("Supplier#000000001", "PERU"),
                        List.of("Supplier#000000002", "ETHIOPIA"), List.of("Supplier#000000003", "ARGENTINA"))))
                .body("metadata.shape", equalTo("route"))
                .body("metadata.fragments", hasSize(1))
                .body("metadata.fragments[0].engine", equalTo("trino"))
                .body("metadata.fragments[0].sql", equalTo("""
                        SELECT "t0"."name", "t1"."name" AS "nation"
                        FROM (SELECT "suppkey", "name", "nationkey"
                        FROM "tpch"."tiny"."supplier"
                        WHERE "suppkey" <= 3) AS "t0"
                        INNER JOIN (SELECT CAST("nationkey" AS BIGINT) AS "nationkey", CAST("name" AS VARCHAR(25)) AS "name"
                        FROM "tpch"."tiny"."nation") AS "t1" ON "t0"."nationkey" = "t1"."nationkey"
                        ORDER BY "t0"."suppkey\""""));

        // customer lives in Ignite: nation and region are read from Ignite, and the join runs there.
        String customersInEurope = "select count(*) as n from tpch.customer c join tpch.nation n on c.nationkey = n.nationkey"
                + " join tpch.region r on n.regionkey = r.regionkey where r.name = 'EUROPE'";
        query(Map.of("sql", customersInEurope, "explain", true))
                .statusCode(200)
                .body("explain.replicas", equalTo(List.of(
                        Map.of("table", "tpch.nation", "engine", "ignite",
                                "reason", "joins inside ignite with the statement's 1 other table there"),
                        Map.of("table", "tpch.region", "engine", "ignite",
                                "reason", "joins inside ignite with the statement's 1 other table there"))));
        query(Map.of("sql", customersInEurope))
                .statusCode(200)
                // What Trino answers over tpch.tiny.
                .body("rows", equalTo(List.of(List.of(272))))
                .body("metadata.shape", equalTo("route"))
                .body("metadata.fragments.engine", equalTo(List.of("ignite")));
    }

    @Test
    void theModeChoosesAReplicaInAnEngineWithItsRole() {
        String sql = "select count(*) as n from tpch.region";
        query(Map.of("sql", sql, "mode", "batch"))
                .statusCode(200)
                .body("rows", equalTo(List.of(List.of(5))))
                .body("metadata.fragments.engine", equalTo(List.of("trino")));
        query(Map.of("sql", sql, "mode", "realtime"))
                .statusCode(200)
                .body("rows", equalTo(List.of(List.of(5))))
                .body("metadata.fragments.engine", equalTo(List.of("ignite")));
        query(Map.of("sql", sql, "mode", "batch", "explain", true))
                .statusCode(200)
                .body("explain.replicas[0].reason", equalTo("mode batch asks for an engine with role batch"));
        query(Map.of("sql", sql, "mode", "realtime", "explain", true))
                .statusCode(200)
                .body("explain.replicas[0].reason", equalTo("mode realtime asks for an engine with role hot or timeseries"));
        query(Map.of("sql", sql, "mode", "cache", "explain", true))
                .statusCode(200)
                .body("explain.replicas[0].engine", equalTo("ignite"));
    }

    @Test
    void aHintChoosesTheEngineAndOverridesTheMode() {
        query(Map.of("sql", "select /*+ engine(trino) */ count(*) as n from tpch.nation"))
                .statusCode(200)
                .body("rows", equalTo(List.of(List.of(25))))
                .body("metadata.fragments.engine", equalTo(List.of("trino")));
        query(Map.of("sql", "select /*+ mode(batch) */ count(*) as n from tpch.nation", "mode", "realtime",
                "explain", true))
                .statusCode(200)
                .body("explain.replicas[0].engine", equalTo("trino"))
                .body("explain.replicas[0].reason", equalTo("hint mode(batch) asks for an engine with role batch"));
    }

    @Test
    void unknownHintsAreRefusedByName() {
        query(Map.of("sql", "select /*+ fast */ count(*) from tpch.nation"))
                .statusCode(400)
                .body("error.code", equalTo("SQL_VALIDATION_ERROR"))
                .body("error.message", equalTo(
                        "Unknown hint 'fast'; Junction reads mode(auto|batch|realtime|cache) and engine(<connector>)"));
        query(Map.of("sql", "select /*+ engine(oracle) */ count(*) from tpch.nation"))
                .statusCode(400)
                .body("error.code", equalTo("SQL_VALIDATION_ERROR"))
                .body("error.message", equalTo("Hint engine(oracle) names no connector"));
        query(Map.of("sql", "select /*+ mode(fastest) */ count(*) from tpch.nation"))
                .statusCode(400)
                .body("error.message", equalTo("Hint mode(fastest) names no mode; use auto, batch, realtime or cache"));
    }

    @Test
    void everyReplicaGivesTheSameRowsAndTypes() {
        String sql = "select nationkey, name, regionkey, comment from tpch.nation order by nationkey";
        ValidatableResponse fromTrino = query(Map.of("sql", sql, "mode", "batch")).statusCode(200)
                .body("metadata.fragments.engine", equalTo(List.of("trino")));
        ValidatableResponse fromIgnite = query(Map.of("sql", sql, "mode", "cache")).statusCode(200)
                .body("metadata.fragments.engine", equalTo(List.of("ignite")));
        List<List<Object>> trinoRows = fromTrino.extract().jsonPath().getList("rows");
        assertThat(trinoRows).hasSize(25);
        assertThat(fromIgnite.extract().jsonPath().<List<Object>>getList("rows")).isEqualTo(trinoRows);
        assertThat(fromIgnite.extract().jsonPath().<String>getList("columns.type"))
                .isEqualTo(fromTrino.extract().jsonPath().getList("columns.type"))
                .containsExactly("BIGINT", "VARCHAR", "BIGINT", "VARCHAR");
    }

    private static ValidatableResponse query(Map<String, ?> body) {
        return given().contentType(ContentType.JSON).body(body).when().post("/api/v1/query").then();
    }
}
