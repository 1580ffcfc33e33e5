package io.portico.gateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Checks the Kubernetes manifests ({@code deploy/kubernetes}: a Kustomize base and the demo overlay) against the
 * repository and against each other, since no cluster runs where the tests do: every file a kustomization names
 * exists; the gateway runs as several replicas behind a Service with its HTTP and Flight SQL ports, probed on the
 * actuator's liveness and readiness groups (which {@link ActuatorProbesEndToEndTest} shows answering), with memory
 * requests and limits that hold its heap and direct memory; the PodDisruptionBudget and HorizontalPodAutoscaler
 * select and scale it; the registry connection and the deployment secret come from Secrets, the policies from a
 * ConfigMap mounted where the gateway reads them; the demo ports are Deployments whose Services are where their
 * contracts say, each accepting the credential the gateway presents to its domain, reachable from the gateway only;
 * the overlay's copies of the demo policies and contracts equal their sources. Where {@code kubectl} is installed,
 * the overlay is also rendered and every generated name is checked to be referenced.
 */
class DeploymentManifestsTest {

    private static final Pattern MEMORY = Pattern.compile("([0-9]+)(Mi|Gi)");
    private static final Pattern JVM_SIZE =
            Pattern.compile("-XX:MaxDirectMemorySize=([0-9]+)([mg])|-Xmx([0-9]+)([mg])");
    private static final List<String> DOMAINS = List.of("sales", "crm", "logistics");
    /**
     * The demo gateway's peak resident memory under a small load (docs/operations.md#sizing says how it was
     * measured): what a replica's memory request must hold.
     */
    private static final long MEASURED_PEAK_RSS_MIB = 661;

    private static Path repository;
    private static Path base;
    private static Path demo;
    private static Map<String, JsonNode> resources;

    @BeforeAll
    static void readManifests() throws IOException {
        repository = DockerComposeTest.repositoryRoot();
        base = repository.resolve("deploy/kubernetes/base");
        demo = repository.resolve("deploy/kubernetes/overlays/demo");
        resources = new LinkedHashMap<>();
        for (Path directory : List.of(base, demo)) {
            for (String file : names(kustomization(directory).path("resources"))) {
                Path path = directory.resolve(file).normalize();
                if (Files.isDirectory(path)) {
                    continue;
                }
                for (JsonNode document : documents(path)) {
                    String key = document.path("kind").asString() + "/"
                            + document.path("metadata").path("name").asString();
                    assertThat(resources).as("%s is declared once", key).doesNotContainKey(key);
                    resources.put(key, document);
                }
            }
        }
    }

    @Test
    void everyFileAKustomizationNamesExists() {
        for (Path directory : List.of(base, demo)) {
            JsonNode kustomization = kustomization(directory);
            List<String> files = new ArrayList<>(names(kustomization.path("resources")));
            kustomization.path("configMapGenerator").forEach(generator -> files.addAll(names(generator.path("files"))));
            kustomization.path("patches").forEach(patch -> files.add(patch.path("path").asString()));
            for (String file : files) {
                assertThat(directory.resolve(file).normalize()).as("named by %s", directory).exists();
            }
        }
        assertThat(names(kustomization(demo).path("resources"))).contains("../../base");
    }

    @Test
    void theGatewayRunsAsSeveralReplicasProbedOnTheActuatorsGroups() {
        JsonNode deployment = resource("Deployment/portico-gateway");
        assertThat(deployment.path("spec").path("replicas").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(deployment.path("spec").path("strategy").path("rollingUpdate").path("maxUnavailable").asInt())
                .as("a rollout never lowers capacity").isZero();
        JsonNode gateway = container(deployment, "gateway");
        assertThat(gateway.path("image").asString()).startsWith("portico/gateway:");
        assertThat(httpProbe(gateway, "readinessProbe")).isEqualTo("/actuator/health/readiness");
        assertThat(httpProbe(gateway, "livenessProbe")).isEqualTo("/actuator/health/liveness");
        assertThat(httpProbe(gateway, "startupProbe")).isEqualTo("/actuator/health/liveness");
        for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
            assertThat(gateway.path(probe).path("httpGet").path("port").asString()).isEqualTo("http");
        }
        assertThat(containerPorts(gateway)).containsEntry("http", 8080).containsEntry("flight-sql", 8815);
        assertThat(env(gateway)).containsEntry("PORTICO_FLIGHT_SQL_ENABLED", "true");
        assertThat(deployment.path("spec").path("template").path("spec").path("terminationGracePeriodSeconds").asInt())
                .as("longer than the preStop pause and the graceful shutdown").isGreaterThan(40);
    }

