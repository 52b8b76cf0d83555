package dev.junction.sql;

import dev.junction.connector.ConnectorRegistry;
import dev.junction.connector.trino.TrinoConnector;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;

/**
 * With a 1 MiB memory limit per query: rows the gateway must hold (a sort over a split join's 15,000 rows) end
 * the query with MEMORY_LIMIT_EXCEEDED, while rows it only streams past (the probe side of a hash join, 60,175
 * lineitems) do not count.
 */
@QuarkusTest
@TestProfile(MemoryLimitIT.SmallMemoryLimit.class)
class MemoryLimitIT {
    /** The gateway with a 1 MiB memory limit per query. */
    public static class SmallMemoryLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("junction.query.memory-limit", "1M");
        }
    }

    @Inject
    ConnectorRegistry connectors;

    @Test
    void rowsASortHoldsCountAgainstTheLimit() {
        query("select o.orderkey, o.totalprice, c.name from tpch.orders o join tpch.customer c"
                + " on o.custkey = c.custkey order by o.totalprice desc")
                .statusCode(429)
                .body("error.code", equalTo("MEMORY_LIMIT_EXCEEDED"))
                .body("error.category", equalTo("resources"))
                .body("error.message", matchesPattern("Query [0-9a-f-]{36} needs to hold more than 1 MiB of rows in the"
                        + " gateway \\(junction\\.query\\.memory-limit\\); filter or aggregate more in the engines"));
    }

    @Test
    void rowsOnlyStreamedPastDoNotCount() throws SQLException {
        String semiJoin = "select l.orderkey, l.linenumber from %s l where l.orderkey in"
                + " (select o.orderkey from %s o where o.totalprice > 400000)";
        long expected = trinoCount("select count(*) from (" + semiJoin.formatted("tpch.tiny.lineitem", "tpch.tiny.orders")
                + ")");
        query(semiJoin.formatted("tpch.lineitem", "tpch.orders"))
                .statusCode(200)
                .body("rows", hasSize((int) expected))
                .body("metadata.fragments.find { it.sql.contains('\"linenumber\"') }.rows", equalTo(60175));
    }

    private long trinoCount(String sql) throws SQLException {
        try (Connection connection = ((TrinoConnector) connectors.get("trino")).endpoint().open();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static ValidatableResponse query(String sql) {
        return given().contentType(ContentType.JSON).body(Map.of("sql", sql)).when().post("/api/v1/query").then();
    }
}
