package dev.junction.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import dev.junction.spi.ConnectorDefinition;
import dev.junction.spi.EngineRole;
import dev.junction.sql.catalog.LogicalSchemaParser;
import dev.junction.sql.catalog.LogicalTableDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** helm/junction: lint, and the manifests it renders with default and with custom values, checked against the app. */
class TestHelmChart {
    private static final Path CHART = ProjectFiles.path("helm/junction");
    /** A supported Kubernetes release; helm-java's own default (1.20) predates the chart's kubeVersion. */
    private static final String KUBERNETES_VERSION = "1.31.0";
    private static final String REQUIRED_JVM_FLAGS = "--add-opens=java.base/java.nio=ALL-UNNAMED -Duser.timezone=UTC";

    @TempDir
    Path temp;

    @Test
    void passesStrictLint() {
        LintResult lint = new Helm(CHART).lint().strict().call();

        assertThat(lint.isFailed()).as("helm lint --strict: %s", lint.getMessages()).isFalse();
        assertThat(lint.getMessages()).noneMatch(message -> message.contains("[WARNING]") || message.contains("[ERROR]"));
    }

    @Test
    void defaultValuesRenderAnAutoscaledGatewayWithoutIngressOrServiceMonitor() {
        Manifests manifests = render(Map.of());

        assertThat(manifests.kinds()).containsExactly("ConfigMap", "Deployment", "HorizontalPodAutoscaler",
                "PodDisruptionBudget", "Service", "ServiceAccount");
        JsonNode deployment = manifests.get("Deployment");
        assertThat(deployment.at("/metadata/name").asText()).isEqualTo("junction");
        // The HPA owns the replica count; a replicas field would reset it on every upgrade.
        assertThat(deployment.at("/spec").has("replicas")).isFalse();
        assertThat(gateway(deployment).at("/image").asText()).isEqualTo("junction-gateway:0.1.0-SNAPSHOT");

        JsonNode hpa = manifests.get("HorizontalPodAutoscaler");
        assertThat(hpa.at("/spec/scaleTargetRef/kind").asText()).isEqualTo("Deployment");
        assertThat(hpa.at("/spec/scaleTargetRef/name").asText()).isEqualTo("junction");
        assertThat(hpa.at("/spec/minReplicas").asInt()).isEqualTo(2);
        assertThat(hpa.at("/spec/maxReplicas").asInt()).isEqualTo(10);
        assertThat(hpa.at("/spec/metrics").findValuesAsText("name")).containsExactly("cpu", "memory");
        assertThat(hpa.at("/spec/metrics/0/resource/target/averageUtilization").asInt()).isEqualTo(70);
        assertThat(hpa.at("/spec/metrics/1/resource/target/averageUtilization").asInt()).isEqualTo(80);

        JsonNode pdb = manifests.get("PodDisruptionBudget");
        assertThat(pdb.at("/spec/minAvailable").asInt()).isEqualTo(1);
        assertThat(pdb.at("/spec/selector/matchLabels")).isEqualTo(deployment.at("/spec/selector/matchLabels"));
    }

    @Test
    void probesUseTheHealthPathsTheGatewayServes() {
        JsonNode gateway = gateway(render(Map.of()).get("Deployment"));
        // SmallRye Health serves liveness, readiness and startup below quarkus.smallrye-health.root-path.
        String root = ProjectFiles.applicationProperty("quarkus.smallrye-health.root-path");

        assertThat(root).isEqualTo("/health");
        assertThat(gateway.at("/livenessProbe/httpGet/path").asText()).isEqualTo(root + "/live");
        assertThat(gateway.at("/readinessProbe/httpGet/path").asText()).isEqualTo(root + "/ready");
        assertThat(gateway.at("/startupProbe/httpGet/path").asText()).isEqualTo(root + "/started");
        assertThat(gateway.at("/livenessProbe/httpGet/port").asText()).isEqualTo("http");
        assertThat(gateway.at("/readinessProbe/httpGet/port").asText()).isEqualTo("http");
        assertThat(gateway.at("/ports/0/name").asText()).isEqualTo("http");
        assertThat(gateway.at("/ports/0/containerPort").asInt()).isEqualTo(8080);
    }

