package dev.junction.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.junction.spi.ConnectorDefinition;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** docker/compose.yaml: valid for docker-compose, the local stack's engine versions, wired to docker/connectors/. */
class TestComposeFile {
    private static final String COMPOSE_FILE = "docker/compose.yaml";
    /** Set so that the user's own JUNCTION_* variables cannot change what the file resolves to. */
    private static final Map<String, String> ENVIRONMENT =
            Map.of("JUNCTION_GATEWAY_PORT", "18480", "JUNCTION_POSTGRES_PASSWORD", "from-the-environment");

    @Test
    void dockerComposeValidatesTheFileWithoutAnEngine() {
        CommandRun config = CommandRun.of(Duration.ofMinutes(1), ENVIRONMENT,
                DeploymentTools.dockerCompose(), "-f", COMPOSE_FILE, "config", "-q");

        assertThat(config.exitCode()).as(config.describe()).isZero();
        assertThat(config.output() + config.errors()).as(config.describe()).isEmpty();
    }

    @Test
    void runsEveryEngineFromItsOfficialImageAtTheLocalStacksVersion() throws IOException {
        JsonNode services = resolved().at("/services");

        assertThat(names(services)).containsExactlyInAnyOrder("trino", "zookeeper", "druid-metadata",
                "druid-coordinator", "druid-broker", "druid-historical", "druid-middlemanager", "ignite", "pulsar",
                "postgres", "demo-loader", "gateway");
        assertThat(image(services, "trino"))
                .isEqualTo("trinodb/trino:" + ProjectFiles.shellVariable("stack/engines/trino.sh", "TRINO_VERSION"))
                .isEqualTo("trinodb/trino:476");
        String druid = "apache/druid:" + ProjectFiles.shellVariable("stack/engines/druid.sh", "DRUID_VERSION");
        assertThat(druid).isEqualTo("apache/druid:33.0.0");
        for (String service : List.of("druid-coordinator", "druid-broker", "druid-historical", "druid-middlemanager")) {
            assertThat(image(services, service)).as(service).isEqualTo(druid);
            assertThat(services.at("/" + service + "/command/0").asText()).as(service)
                    .isEqualTo(service.equals("druid-middlemanager") ? "middleManager" : service.substring("druid-".length()));
        }
        assertThat(image(services, "ignite"))
                .isEqualTo("apacheignite/ignite:" + ProjectFiles.shellVariable("stack/engines/ignite.sh", "IGNITE_VERSION"))
                .isEqualTo("apacheignite/ignite:2.17.0");
        assertThat(image(services, "pulsar"))
                .isEqualTo("apachepulsar/pulsar:" + ProjectFiles.shellVariable("stack/engines/pulsar.sh", "PULSAR_VERSION"))
                .isEqualTo("apachepulsar/pulsar:4.0.8");
        assertThat(services.at("/pulsar/command/2").asText()).endsWith("exec bin/pulsar standalone -nfw -nss");
        // The local stack runs Debian 12's PostgreSQL, 15, for the gateway; Druid's metadata gets its own.
        assertThat(image(services, "postgres")).isEqualTo("postgres:15");
        assertThat(image(services, "druid-metadata")).isEqualTo("postgres:15");
    }

