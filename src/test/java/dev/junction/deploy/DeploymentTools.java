package dev.junction.deploy;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command-line tools the deployment tests run, installed by tools/install.sh when missing. A tool that
 * is still missing afterwards fails the test that needs it: these checks are never skipped.
 */
public final class DeploymentTools {
    private DeploymentTools() {
    }

    /** Debian's docker-compose: validates docker/compose.yaml without a Docker engine. */
    static String dockerCompose() {
        install("docker-compose");
        return "docker-compose";
    }

    /** dockerfile-utils from tools/package-lock.json, the Dockerfile linter (docker/README.md says why not hadolint). */
    static String dockerfileUtils() {
        install("npm");
        return ProjectFiles.path("tools/node_modules/.bin/dockerfile-utils").toString();
    }

    /**
     * A Python 3 that has the Prometheus project's client library, whose {@code prometheus_client.parser} reads
     * the text exposition format (Debian's python3-prometheus-client).
     */
    public static String pythonWithPrometheusParser() {
        install("prometheus-parser");
        return "/usr/bin/python3";
    }

    /** A Python 3 that has SQLAlchemy (Debian's python3-sqlalchemy), for the Python client's tests. */
    public static String pythonWithSqlalchemy() {
        install("sqlalchemy");
        return "/usr/bin/python3";
    }

    private static void install(String tool) {
        // apt-get update and a package download fit easily; npm ci takes seconds.
        CommandRun install = CommandRun.of(Duration.ofMinutes(8), "bash", "tools/install.sh", tool);
        assertThat(install.exitCode()).as("installing %s: %s", tool, install.describe()).isZero();
    }
}