    @Test
    void theGatewaysMemoryHoldsItsMeasuredPeakAndItsLimitEverythingTheJvmMayTake() {
        JsonNode gateway = container(resource("Deployment/portico-gateway"), "gateway");
        long request = mebibytes(gateway.path("resources").path("requests").path("memory").asString());
        long limit = mebibytes(gateway.path("resources").path("limits").path("memory").asString());
        assertThat(gateway.path("resources").path("requests").path("cpu").asString()).isNotBlank();
        assertThat(request).as("the request holds the measured peak").isGreaterThanOrEqualTo(MEASURED_PEAK_RSS_MIB);
        assertThat(request).isLessThanOrEqualTo(limit);

        String options = env(gateway).get("JAVA_TOOL_OPTIONS");
        assertThat(options).contains("-Xms").contains("-Xmx").contains("-XX:MaxDirectMemorySize=")
                .contains("-XX:+ExitOnOutOfMemoryError");
        long heapAndDirect = 0;
        Matcher size = JVM_SIZE.matcher(options);
        while (size.find()) {
            String number = size.group(1) != null ? size.group(1) : size.group(3);
            String unit = size.group(2) != null ? size.group(2) : size.group(4);
            heapAndDirect += Long.parseLong(number) * (unit.equals("g") ? 1024 : 1);
        }
        String arrowBound = env(gateway).get("PORTICO_PORTS_MAX_MEMORY");
        assertThat(arrowBound).as("Arrow's bound on port reads").matches("[0-9]+MB");
        long arrow = Long.parseLong(arrowBound.replace("MB", ""));
        assertThat(heapAndDirect + arrow + 256).as("heap + direct + Arrow + 256 MiB for the rest, in MiB")
                .isLessThanOrEqualTo(limit);
    }

    @Test
    void theServiceThePdbAndTheAutoscalerAllFindTheGateway() {
        JsonNode deployment = resource("Deployment/portico-gateway");
        JsonNode podLabels = deployment.path("spec").path("template").path("metadata").path("labels");
        JsonNode service = resource("Service/portico-gateway");
        assertSelects(service.path("spec").path("selector"), podLabels);
        Map<String, Integer> containerPorts = containerPorts(container(deployment, "gateway"));
        Map<String, String> servicePorts = new LinkedHashMap<>();
        service.path("spec").path("ports").forEach(port -> {
            servicePorts.put(port.path("name").asString(), port.path("port").asInt() + "->"
                    + port.path("targetPort").asString());
            assertThat(containerPorts).containsKey(port.path("targetPort").asString());
        });
        assertThat(servicePorts).containsEntry("http", "8080->http").containsEntry("flight-sql", "8815->flight-sql");

        JsonNode budget = resource("PodDisruptionBudget/portico-gateway");
        assertSelects(budget.path("spec").path("selector").path("matchLabels"), podLabels);
        assertThat(budget.path("spec").path("maxUnavailable").asInt())
                .isLessThan(deployment.path("spec").path("replicas").asInt());

        JsonNode autoscaler = resource("HorizontalPodAutoscaler/portico-gateway");
        JsonNode target = autoscaler.path("spec").path("scaleTargetRef");
        assertThat(target.path("kind").asString() + "/" + target.path("name").asString())
                .isEqualTo("Deployment/portico-gateway");
        int minReplicas = autoscaler.path("spec").path("minReplicas").asInt();
        assertThat(minReplicas).isEqualTo(deployment.path("spec").path("replicas").asInt());
        assertThat(autoscaler.path("spec").path("maxReplicas").asInt()).isGreaterThan(minReplicas);
        assertThat(autoscaler.path("spec").path("metrics").get(0).path("resource").path("name").asString())
                .isEqualTo("cpu");
    }

