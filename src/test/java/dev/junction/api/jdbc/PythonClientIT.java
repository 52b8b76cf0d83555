package dev.junction.api.jdbc;

import dev.junction.deploy.CommandRun;
import dev.junction.deploy.DeploymentTools;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Python client for Superset (clients/python: a DB-API driver over the Avatica JSON protocol and a SQLAlchemy
 * dialect), installed with pip, runs its own tests against this gateway with Debian's python3-sqlalchemy
 * (tools/install.sh): what Superset does with a database, from the connection test to SQL Lab.
 */
@QuarkusTest
class PythonClientIT {
    @TestHTTPResource("/")
    URI gateway;

    @Test
    void theInstalledDialectsTestsPassAgainstTheGateway() {
        String python = DeploymentTools.pythonWithSqlalchemy();
        // Installed as users install it, so that SQLAlchemy finds the dialect through the package's entry point.
        CommandRun install = CommandRun.of(Duration.ofMinutes(3), python, "-m", "pip", "install", "--quiet",
                "--no-index", "--no-deps", "--no-build-isolation", "--upgrade", "--target", "target/python-client",
                "clients/python");
        assertThat(install.exitCode()).as(install.describe()).isZero();
        CommandRun run = CommandRun.of(Duration.ofMinutes(3),
                Map.of("JUNCTION_URL", "http://" + gateway.getHost() + ":" + gateway.getPort(),
                        "PYTHONPATH", "target/python-client"),
                python, "-m", "unittest", "discover", "-s", "clients/python/tests", "-v");
        assertThat(run.exitCode()).as(run.describe()).isZero();
        // unittest reports on standard error: every test ran, none skipped.
        assertThat(run.errors()).as(run.describe()).contains("Ran 8 tests").endsWith("OK\n");
    }
}