    @Test
    void gatewayConnectorFilesNameTheComposeServicesOnTheirImagesPorts() throws IOException {
        JsonNode services = resolved().at("/services");
        Map<String, String> gatewayEnvironment = new YAMLMapper().convertValue(services.at("/gateway/environment"),
                new com.fasterxml.jackson.core.type.TypeReference<Map<String, String>>() {});

        Map<String, ConnectorDefinition> compose =
                ConnectorFolder.parse(ProjectFiles.path("docker/connectors"), gatewayEnvironment::get);
        Map<String, ConnectorDefinition> local = ConnectorFolder.parse(ProjectFiles.path("connectors"), name -> null);

        assertThat(compose.keySet()).containsExactlyElementsOf(local.keySet());
        compose.forEach((name, connector) -> {
            assertThat(connector.type()).as(name).isEqualTo(local.get(name).type());
            assertThat(connector.roles()).as(name).isEqualTo(local.get(name).roles());
            assertThat(connector.properties().keySet()).as(name).isEqualTo(local.get(name).properties().keySet());
        });
        assertThat(compose.get("trino").url()).isEqualTo("jdbc:trino://trino:8080");
        assertThat(compose.get("druid").url()).isEqualTo("http://druid-broker:8082");
        assertThat(compose.get("druid").properties()).containsExactly(Map.entry("coordinator-url", "http://druid-coordinator:8081"));
        assertThat(compose.get("ignite").url()).isEqualTo("jdbc:ignite:thin://ignite:10800");
        assertThat(gatewayEnvironment).containsEntry("JUNCTION_CACHE_IGNITE_ADDRESS", "ignite:10800");
        assertThat(compose.get("pulsar").url()).isEqualTo("pulsar://pulsar:6650");
        assertThat(compose.get("pulsar").properties()).containsExactly(Map.entry("admin-url", "http://pulsar:8080"));
        assertThat(compose.get("postgres").url()).isEqualTo("jdbc:postgresql://postgres:5432/junction");
        assertThat(compose.get("postgres").password()).contains("from-the-environment");
        assertThat(services.at("/postgres/environment/POSTGRES_PASSWORD").asText()).isEqualTo("from-the-environment");
        assertThat(ProjectFiles.read("docker/connectors/tpch.properties")).isEqualTo(ProjectFiles.read("connectors/tpch.properties"));

        assertThat(names(services.at("/gateway/depends_on")))
                .containsExactlyInAnyOrder("trino", "druid-broker", "ignite", "pulsar", "postgres");
    }

    @Test
    void gatewayIsPublishedOnLoopbackAndReadsTheMountedConnectorFolder() throws IOException {
        JsonNode gateway = resolved().at("/services/gateway");

        assertThat(gateway.at("/build/dockerfile").asText()).isEqualTo("docker/Dockerfile");
        assertThat(gateway.at("/build/context").asText()).isEqualTo(ProjectFiles.path(".").normalize().toString());
        assertThat(gateway.at("/ports/0").asText()).isEqualTo("127.0.0.1:18480:8080/tcp");
        assertThat(gateway.at("/volumes/0").asText()).isEqualTo(ProjectFiles.path("docker/connectors") + ":/deployments/connectors:ro");
        assertThat(DockerfileInstructions.read("docker/Dockerfile").environment())
                .containsEntry("JUNCTION_CONNECTORS_DIR", "/deployments/connectors")
                .containsEntry("JUNCTION_GATEWAY_PORT", "8080");
    }

    @Test
    void demoLoaderWritesDruidsInputWhereTheMiddleManagerReadsIt() throws IOException {
        JsonNode services = resolved().at("/services");
        String dataDir = services.at("/demo-loader/environment/DEMO_DATA_DIR").asText();

        assertThat(dataDir).isEqualTo("/work/demo-data");
        assertThat(services.at("/demo-loader/volumes")).extracting(JsonNode::asText).contains("demo-data:" + dataDir + ":rw");
        assertThat(services.at("/druid-middlemanager/volumes")).extracting(JsonNode::asText).contains("demo-data:" + dataDir + ":ro");
        assertThat(services.at("/demo-loader/command")).extracting(JsonNode::asText)
                .containsExactly("bash", "/src/docker/demo/load.sh");
        assertThat(names(services.at("/demo-loader/depends_on"))).containsExactlyInAnyOrder("trino",
                "druid-coordinator", "druid-broker", "druid-historical", "druid-middlemanager", "ignite");
        // The local stack's loader, pointed at each engine's service.
        assertThat(ProjectFiles.read("docker/demo/load.sh"))
                .contains("-f /src/stack/demo/pom.xml package")
                .contains("-Ddemo.trinoHost=trino -Ddemo.trinoPort=8080")
                .contains("-Ddemo.druidCoordinatorHost=druid-coordinator -Ddemo.druidCoordinatorPort=8081")
                .contains("-Ddemo.druidBrokerHost=druid-broker -Ddemo.druidBrokerPort=8082")
                .contains("-Ddemo.igniteHost=ignite -Ddemo.ignitePort=10800")
                .contains("dev.junction.stack.demo.DemoLoader");
    }

    /** The file as docker-compose resolves it: anchors merged, variables substituted, paths absolute. */
    private static JsonNode resolved() throws IOException {
        CommandRun config = CommandRun.of(Duration.ofMinutes(1), ENVIRONMENT,
                DeploymentTools.dockerCompose(), "-f", COMPOSE_FILE, "config");
        assertThat(config.exitCode()).as(config.describe()).isZero();
        return new YAMLMapper().readTree(config.output());
    }

    private static String image(JsonNode services, String service) {
        return services.at("/" + service + "/image").asText();
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