    @Test
    void theRegistryAndTheSecretComeFromSecretsThePoliciesFromAConfigMap() {
        JsonNode deployment = resource("Deployment/portico-gateway");
        JsonNode gateway = container(deployment, "gateway");
        Map<String, String> fromSecrets = secretReferences(gateway);
        assertThat(fromSecrets).containsEntry("SPRING_DATASOURCE_URL", "portico-registry/url")
                .containsEntry("SPRING_DATASOURCE_USERNAME", "portico-registry/username")
                .containsEntry("SPRING_DATASOURCE_PASSWORD", "portico-registry/password")
                .containsEntry("PORTICO_POLICIES_SECRET", "portico-gateway/policies-secret");
        assertThat(env(gateway)).doesNotContainKeys("SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_PASSWORD");

        String policies = env(gateway).get("PORTICO_POLICIES_DIRECTORY");
        assertThat(policies).isEqualTo("/policies");
        assertThat(configMapMountedAt(deployment, gateway, policies)).isEqualTo("portico-policies");
        assertThat(gateway.path("envFrom").get(0).path("configMapRef").path("name").asString())
                .isEqualTo("portico-gateway");
        assertThat(generatedConfigMaps(base)).contains("portico-gateway");
        assertThat(generatedConfigMaps(demo)).contains("portico-policies", "portico-demo-contracts", "portico-gateway");
    }

    @Test
    void theDemoGatewayRegistersTheContractsItMountsAndTrustsTheDemoIssuer() throws IOException {
        Map<String, String> settings = generatorLiterals(demo, "portico-gateway");
        List<String> contracts = List.of(settings.get("PORTICO_PORTS_CONTRACTS").split(","));
        assertThat(contracts).containsExactlyInAnyOrder(DOMAINS.stream()
                .map(domain -> "/contracts/" + domain + ".odcs.yaml").toArray(String[]::new));
        JsonNode patch = documents(demo.resolve("gateway-demo-patch.yaml")).getFirst();
        JsonNode gateway = container(patch, "gateway");
        assertThat(configMapMountedAt(patch, gateway, "/contracts")).isEqualTo("portico-demo-contracts");
        assertThat(configMapMountedAt(patch, gateway, "/issuer")).isEqualTo("portico-issuer");
        assertThat(settings.get("PORTICO_SECURITY_PUBLIC_KEY_LOCATION")).isEqualTo("/issuer/public.pem");

        JsonNode compose = new YAMLMapper().readTree(repository.resolve("docker-compose.yml"));
        assertThat(settings.get("PORTICO_SECURITY_ISSUER")).as("the issuer mint-token signs for")
                .isEqualTo(compose.path("services").path("token-issuer").path("environment").path("PORTICO_ISSUER")
                        .asString());
    }

    @Test
    void eachDemoPortIsWhereItsContractSaysAndAcceptsTheGatewaysCredentialForItsDomain() throws IOException {
        JsonNode patch = documents(demo.resolve("gateway-demo-patch.yaml")).getFirst();
        Map<String, String> presented = secretReferences(container(patch, "gateway"));
        for (String domain : DOMAINS) {
            JsonNode contract = new YAMLMapper().readTree(demo.resolve("contracts/" + domain + ".odcs.yaml"));
            URI url = URI.create(flightSqlUrl(contract));
            JsonNode deployment = resource("Deployment/" + domain + "-port");
            JsonNode service = resource("Service/" + url.getHost());
            JsonNode port = container(deployment, "port");

            assertSelects(service.path("spec").path("selector"),
                    deployment.path("spec").path("template").path("metadata").path("labels"));
            assertThat(service.path("spec").path("ports").get(0).path("port").asInt()).isEqualTo(url.getPort());
            assertThat(containerPorts(port)).containsEntry("flight-sql", url.getPort());
            List<String> arguments = new ArrayList<>();
            port.path("args").forEach(argument -> arguments.add(argument.asString()));
            assertThat(arguments).containsSequence("--port", String.valueOf(url.getPort()))
                    .containsSequence("--host", "0.0.0.0").containsSequence("--demo", domain)
                    .containsSequence("--contract", "/contracts/" + domain + ".odcs.yaml");
            assertThat(port.path("startupProbe").path("tcpSocket").path("port").asString()).isEqualTo("flight-sql");
            assertThat(port.path("resources").path("limits").path("memory").asString()).isNotBlank();

            String accepted = secretReferences(port).get("PORTICO_PORT_CREDENTIALS");
            assertThat(accepted).isEqualTo("portico-port-credentials/" + domain);
            assertThat(presented.get("PORTICO_PORTS_CREDENTIALS_DOMAINS_" + domain.toUpperCase(java.util.Locale.ROOT)))
                    .as("the gateway presents to %s what its port accepts", domain).isEqualTo(accepted);
        }
    }

