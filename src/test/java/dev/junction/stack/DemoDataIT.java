package dev.junction.stack;

import dev.junction.connector.ConnectorRegistry;
import dev.junction.connector.druid.DruidConnector;
import dev.junction.connector.ignite.IgniteConnector;
import dev.junction.connector.trino.TrinoConnector;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static dev.junction.stack.EngineSql.scalarDouble;
import static dev.junction.stack.EngineSql.scalarLong;
import static dev.junction.stack.EngineSql.scalarString;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The demo data that 'bin/junction up' loads, counted in each real engine through the configured connectors. */
@QuarkusTest
class DemoDataIT {
    @Inject
    ConnectorRegistry connectors;

    @Test
    void trinoServesTpchTiny() throws SQLException {
        var trino = ((TrinoConnector) connectors.get("trino")).endpoint();

        assertThat(scalarLong(trino, "SELECT count(*) FROM tpch.tiny.orders")).isEqualTo(15000);
        assertThat(scalarLong(trino, "SELECT count(*) FROM tpch.tiny.lineitem")).isEqualTo(60175);
        assertThat(scalarLong(trino, "SELECT count(*) FROM tpch.tiny.part")).isEqualTo(2000);
        assertThat(scalarLong(trino, "SELECT count(*) FROM tpch.tiny.partsupp")).isEqualTo(8000);
        assertThat(scalarLong(trino, "SELECT count(*) FROM tpch.tiny.supplier")).isEqualTo(100);
    }

    @Test
    void druidHoldsTheSameOrdersAndLineitemsAsTrino() throws SQLException {
        var druid = ((DruidConnector) connectors.get("druid")).endpoint();
        var trino = ((TrinoConnector) connectors.get("trino")).endpoint();

        assertThat(scalarLong(druid, "SELECT COUNT(*) FROM orders")).isEqualTo(15000);
        assertThat(scalarLong(druid, "SELECT COUNT(*) FROM lineitem")).isEqualTo(60175);
        // Same rows, not just as many: sums and date ranges agree with Trino's generator.
        assertThat(scalarDouble(druid, "SELECT SUM(totalprice) FROM orders"))
                .isCloseTo(scalarDouble(trino, "SELECT sum(totalprice) FROM tpch.tiny.orders"), within(0.01));
        assertThat(scalarDouble(druid, "SELECT SUM(extendedprice * (1 - discount)) FROM lineitem"))
                .isCloseTo(scalarDouble(trino, "SELECT sum(extendedprice * (1 - discount)) FROM tpch.tiny.lineitem"),
                        within(0.01));
        assertThat(scalarLong(druid, "SELECT COUNT(*) FROM lineitem WHERE __time >= TIMESTAMP '1998-01-01 00:00:00'"))
                .isEqualTo(scalarLong(trino, "SELECT count(*) FROM tpch.tiny.lineitem WHERE shipdate >= DATE '1998-01-01'"));
        assertThat(scalarLong(druid, "SELECT COUNT(*) FROM orders WHERE __time < TIMESTAMP '1993-01-01 00:00:00'"))
                .isEqualTo(scalarLong(trino, "SELECT count(*) FROM tpch.tiny.orders WHERE orderdate < DATE '1993-01-01'"));
    }

    @Test
    void igniteHoldsCustomerNationRegion() throws SQLException {
        var ignite = ((IgniteConnector) connectors.get("ignite")).endpoint();

        assertThat(scalarLong(ignite, "SELECT COUNT(*) FROM TPCH.CUSTOMER")).isEqualTo(1500);
        assertThat(scalarLong(ignite, "SELECT COUNT(*) FROM TPCH.NATION")).isEqualTo(25);
        assertThat(scalarLong(ignite, "SELECT COUNT(*) FROM TPCH.REGION")).isEqualTo(5);
        var trino = ((TrinoConnector) connectors.get("trino")).endpoint();
        assertThat(scalarDouble(ignite, "SELECT SUM(acctbal) FROM TPCH.CUSTOMER"))
                .isCloseTo(scalarDouble(trino, "SELECT sum(acctbal) FROM tpch.tiny.customer"), within(0.01));
    }

    @Test
    void druidHoldsSevenDaysOfPerMinuteMetricsEndingAtTheLastMidnight() throws SQLException {
        var druid = ((DruidConnector) connectors.get("druid")).endpoint();
        // The loader keeps the seven days before the UTC midnight of the day it ran ('up' and 'demo' reload them
        // when that midnight has passed); a stack left running over midnight still holds the day before's.
        LocalDate end = LocalDate.parse(scalarString(druid, "SELECT CAST(TIME_FLOOR(MAX(__time), 'P1D') AS VARCHAR)"
                + " FROM metrics").substring(0, 10)).plusDays(1);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertThat(end).as("the metrics' last day ends at the last UTC midnight (or the one before, if the stack"
                + " ran over midnight: run bin/junction demo)").isBetween(today.minusDays(1), today);
        String first = end.minusDays(7) + " 00:00:00";
        String last = end.minusDays(1) + " 23:59:00";

        // 14 series (4 hosts' CPU; requests and response time of 4 endpoints; errors of 2), one row a minute.
        assertThat(scalarLong(druid, "SELECT COUNT(*) FROM metrics")).isEqualTo(14L * 7 * 1440);
        assertThat(scalarLong(druid, "SELECT COUNT(DISTINCT name) FROM metrics")).isEqualTo(4);
        assertThat(scalarLong(druid, "SELECT COUNT(*) FROM metrics WHERE name = 'system.cpu.usage'")).isEqualTo(4L * 7 * 1440);
        assertThat(scalarLong(druid, "SELECT COUNT(DISTINCT host) FROM metrics WHERE name = 'system.cpu.usage'")).isEqualTo(4);
        assertThat(scalarLong(druid, "SELECT COUNT(*) FROM metrics WHERE __time = TIMESTAMP '" + first + "'")).isEqualTo(14);
        assertThat(scalarLong(druid, "SELECT COUNT(*) FROM metrics WHERE __time = TIMESTAMP '" + last + "'")).isEqualTo(14);
        assertThat(scalarLong(druid, "SELECT COUNT(*) FROM metrics WHERE __time < TIMESTAMP '" + first + "'"
                + " OR __time > TIMESTAMP '" + last + "'")).isEqualTo(0);
        // CPU is a percentage; every request count a whole number.
        assertThat(scalarLong(druid, "SELECT COUNT(*) FROM metrics WHERE name = 'system.cpu.usage'"
                + " AND (\"value\" < 0 OR \"value\" > 100)")).isEqualTo(0);
        assertThat(scalarLong(druid, "SELECT COUNT(*) FROM metrics WHERE name = 'api.requests.count'"
                + " AND \"value\" <> FLOOR(\"value\")")).isEqualTo(0);
    }
}