    @Test
    void deploymentSetsWhatTheGatewayReadsFromItsEnvironment() {
        JsonNode deployment = render(Map.of()).get("Deployment");
        Map<String, String> env = plainEnvironment(gateway(deployment));

        assertThat(env.get(ProjectFiles.environmentVariableOf("quarkus.http.port"))).isEqualTo("8080");
        // application.properties binds loopback; probes and the Service reach the pod's IP.
        assertThat(ProjectFiles.applicationProperty("quarkus.http.host")).isEqualTo("127.0.0.1");
        assertThat(env.get("QUARKUS_HTTP_HOST")).isEqualTo("0.0.0.0");
        assertThat(env.get("JUNCTION_CACHE_IGNITE_ADDRESS")).isEqualTo("ignite:10800");
        // Druid's handoff tasks read the handoff files from the pod that wrote them, not through the Service.
        assertThat(env.get("JUNCTION_INGEST_HANDOFF_URL"))
                .isEqualTo("http://$(POD_IP):8080");
        assertThat(environmentEntry(gateway(deployment), "POD_IP").orElseThrow().at("/valueFrom/fieldRef/fieldPath")
                .asText()).isEqualTo("status.podIP");
        assertThat(env.get("JUNCTION_JVM_FLAGS"))
                .isEqualTo(REQUIRED_JVM_FLAGS)
                .isEqualTo(ProjectFiles.pomProperty("junction.jvm.flags"));
        assertThat(env.get("JAVA_OPTS"))
                .isEqualTo("-XX:MaxRAMPercentage=75.0 -XX:+ExitOnOutOfMemoryError -Dcalcite.bindable.cache.maxSize=100");

        String connectorsDir = env.get(ProjectFiles.environmentVariableOf("junction.connectors.dir"));
        assertThat(connectorsDir).isEqualTo("/deployments/connectors");
        JsonNode mount = gateway(deployment).at("/volumeMounts/0");
        assertThat(mount.at("/mountPath").asText()).isEqualTo(connectorsDir);
        assertThat(deployment.at("/spec/template/spec/volumes/0/configMap/name").asText())
                .isEqualTo("junction-connectors");

        assertThat(deployment.at("/spec/template/spec/securityContext/runAsNonRoot").asBoolean()).isTrue();
        assertThat(deployment.at("/spec/template/spec/securityContext/runAsUser").asInt()).isEqualTo(10001);
        assertThat(gateway(deployment).at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(gateway(deployment).at("/resources/requests/cpu").asText()).isEqualTo("500m");
        assertThat(gateway(deployment).at("/resources/requests/memory").asText()).isEqualTo("1Gi");
        assertThat(gateway(deployment).at("/resources/limits/memory").asText()).isEqualTo("2Gi");
    }

    @Test
    void passwordsComeFromExistingSecretsNeverFromValues() {
        JsonNode gateway = gateway(render(Map.of()).get("Deployment"));

        JsonNode secretEnv = environmentEntry(gateway, "JUNCTION_POSTGRES_PASSWORD").orElseThrow();
        assertThat(secretEnv.has("value")).isFalse();
        assertThat(secretEnv.at("/valueFrom/secretKeyRef/name").asText()).isEqualTo("junction-postgres");
        assertThat(secretEnv.at("/valueFrom/secretKeyRef/key").asText()).isEqualTo("password");
        // Engines without a Secret in values get no password variable at all.
        assertThat(environmentEntry(gateway, "JUNCTION_TRINO_PASSWORD")).isEmpty();
    }

    @Test
    void configMapHoldsConnectorFilesTheGatewayParses() throws IOException {
        Manifests manifests = render(Map.of());
        Path folder = writeConfigMap(manifests.get("ConfigMap"));

        Map<String, ConnectorDefinition> connectors =
                ConnectorFolder.parse(folder, environmentOf(gateway(manifests.get("Deployment"))));

        assertThat(connectors).containsOnlyKeys("druid", "ignite", "postgres", "pulsar", "trino");
        assertConnector(connectors.get("trino"), "trino", "jdbc:trino://trino:8080", Set.of(EngineRole.BATCH));
        assertThat(connectors.get("trino").user()).contains("junction");
        assertThat(connectors.get("trino").password()).isEmpty();
        assertConnector(connectors.get("druid"), "druid", "http://druid-broker:8082", Set.of(EngineRole.TIMESERIES));
        assertThat(connectors.get("druid").properties()).containsExactly(Map.entry("coordinator-url", "http://druid-coordinator:8081"));
        assertConnector(connectors.get("ignite"), "ignite", "jdbc:ignite:thin://ignite:10800",
                Set.of(EngineRole.HOT, EngineRole.CACHE));
        assertThat(connectors.get("ignite").queryTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertConnector(connectors.get("pulsar"), "pulsar", "pulsar://pulsar:6650", Set.of(EngineRole.STREAM));
        assertThat(connectors.get("pulsar").properties()).containsExactly(Map.entry("admin-url", "http://pulsar:8080"));
        assertThat(connectors.get("pulsar").queryTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertConnector(connectors.get("postgres"), "postgresql", "jdbc:postgresql://postgres:5432/junction",
                Set.of(EngineRole.METADATA));
        assertThat(connectors.get("postgres").user()).contains("junction");
        assertThat(connectors.get("postgres").password()).contains("secret:junction-postgres/password");
    }

    @Test
    void logicalSchemaTpchIsShippedAsTheRepositoryHasIt() throws IOException {
        Path folder = writeConfigMap(render(Map.of()).get("ConfigMap"));
        String repositoryFile = ProjectFiles.read("connectors/tpch.properties");

        assertThat(ProjectFiles.read("helm/junction/files/tpch.properties")).isEqualTo(repositoryFile);
        assertThat(Files.readString(folder.resolve("tpch.properties"))).isEqualTo(repositoryFile);
        assertThat(LogicalSchemaParser.parse(folder.resolve("tpch.properties")))
                .extracting(LogicalTableDefinition::name)
                .containsExactly("customer", "lineitem", "nation", "orders", "part", "partsupp", "region", "supplier");
    }

    @Test
    void customValuesRenderFixedReplicasIngressServiceMonitorAndSecrets() throws IOException {
        Manifests manifests = render(ProjectFiles.path("src/test/resources/deploy/custom-values.yaml"));

        assertThat(manifests.kinds()).containsExactly("ConfigMap", "Deployment", "Ingress", "PodDisruptionBudget",
                "Service", "ServiceAccount", "ServiceMonitor");
        JsonNode deployment = manifests.get("Deployment");
        assertThat(deployment.at("/metadata/name").asText()).isEqualTo("analytics-junction");
        assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(3);
        assertThat(gateway(deployment).at("/image").asText()).isEqualTo("registry.example/junction-gateway:1.2.3");
        assertThat(plainEnvironment(gateway(deployment)))
                .containsEntry("JAVA_OPTS", "-Xmx3g")
                .containsEntry("JUNCTION_QUERY_TIMEOUT", "2m")
                .containsEntry("JUNCTION_JVM_FLAGS", REQUIRED_JVM_FLAGS);
        assertThat(manifests.get("PodDisruptionBudget").at("/spec/minAvailable").asInt()).isEqualTo(2);

        JsonNode ingress = manifests.get("Ingress");
        assertThat(ingress.at("/spec/ingressClassName").asText()).isEqualTo("nginx");
        assertThat(ingress.at("/metadata/annotations/nginx.ingress.kubernetes.io~1proxy-read-timeout").asText()).isEqualTo("7200");
        assertThat(ingress.at("/metadata/annotations/nginx.ingress.kubernetes.io~1proxy-send-timeout").asText()).isEqualTo("7200");
        assertThat(ingress.at("/metadata/annotations/nginx.ingress.kubernetes.io~1proxy-body-size").asText()).isEqualTo("10m");
        assertThat(ingress.at("/spec/rules/0/host").asText()).isEqualTo("sql.example.com");
        assertThat(ingress.at("/spec/rules/0/http/paths/0/backend/service/name").asText()).isEqualTo("analytics-junction");
        assertThat(ingress.at("/spec/rules/0/http/paths/0/backend/service/port/name").asText()).isEqualTo("http");
        assertThat(ingress.at("/spec/tls/0/secretName").asText()).isEqualTo("sql-tls");

        JsonNode serviceMonitor = manifests.get("ServiceMonitor");
        assertThat(serviceMonitor.at("/spec/endpoints/0/port").asText()).isEqualTo("http");
        assertThat(serviceMonitor.at("/spec/endpoints/0/path").asText()).isEqualTo("/q/metrics");
        assertThat(serviceMonitor.at("/metadata/labels/release").asText()).isEqualTo("prometheus");
        assertThat(serviceMonitor.at("/spec/selector/matchLabels")).isEqualTo(manifests.get("Service").at("/spec/selector"));

        JsonNode trinoPassword = environmentEntry(gateway(deployment), "JUNCTION_TRINO_PASSWORD").orElseThrow();
        assertThat(trinoPassword.at("/valueFrom/secretKeyRef/name").asText()).isEqualTo("trino-credentials");
        assertThat(trinoPassword.at("/valueFrom/secretKeyRef/key").asText()).isEqualTo("trino-password");
        Path folder = writeConfigMap(manifests.get("ConfigMap"));
        assertThat(folder.resolve("tpch.properties")).doesNotExist();
        Map<String, ConnectorDefinition> connectors = ConnectorFolder.parse(folder, environmentOf(gateway(deployment)));
        assertThat(connectors).containsOnlyKeys("druid", "ignite", "postgres", "trino");
        assertConnector(connectors.get("trino"), "trino", "jdbc:trino://trino.batch.svc.cluster.local:8443?SSL=true",
                Set.of(EngineRole.BATCH));
        assertThat(connectors.get("trino").password()).contains("secret:trino-credentials/trino-password");
        assertThat(connectors.get("trino").queryTimeout()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void aConnectorNameThatCannotBeASchemaStopsRendering() {
        assertThatThrownBy(() -> render(Map.of("connectors.Druid-2.enabled", "true")))
                .hasMessageContaining("connectors.Druid-2: a connector name must match [a-z][a-z0-9_]* "
                        + "(it becomes the file name and the schema in SQL)");
    }

    private static Manifests render(Map<String, String> values) {
        var template = new Helm(CHART).template().withName("junction").withNamespace("analytics")
                .withKubeVersion(KUBERNETES_VERSION);
        values.forEach(template::set);
        return Manifests.parse(template.call());
    }

    private static Manifests render(Path valuesFile) {
        return Manifests.parse(new Helm(CHART).template().withName("analytics").withNamespace("analytics")
                .withKubeVersion(KUBERNETES_VERSION)
                .withValuesFile(valuesFile).call());
    }

    private static JsonNode gateway(JsonNode deployment) {
        JsonNode containers = deployment.at("/spec/template/spec/containers");
        assertThat(containers).hasSize(1);
        assertThat(containers.get(0).at("/name").asText()).isEqualTo("gateway");
        return containers.get(0);
    }

    private static Optional<JsonNode> environmentEntry(JsonNode container, String name) {
        for (JsonNode entry : container.at("/env")) {
            if (name.equals(entry.at("/name").asText())) {
                return Optional.of(entry);
            }
        }
        return Optional.empty();
    }

    private static Map<String, String> plainEnvironment(JsonNode container) {
        Map<String, String> env = new HashMap<>();
        for (JsonNode entry : container.at("/env")) {
            if (entry.has("value")) {
                env.put(entry.at("/name").asText(), entry.at("/value").asText());
            }
        }
        return env;
    }

    /** The container's environment as the gateway would see it; a Secret's value stands in as secret:NAME/KEY. */
    private static java.util.function.Function<String, String> environmentOf(JsonNode container) {
        Map<String, String> env = plainEnvironment(container);
        for (JsonNode entry : container.at("/env")) {
            JsonNode secret = entry.at("/valueFrom/secretKeyRef");
            if (!secret.isMissingNode()) {
                env.put(entry.at("/name").asText(), "secret:" + secret.at("/name").asText() + "/" + secret.at("/key").asText());
            }
        }
        return env::get;
    }

    private Path writeConfigMap(JsonNode configMap) throws IOException {
        Path folder = Files.createTempDirectory(temp, "connectors");
        for (Iterator<Map.Entry<String, JsonNode>> files = configMap.at("/data").fields(); files.hasNext(); ) {
            Map.Entry<String, JsonNode> file = files.next();
            Files.writeString(folder.resolve(file.getKey()), file.getValue().asText());
        }
        return folder;
    }

    private static void assertConnector(ConnectorDefinition connector, String type, String url, Set<EngineRole> roles) {
        assertThat(List.of(connector.type(), connector.url())).containsExactly(type, url);
        assertThat(connector.roles()).containsExactlyInAnyOrderElementsOf(roles);
    }
}