    @Test
    void theDemoPortsAcceptConnectionsFromTheGatewayOnly() {
        JsonNode policy = resource("NetworkPolicy/output-ports-from-gateway-only").path("spec");
        assertThat(policy.path("policyTypes").valueStream().map(JsonNode::asString)).containsExactly("Ingress");
        for (String domain : DOMAINS) {
            assertSelects(policy.path("podSelector").path("matchLabels"), resource("Deployment/" + domain + "-port")
                    .path("spec").path("template").path("metadata").path("labels"));
        }
        assertThat(policy.path("ingress")).hasSize(1);
        JsonNode from = policy.path("ingress").get(0).path("from");
        assertThat(from).hasSize(1);
        assertSelects(from.get(0).path("podSelector").path("matchLabels"), resource("Deployment/portico-gateway")
                .path("spec").path("template").path("metadata").path("labels"));
        assertThat(from.get(0).has("namespaceSelector")).isFalse();
    }

    @Test
    void theOverlaysCopiesOfTheDemoPoliciesAndContractsEqualTheirSources() throws IOException {
        assertSameFile(demo.resolve("policies/policies.yaml"),
                repository.resolve("policies/src/main/resources/demo/policies.yaml"));
        try (var sources = Files.list(repository.resolve("policies/src/main/resources/demo"))) {
            assertThat(sources.map(file -> file.getFileName().toString())).containsExactly("policies.yaml");
        }
        for (String domain : DOMAINS) {
            assertSameFile(demo.resolve("contracts/" + domain + ".odcs.yaml"),
                    repository.resolve("flight-server/src/main/resources/demo/contracts/" + domain + ".odcs.yaml"));
        }
    }

