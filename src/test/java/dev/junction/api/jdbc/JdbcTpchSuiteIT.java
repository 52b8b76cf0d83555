package dev.junction.api.jdbc;

import dev.junction.sql.TpchSuiteIT;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The 22 TPC-H queries over the logical schema {@code tpch} through the stock Avatica driver answer exactly what
 * REST answers for the same text: same columns, same rows in the same order, numbers equal within 1e-9 relative.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JdbcTpchSuiteIT {
    @TestHTTPResource("/jdbc")
    URI endpoint;

    private Connection connection;

    static IntStream queries() {
        return IntStream.rangeClosed(1, 22);
    }

    @BeforeAll
    void connect() throws SQLException {
        connection = JdbcUrls.connect(endpoint, "timeout", "120s");
    }

    @AfterAll
    void disconnect() throws SQLException {
        connection.close();
    }

    @ParameterizedTest(name = "Q{0}")
    @MethodSource("queries")
    void answersAsRestDoes(int number) throws SQLException {
        String sql = TpchSuiteIT.qualify(TpchSuiteIT.text(number), "tpch");
        JsonPath rest = JsonPath.from(given().contentType(ContentType.JSON).body(Map.of("sql", sql, "timeout", "120s"))
                        .when().post("/api/v1/query").then().statusCode(200).extract().asString())
                .using(new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
        List<String> restColumns = rest.getList("columns.name");
        List<List<Object>> restRows = rest.getList("rows");

        List<String> jdbcColumns = new ArrayList<>();
        List<List<Object>> jdbcRows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            int count = rows.getMetaData().getColumnCount();
            for (int i = 1; i <= count; i++) {
                jdbcColumns.add(rows.getMetaData().getColumnLabel(i));
            }
            while (rows.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= count; i++) {
                    row.add(rows.getObject(i));
                }
                jdbcRows.add(row);
            }
        }
        assertThat(jdbcColumns).as("Q%02d columns", number).isEqualTo(restColumns);
        assertThat(jdbcRows).as("Q%02d row count", number).hasSize(restRows.size());
        for (int r = 0; r < restRows.size(); r++) {
            for (int c = 0; c < restColumns.size(); c++) {
                Object expected = restRows.get(r).get(c);
                Object actual = jdbcRows.get(r).get(c);
                assertThat(same(expected, actual)).as("Q%02d row %d column %s: REST %s, JDBC %s", number, r,
                        restColumns.get(c), expected, actual).isTrue();
            }
        }
    }

    private static boolean same(Object rest, Object jdbc) {
        if (rest == null || jdbc == null) {
            return rest == jdbc;
        }
        if (rest instanceof BigDecimal expected && jdbc instanceof Number actual) {
            double e = expected.doubleValue();
            double a = actual.doubleValue();
            return e == a || Math.abs(e - a) <= 1e-9 * Math.max(Math.abs(e), Math.abs(a));
        }
        return rest.toString().equals(jdbc.toString());
    }
}
