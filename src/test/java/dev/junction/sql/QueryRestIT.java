package dev.junction.sql;

import dev.junction.connector.ConnectorRegistry;
import dev.junction.connector.trino.TrinoConnector;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * POST /api/v1/query against the real engines: each test checks the rows, the plan's shape, and the exact
 * SQL each engine received.
 */
@QuarkusTest
class QueryRestIT {
    @Inject
    ConnectorRegistry connectors;

    @Test
    void aQueryOverOneEngineIsRoutedWholeToIt() {
        query(Map.of("sql", "select count(*) as n from trino.tpch.tiny.nation where regionkey = 1"))
                .statusCode(200)
                .body("columns", equalTo(List.of(Map.of("name", "n", "type", "BIGINT"))))
                .body("rows", equalTo(List.of(List.of(5))))
                .body("metadata.shape", equalTo("route"))
                .body("metadata.fragments", hasSize(1))
                .body("metadata.fragments[0].engine", equalTo("trino"))
                .body("metadata.fragments[0].sql", equalTo("""
                        SELECT COUNT(*) AS "n"
                        FROM "tpch"."tiny"."nation"
                        WHERE "regionkey" = 1"""))
                .body("metadata.fragments[0].rows", equalTo(1))
                .body("metadata.fragments[0].state", equalTo("finished"))
                .body("metadata.cache", equalTo("bypass"))
                .body("metadata.partial", equalTo(false));
    }

    @Test
    void logicalTablesKeepTrinoNamesAndTypesAndBindParameters() {
        query(Map.of("sql", "select partkey, name, size, retailprice from tpch.part where partkey <= ? order by partkey",
                "parameters", List.of(2)))
                .statusCode(200)
                .body("columns.name", contains("partkey", "name", "size", "retailprice"))
                .body("columns.type", contains("BIGINT", "VARCHAR", "INTEGER", "DOUBLE"))
                .body("rows", equalTo(List.of(
                        List.of(1, "goldenrod lavender spring chocolate lace", 7, 901.0f),
                        List.of(2, "blush thistle blue yellow saddle", 1, 902.0f))))
                .body("metadata.fragments[0].sql", equalTo("""
                        SELECT "partkey", "name", "size", "retailprice"
                        FROM "tpch"."tiny"."part"
                        WHERE "partkey" <= ?
                        ORDER BY "partkey\""""));
    }

    @Test
    void aThreeWayIgniteJoinInsideASplitQueryIsWrittenSoIgniteParsesIt() {
        // The planner nests the Ignite joins on the right; H2 1.4 cannot parse "JOIN ((SELECT …) AS t0 CROSS JOIN …)".
        // 7656 = the triples of nation keys 0..24 with 2a > b + c.
        query(Map.of("sql", "select t.m, i.n from (select max(nationkey) as m from trino.tpch.tiny.nation) t cross join"
                + " (select count(*) as n from ignite.TPCH.NATION a, ignite.TPCH.NATION b, ignite.TPCH.NATION c"
                + " where a.NATIONKEY * 2 > b.NATIONKEY + c.NATIONKEY) i"))
                .statusCode(200)
                .body("rows", equalTo(List.of(List.of(24, 7656))))
                .body("metadata.shape", equalTo("split"))
                .body("metadata.fragments.engine", contains("trino", "ignite"));
    }