    @Test
    void theDemoOverlayRendersWithEveryGeneratedNameReferenced() throws Exception {
        Assumptions.assumeTrue(onPath("kubectl"), "kubectl is not installed: the parse checks above still ran");
        Process process = new ProcessBuilder("kubectl", "kustomize", demo.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String rendered = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();

        Map<String, JsonNode> objects = new LinkedHashMap<>();
        try (MappingIterator<JsonNode> documents = new YAMLMapper().readerFor(JsonNode.class).readValues(rendered)) {
            documents.forEachRemaining(document -> objects.put(document.path("kind").asString() + "/"
                    + document.path("metadata").path("name").asString(), document));
        }
        assertThat(objects.values()).allSatisfy(object -> assertThat(object.path("metadata").path("namespace")
                .asString()).isEqualTo("portico-demo"));
        List<String> configMaps = objects.keySet().stream().filter(key -> key.startsWith("ConfigMap/"))
                .map(key -> key.substring("ConfigMap/".length())).toList();
        assertThat(configMaps).hasSize(3).allSatisfy(name -> assertThat(name).matches("portico-[a-z-]+-[a-z0-9]{10}"));
        for (String name : configMaps) {
            assertThat(rendered.split("name: " + name + "\n", -1).length - 1).as("references to %s", name)
                    .isGreaterThanOrEqualTo(2);
        }
        assertThat(objects).containsKeys("Deployment/portico-gateway", "Service/portico-gateway",
                "PodDisruptionBudget/portico-gateway", "HorizontalPodAutoscaler/portico-gateway",
                "Deployment/sales-port", "Deployment/crm-port", "Deployment/logistics-port",
                "NetworkPolicy/output-ports-from-gateway-only");
        JsonNode gateway = container(objects.get("Deployment/portico-gateway"), "gateway");
        assertThat(secretReferences(gateway)).containsKeys("SPRING_DATASOURCE_URL",
                "PORTICO_PORTS_CREDENTIALS_DOMAINS_SALES");
    }

    private static JsonNode resource(String key) {
        assertThat(resources).as("manifests").containsKey(key);
        return resources.get(key);
    }

    private static JsonNode kustomization(Path directory) {
        return new YAMLMapper().readTree(directory.resolve("kustomization.yaml"));
    }

    private static List<JsonNode> documents(Path file) throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> iterator = new YAMLMapper().readerFor(JsonNode.class)
                .readValues(Files.readString(file))) {
            iterator.forEachRemaining(documents::add);
        }
        return documents;
    }

    private static List<String> names(JsonNode list) {
        List<String> names = new ArrayList<>();
        list.forEach(name -> names.add(name.asString()));
        return names;
    }

    private static List<String> generatedConfigMaps(Path directory) {
        List<String> names = new ArrayList<>();
        kustomization(directory).path("configMapGenerator").forEach(generator -> names.add(generator.path("name")
                .asString()));
        return names;
    }

    private static Map<String, String> generatorLiterals(Path directory, String name) {
        Map<String, String> literals = new LinkedHashMap<>();
        kustomization(directory).path("configMapGenerator").forEach(generator -> {
            if (generator.path("name").asString().equals(name)) {
                generator.path("literals").forEach(literal -> {
                    String text = literal.asString();
                    literals.put(text.substring(0, text.indexOf('=')), text.substring(text.indexOf('=') + 1));
                });
            }
        });
        return literals;
    }

    private static JsonNode container(JsonNode workload, String name) {
        for (JsonNode container : workload.path("spec").path("template").path("spec").path("containers")) {
            if (container.path("name").asString().equals(name)) {
                return container;
            }
        }
        throw new AssertionError("no container " + name + " in " + workload.path("metadata").path("name").asString());
    }

    private static String httpProbe(JsonNode container, String probe) {
        return container.path(probe).path("httpGet").path("path").asString();
    }

    private static Map<String, Integer> containerPorts(JsonNode container) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        container.path("ports").forEach(port -> ports.put(port.path("name").asString(),
                port.path("containerPort").asInt()));
        return ports;
    }

    /** Plain environment values by name. */
    private static Map<String, String> env(JsonNode container) {
        Map<String, String> env = new LinkedHashMap<>();
        container.path("env").forEach(variable -> {
            if (variable.has("value")) {
                env.put(variable.path("name").asString(), variable.path("value").asString());
            }
        });
        return env;
    }

    /** Environment variables read from Secrets, by name: secret/key. */
    private static Map<String, String> secretReferences(JsonNode container) {
        Map<String, String> references = new LinkedHashMap<>();
        container.path("env").forEach(variable -> {
            JsonNode secret = variable.path("valueFrom").path("secretKeyRef");
            if (!secret.isMissingNode()) {
                references.put(variable.path("name").asString(), secret.path("name").asString() + "/"
                        + secret.path("key").asString());
            }
        });
        return references;
    }

    /** The ConfigMap whose volume the container mounts at {@code path}. */
    private static String configMapMountedAt(JsonNode workload, JsonNode container, String path) {
        String volume = null;
        for (JsonNode mount : container.path("volumeMounts")) {
            if (mount.path("mountPath").asString().equals(path)) {
                assertThat(mount.path("readOnly").asBoolean()).as("%s is mounted read-only", path).isTrue();
                volume = mount.path("name").asString();
            }
        }
        assertThat(volume).as("a volume is mounted at %s", path).isNotNull();
        for (JsonNode declared : workload.path("spec").path("template").path("spec").path("volumes")) {
            if (declared.path("name").asString().equals(volume)) {
                return declared.path("configMap").path("name").asString();
            }
        }
        throw new AssertionError("volume " + volume + " is not declared");
    }

    private static void assertSelects(JsonNode selector, JsonNode labels) {
        assertThat(selector.isEmpty()).as("an empty selector selects everything").isFalse();
        selector.properties().forEach(entry -> assertThat(labels.path(entry.getKey()).asString())
                .as("label %s", entry.getKey()).isEqualTo(entry.getValue().asString()));
    }

    private static long mebibytes(String quantity) {
        Matcher matcher = MEMORY.matcher(quantity);
        assertThat(matcher.matches()).as("memory quantity %s in Mi or Gi", quantity).isTrue();
        return Long.parseLong(matcher.group(1)) * (matcher.group(2).equals("Gi") ? 1024 : 1);
    }

    private static String flightSqlUrl(JsonNode contract) {
        for (JsonNode server : contract.path("servers")) {
            for (JsonNode property : server.path("customProperties")) {
                if (property.path("property").asString().equals("flightSqlUrl")) {
                    return property.path("value").asString();
                }
            }
        }
        throw new AssertionError("contract " + contract.path("id").asString() + " has no flightSqlUrl");
    }

    private static void assertSameFile(Path copy, Path source) throws IOException {
        assertThat(Files.readString(copy)).as("%s is a copy of %s", copy, source).isEqualTo(Files.readString(source));
    }

    private static boolean onPath(String command) {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(directory, command))) {
                return true;
            }
        }
        return false;
    }
}
