package dev.junction.deploy;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.deployment.pkg.jar.FastJarFormat;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** docker/Dockerfile: linted, copies what 'mvn package' builds, and runs the gateway as the chart expects. */
class TestDockerfile {
    private static final String DOCKERFILE = "docker/Dockerfile";
    private static final DockerfileInstructions IMAGE = DockerfileInstructions.read(DOCKERFILE);

    @Test
    void passesTheDockerfileLinterWithoutAnyDiagnostic() {
        CommandRun lint = CommandRun.of(Duration.ofMinutes(1), DeploymentTools.dockerfileUtils(), "lint", "--json", DOCKERFILE);

        assertThat(lint.exitCode()).as(lint.describe()).isZero();
        // Warnings do not change the exit code; the JSON lists them.
        assertThat(lint.output().strip()).as(lint.describe()).isEqualTo("[]");
    }

    @Test
    void copiesTheLayersOfTheQuarkusFastJarThatMavenPackageWrites() {
        // The project keeps Quarkus' default package type, the fast-jar, in its default folder.
        assertThat(ProjectFiles.applicationProperties().stringPropertyNames()).noneMatch(key -> key.startsWith("quarkus.package."));
        String fastJar = "target/" + FastJarFormat.DEFAULT_FAST_JAR_DIRECTORY_NAME + "/";

        assertThat(IMAGE.copies()).containsExactly(
                Map.entry("/deployments/lib/", fastJar + FastJarFormat.LIB + "/"),
                Map.entry("/deployments/quarkus-run.jar", fastJar + FastJarFormat.QUARKUS_RUN_JAR),
                Map.entry("/deployments/app/", fastJar + FastJarFormat.APP + "/"),
                Map.entry("/deployments/quarkus/", fastJar + FastJarFormat.QUARKUS + "/"),
                Map.entry("/deployments/connectors/", "docker/connectors/"),
                Map.entry("/usr/local/bin/junction-health", "docker/health.sh"));
        assertThat(ProjectFiles.path("docker/connectors")).isDirectory();
        assertThat(Files.isExecutable(ProjectFiles.path("docker/health.sh"))).isTrue();
        assertThat(ProjectFiles.read("docker/Dockerfile.dockerignore").lines().filter(line -> !line.startsWith("#")))
                .containsExactly("*", "!" + fastJar, "!docker/connectors/", "!docker/health.sh");
    }

    @Test
    void runsOnTheGatewaysJdkAsTheNonRootUserTheChartDeclares() throws IOException {
        String gatewayJdk = ProjectFiles.read("stack/engines/gateway.sh").replaceAll("(?s).*require_jdk gateway (\\d+).*", "$1");
        int chartUser = new YAMLMapper().readTree(ProjectFiles.path("helm/junction/values.yaml").toFile())
                .at("/podSecurityContext/runAsUser").asInt();

        assertThat(gatewayJdk).isEqualTo("25");
        assertThat(IMAGE.all("FROM")).containsExactly("eclipse-temurin:" + gatewayJdk + "-jre-noble");
        assertThat(IMAGE.all("USER")).containsExactly(Integer.toString(chartUser));
        assertThat(chartUser).isEqualTo(10001);
    }

    @Test
    void startsTheGatewayWithTheJvmFlagsAndHttpHostItNeeds() {
        assertThat(IMAGE.environment())
                .containsEntry("JUNCTION_JVM_FLAGS", ProjectFiles.pomProperty("junction.jvm.flags"))
                .containsEntry("JUNCTION_JVM_FLAGS", "--add-opens=java.base/java.nio=ALL-UNNAMED -Duser.timezone=UTC")
                .containsEntry("QUARKUS_HTTP_HOST", "0.0.0.0")
                .containsEntry(ProjectFiles.environmentVariableOf("quarkus.http.port"), "8080")
                .containsEntry(ProjectFiles.environmentVariableOf("junction.connectors.dir"), "/deployments/connectors");
        assertThat(IMAGE.all("EXPOSE")).containsExactly("8080");
        assertThat(IMAGE.all("ENTRYPOINT")).containsExactly(
                "[\"/bin/sh\", \"-c\", \"exec java $JUNCTION_JVM_FLAGS $JAVA_OPTS -jar /deployments/quarkus-run.jar\"]");
    }

    @Test
    void healthCheckPassesOnlyWhileLivenessAnswers200() throws IOException {
        assertThat(IMAGE.all("HEALTHCHECK")).containsExactly(
                "--interval=15s --timeout=5s --start-period=60s --retries=3 CMD [\"/usr/local/bin/junction-health\"]");
        String livenessPath = ProjectFiles.applicationProperty("quarkus.smallrye-health.root-path") + "/live";
        AtomicInteger status = new AtomicInteger(200);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(livenessPath, exchange -> {
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        server.start();
        try {
            Map<String, String> port = Map.of("JUNCTION_GATEWAY_PORT", Integer.toString(server.getAddress().getPort()));

            assertThat(healthCheck(port).exitCode()).isZero();
            status.set(503);
            assertThat(healthCheck(port).exitCode()).isEqualTo(1);
        } finally {
            server.stop(0);
        }
    }

    private static CommandRun healthCheck(Map<String, String> environment) {
        return CommandRun.of(Duration.ofSeconds(20), environment, "bash", "docker/health.sh");
    }
}