    @Test
    void aJoinAcrossEnginesIsSplitIntoOneFragmentPerEngineAndMergedHere() throws SQLException {
        String join = "select c.mktsegment, count(*) as n, sum(o.totalprice) as total from %s c join %s o"
                + " on o.custkey = c.custkey group by c.mktsegment order by c.mktsegment";
        ValidatableResponse response = query(Map.of("sql", join.formatted("tpch.customer", "tpch.orders")))
                .statusCode(200)
                .body("metadata.shape", equalTo("split"))
                .body("metadata.fragments.engine", containsInAnyOrder("ignite", "druid"))
                .body("metadata.fragments.find { it.engine == 'druid' }.sql", equalTo("""
                        SELECT "custkey", "totalprice"
                        FROM "druid"."orders\""""))
                .body("metadata.fragments.find { it.engine == 'druid' }.rows", equalTo(15000))
                .body("metadata.fragments.find { it.engine == 'ignite' }.rows", equalTo(1500));

        List<List<Object>> expected = trinoRows(join.formatted("tpch.tiny.customer", "tpch.tiny.orders"));
        // Doubles as doubles: RestAssured reads JSON numbers as floats by default.
        List<List<Object>> actual = JsonPath.from(response.extract().asString())
                .using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE)).getList("rows");
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i).get(0)).isEqualTo(expected.get(i).get(0));
            assertThat(((Number) actual.get(i).get(1)).longValue()).isEqualTo(((Number) expected.get(i).get(1)).longValue());
            double truth = ((Number) expected.get(i).get(2)).doubleValue();
            assertThat(((Number) actual.get(i).get(2)).doubleValue()).isCloseTo(truth, within(Math.abs(truth) * 1e-9));
        }
    }

    @Test
    void aDruidAggregateIsRoutedToDruidWithTheLogicalNamesMapped() {
        query(Map.of("sql", "select count(*) as n from tpch.lineitem where shipdate >= date '1998-01-01'"))
                .statusCode(200)
                .body("rows", equalTo(List.of(List.of(trinoCount(
                        "select count(*) from tpch.tiny.lineitem where shipdate >= date '1998-01-01'")))))
                .body("metadata.shape", equalTo("route"))
                .body("metadata.fragments[0].engine", equalTo("druid"));
    }

    @Test
    void aFunctionDruidLacksRunsHereOverTheRowsDruidReturns() {
        query(Map.of("sql", "select count(*) as n from druid.orders where rand() < 2"))
                .statusCode(200)
                .body("rows", equalTo(List.of(List.of(15000))))
                .body("metadata.shape", equalTo("engine_and_gateway"))
                .body("metadata.fragments", hasSize(1))
                .body("metadata.fragments[0].engine", equalTo("druid"))
                .body("metadata.fragments[0].sql", equalTo("SELECT *\nFROM \"druid\".\"orders\""))
                .body("metadata.fragments[0].rows", equalTo(15000));
    }

    @Test
    void trinoRunsRandButARandWithASeedRunsHere() {
        query(Map.of("sql", "select count(*) as n from trino.tpch.tiny.orders where rand() < 2"))
                .statusCode(200)
                .body("rows", equalTo(List.of(List.of(15000))))
                .body("metadata.shape", equalTo("route"))
                .body("metadata.fragments[0].sql", equalTo("""
                        SELECT COUNT(*) AS "n"
                        FROM "tpch"."tiny"."orders"
                        WHERE RAND() < 2.0E0"""));
        // Trino's rand(7) is an integer below 7, not a double seeded with 7.
        query(Map.of("sql", "select count(*) as n from trino.tpch.tiny.orders where rand(7) < 2"))
                .statusCode(200)
                .body("rows", equalTo(List.of(List.of(15000))))
                .body("metadata.shape", equalTo("engine_and_gateway"))
                .body("metadata.fragments[0].sql", equalTo("SELECT *\nFROM \"tpch\".\"tiny\".\"orders\""))
                .body("metadata.fragments[0].rows", equalTo(15000));
    }

    @Test
    void aStatementPlannedBeforeComesFromThePlanCacheWithItsParametersBoundAnew() {
        String sql = "select name from tpch.nation where nationkey = ? and regionkey >= 0";
        query(Map.of("sql", sql, "parameters", List.of(7)))
                .statusCode(200)
                .body("rows", equalTo(List.of(List.of("GERMANY"))))
                .body("metadata.plan_cached", equalTo(false));
        query(Map.of("sql", sql, "parameters", List.of(8)))
                .statusCode(200)
                .body("rows", equalTo(List.of(List.of("INDIA"))))
                .body("metadata.plan_cached", equalTo(true));
    }

    @Test
    void malformedSqlIsAParseErrorWithLineAndColumn() {
        query(Map.of("sql", "select *\nfrom trino.tpch.tiny.nation\nwehre nationkey = 1"))
                .statusCode(400)
                .body("error.code", equalTo("SQL_PARSE_ERROR"))
                .body("error.number", equalTo(1001))
                .body("error.message", equalTo("Syntax error at line 3, column 7: Encountered \"nationkey\""));
    }

    @Test
    void anUnknownTableIsNamed() {
        query(Map.of("sql", "select * from trino.tpch.tiny.nations"))
                .statusCode(400)
                .body("error.code", equalTo("TABLE_NOT_FOUND"))
                .body("error.message", equalTo("Object 'nations' not found within 'trino.tpch.tiny' (line 1, column 15)"));
    }

    @Test
    void anUnknownColumnIsNamed() {
        query(Map.of("sql", "select nationkey, colour from trino.tpch.tiny.nation"))
                .statusCode(400)
                .body("error.code", equalTo("COLUMN_NOT_FOUND"))
                .body("error.message", equalTo("Column 'colour' not found in any table (line 1, column 19)"));
    }

    @Test
    void writesAreRejected() {
        query(Map.of("sql", "insert into trino.memory.\"default\".t values (1)"))
                .statusCode(400)
                .body("error.code", equalTo("STATEMENT_NOT_ALLOWED"))
                .body("error.message", equalTo("Junction is read-only over SQL: INSERT statements are not accepted "
                        + "(metric events enter through POST /api/v1/metrics)"));
        query(Map.of("sql", "create table trino.memory.\"default\".t (x int)"))
                .statusCode(400)
                .body("error.code", equalTo("STATEMENT_NOT_ALLOWED"));
    }

    @Test
    void parameterCountMustMatch() {
        query(Map.of("sql", "select name from trino.tpch.tiny.nation where nationkey = ?"))
                .statusCode(400)
                .body("error.code", equalTo("INVALID_REQUEST"))
                .body("error.message", equalTo("The query has 1 parameters (?) but 0 values were given"));
    }

    @Test
    void cancellingAnUnknownQueryIsNotFound() {
        given().when().delete("/api/v1/query/no-such-query")
                .then().statusCode(404)
                .body("error.code", equalTo("QUERY_NOT_FOUND"));
    }

    @Test
    void explainShowsTheFragmentsWithoutRunningThem() {
        query(Map.of("sql", "select count(*) from trino.tpch.tiny.region", "explain", true))
                .statusCode(200)
                .body("explain.shape", equalTo("route"))
                .body("explain.fragments[0].engine", equalTo("trino"))
                .body("explain.fragments[0].sql", equalTo("SELECT COUNT(*)\nFROM \"tpch\".\"tiny\".\"region\""))
                .body("metadata.fragments", hasSize(0));
    }

    private List<List<Object>> trinoRows(String sql) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Connection connection = ((TrinoConnector) connectors.get("trino")).endpoint().open();
             Statement statement = connection.createStatement();
             ResultSet resultSet = statement.executeQuery(sql)) {
            while (resultSet.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= resultSet.getMetaData().getColumnCount(); i++) {
                    row.add(resultSet.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private int trinoCount(String sql) {
        try {
            return ((Number) trinoRows(sql).get(0).get(0)).intValue();
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static ValidatableResponse query(Map<String, ?> body) {
        return given().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/query")
                .then();
    }
}
