package io.portico.gateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Checks {@code docker-compose.yml} and the Dockerfiles against the repository, since no Docker engine runs
 * where the tests do: every service can be built or pulled and has something to run, its ports are valid, every
 * host path it mounts exists, every contract a command or setting names is mounted, dependencies name real
 * services, the Dockerfiles copy the jars the Maven build really produces, and each contract's
 * {@code flightSqlUrl} reaches the service that serves it. The ports answer only the gateway: none is published on
 * the host, each listens on the compose network, and each accepts exactly the credential the gateway presents to
 * its domain (one required variable shared by the two). The gateway trusts the token issuer the file provides (its
 * public key on a volume the issuer writes and the gateway reads; the private key on the issuer's alone), every
 * service has a health check and the gateway waits for them, the demo policies are mounted where the gateway reads
 * them, and only the gateway is on a network reachable from outside.
 */
class DockerComposeTest {

    private static final Pattern CONTRACT_PATH = Pattern.compile("/contracts/[A-Za-z0-9._-]+\\.ya?ml");
    /** A variable compose refuses to start without: {@code ${NAME:?message}}. */
    private static final Pattern REQUIRED_VARIABLE = Pattern.compile("\\$\\{([A-Z_]+):\\?[^}]+}");
    private static final Pattern COPY_JAR = Pattern.compile("(?m)^COPY\\s+(\\S+\\.jar)\\s+\\S+\\s*$");
    private static final Pattern VERSION_ARG = Pattern.compile("(?m)^ARG\\s+PORTICO_VERSION=(\\S+)\\s*$");
    private static final Pattern JAR_PATH =
            Pattern.compile("([A-Za-z0-9_-]+)/target/([A-Za-z0-9_.-]+?)-\\$\\{PORTICO_VERSION}(?:-([A-Za-z0-9]+))?\\.jar");

    private static Path repository;
    private static JsonNode compose;
    private static Map<String, JsonNode> services;

    @BeforeAll
    static void readComposeFile() {
        repository = repositoryRoot();
        compose = new YAMLMapper().readTree(repository.resolve("docker-compose.yml"));
        services = new LinkedHashMap<>();
        compose.path("services").properties().forEach(entry -> services.put(entry.getKey(), entry.getValue()));
    }

    @Test
    void declaresTheGatewayTheThreeDemoPortsAndTheRegistry() {
        assertThat(services).containsOnlyKeys("gateway", "token-issuer", "sales-port", "crm-port", "logistics-port",
                "registry-db");
    }

    @Test
    void everyServiceHasAnImageOrABuildWhoseDockerfileExists() {
        services.forEach((name, service) -> {
            assertThat(service.has("image") || service.has("build")).as("%s has image or build", name).isTrue();
            dockerfileOf(service).ifPresent(dockerfile ->
                    assertThat(dockerfile).as("Dockerfile of %s", name).isRegularFile());
        });
    }

    @Test
    void everyBuiltServiceHasSomethingToRun() throws IOException {
        for (Map.Entry<String, JsonNode> entry : services.entrySet()) {
            Optional<Path> dockerfile = dockerfileOf(entry.getValue());
            if (dockerfile.isEmpty()) {
                continue;
            }
            boolean hasCommand = entry.getValue().has("command") || entry.getValue().has("entrypoint");
            boolean hasEntrypoint = Files.readString(dockerfile.get()).lines()
                    .anyMatch(line -> line.startsWith("ENTRYPOINT") || line.startsWith("CMD"));
            assertThat(hasCommand || hasEntrypoint).as("%s has a command or an ENTRYPOINT", entry.getKey()).isTrue();
        }
    }

    @Test
    void publishedPortsAreValidAndDistinct() {
        List<Integer> hostPorts = new ArrayList<>();
        services.forEach((name, service) -> {
            for (JsonNode mapping : service.path("ports")) {
                String[] parts = mapping.asString().split(":");
                assertThat(parts).as("port mapping %s of %s is host:container", mapping.asString(), name).hasSize(2);
                hostPorts.add(validPort(parts[0], name));
                validPort(parts[1], name);
            }
        });
        assertThat(hostPorts).as("host ports").doesNotHaveDuplicates().isNotEmpty();
    }

    @Test
    void everyMountedHostPathExistsAndEveryNamedVolumeIsDeclared() {
        services.forEach((name, service) -> {
            for (JsonNode volume : service.path("volumes")) {
                String source = volume.asString().split(":")[0];
                if (source.startsWith(".") || source.startsWith("/")) {
                    assertThat(repository.resolve(source).normalize()).as("host path mounted by %s", name).exists();
                } else {
                    assertThat(compose.path("volumes").has(source)).as("volume %s of %s is declared", source, name)
                            .isTrue();
                }
            }
        });
    }

    @Test
    void everyContractNamedInACommandOrSettingIsMountedIntoThatService() {
        services.forEach((name, service) -> {
            List<String> mountTargets = new ArrayList<>();
            for (JsonNode volume : service.path("volumes")) {
                mountTargets.add(volume.asString().split(":")[1]);
            }
            String commandAndSettings = service.path("command").toString() + service.path("environment").toString();
            Matcher contract = CONTRACT_PATH.matcher(commandAndSettings);
            while (contract.find()) {
                String path = contract.group();
                assertThat(mountTargets).as("mounts of %s", name)
                        .anyMatch(target -> path.equals(target) || path.startsWith(target + "/"));
            }
        });
    }

    @Test
    void everyPortKeepsItsDatabaseOnItsOwnDataVolume() {
        List<String> volumes = new ArrayList<>();
        for (String domain : List.of("sales", "crm", "logistics")) {
            JsonNode port = services.get(domain + "-port");
            List<String> command = new ArrayList<>();
            port.path("command").forEach(argument -> command.add(argument.asString()));
            String database = command.get(command.indexOf("--database") + 1);
            assertThat(database).as("database of %s", domain).startsWith("duckdb:/data/");
            String volume = null;
            for (JsonNode mount : port.path("volumes")) {
                String[] parts = mount.asString().split(":");
                if (parts[1].equals("/data")) {
                    volume = parts[0];
                }
            }
            assertThat(volume).as("volume mounted at /data in %s", domain).isNotNull();
            volumes.add(volume);
        }
        assertThat(volumes).doesNotHaveDuplicates();
    }

    @Test
    void theGatewayRegistersEveryContractItMounts() {
        JsonNode gateway = services.get("gateway");
        List<String> configured = List.of(gateway.path("environment").path("PORTICO_PORTS_CONTRACTS").asString()
                .split(","));
        List<String> mounted = new ArrayList<>();
        for (JsonNode volume : gateway.path("volumes")) {
            String target = volume.asString().split(":")[1];
            if (target.startsWith("/contracts/")) {
                mounted.add(target);
            }
        }
        assertThat(configured).containsExactlyInAnyOrderElementsOf(mounted).hasSize(3);
    }

    @Test
    void dependenciesNameDeclaredServices() {
        services.forEach((name, service) -> {
            JsonNode dependsOn = service.path("depends_on");
            List<String> dependencies = new ArrayList<>();
            if (dependsOn.isArray()) {
                dependsOn.forEach(dependency -> dependencies.add(dependency.asString()));
            } else {
                dependencies.addAll(dependsOn.propertyNames());
            }
            assertThat(services.keySet()).as("dependencies of %s", name).containsAll(dependencies);
        });
        JsonNode gatewayDependencies = services.get("gateway").path("depends_on");
        assertThat(gatewayDependencies.propertyNames())
                .containsExactlyInAnyOrder("registry-db", "token-issuer", "sales-port", "crm-port", "logistics-port");
        gatewayDependencies.properties().forEach(dependency -> assertThat(dependency.getValue().path("condition")
                .asString()).as("the gateway waits for %s to be healthy", dependency.getKey())
                .isEqualTo("service_healthy"));
    }

    @Test
    void dockerfilesCopyTheJarsTheMavenBuildProduces() throws Exception {
        String projectVersion = text(parse(repository.resolve("pom.xml")).getDocumentElement(), "version");
        List<Path> dockerfiles = new ArrayList<>();
        for (Path dockerfile : services.values().stream().map(DockerComposeTest::dockerfileOf)
                .flatMap(Optional::stream).distinct().toList()) {
            if (COPY_JAR.matcher(Files.readString(dockerfile)).find()) {
                dockerfiles.add(dockerfile);
            }
        }
        assertThat(dockerfiles).as("the gateway's and the port's").hasSize(2);

        for (Path dockerfile : dockerfiles) {
            String content = Files.readString(dockerfile);
            Matcher versionArg = VERSION_ARG.matcher(content);
            assertThat(versionArg.find()).as("%s declares ARG PORTICO_VERSION=<version>", dockerfile).isTrue();
            assertThat(versionArg.group(1)).as("PORTICO_VERSION of %s", dockerfile).isEqualTo(projectVersion);

            Matcher copy = COPY_JAR.matcher(content);
            assertThat(copy.find()).as("%s copies a jar", dockerfile).isTrue();
            Matcher jar = JAR_PATH.matcher(copy.group(1));
            assertThat(jar.matches()).as("jar path %s is <module>/target/<artifactId>-${PORTICO_VERSION}[-<classifier>].jar",
                    copy.group(1)).isTrue();

            Element modulePom = parse(repository.resolve(jar.group(1)).resolve("pom.xml")).getDocumentElement();
            assertThat(text(modulePom, "artifactId")).as("artifactId of module %s", jar.group(1)).isEqualTo(jar.group(2));
            assertThat(Optional.ofNullable(jar.group(3))).as("classifier of the runnable jar of %s", jar.group(1))
                    .isEqualTo(bootJarClassifier(modulePom));
        }
    }

    @Test
    void eachContractsFlightSqlUrlReachesThePortServiceThatServesIt() {
        for (String domain : List.of("sales", "crm", "logistics")) {
            JsonNode port = services.get(domain + "-port");
            List<String> command = new ArrayList<>();
            port.path("command").forEach(argument -> command.add(argument.asString()));
            assertThat(command).containsSequence("--contract", "/contracts/" + domain + ".odcs.yaml")
                    .containsSequence("--demo", domain);
            String listenPort = command.get(command.indexOf("--port") + 1);
            assertThat(command).as("the port listens on the compose network").containsSequence("--host", "0.0.0.0");

            JsonNode contract = new YAMLMapper().readTree(
                    repository.resolve("flight-server/src/main/resources/demo/contracts/" + domain + ".odcs.yaml"));
            URI flightSqlUrl = URI.create(flightSqlUrl(contract));
            assertThat(flightSqlUrl.getScheme()).isEqualTo("grpc+tcp");
            assertThat(flightSqlUrl.getHost()).isEqualTo(domain + "-port");
            assertThat(String.valueOf(flightSqlUrl.getPort())).isEqualTo(listenPort);
            assertThat(port.path("expose").valueStream().map(JsonNode::asString)).containsExactly(listenPort);
        }
    }

    @Test
    void noPortIsPublishedOnTheHost() {
        for (String domain : List.of("sales", "crm", "logistics")) {
            assertThat(services.get(domain + "-port").has("ports")).as("%s-port publishes ports on the host", domain)
                    .isFalse();
        }
        assertThat(services.get("gateway").path("ports").valueStream().map(JsonNode::asString))
                .as("the gateway is the one way in: HTTP and its Flight SQL endpoint")
                .containsExactly("8080:8080", "8815:8815");
        assertThat(services.get("gateway").path("environment").path("PORTICO_FLIGHT_SQL_ENABLED").asString())
                .isEqualTo("true");
        services.forEach((name, service) -> {
            if (!name.equals("gateway")) {
                assertThat(service.has("ports")).as("%s publishes ports on the host", name).isFalse();
            }
        });
    }

    @Test
    void onlyTheGatewayIsOnANetworkReachableFromOutside() {
        JsonNode networks = compose.path("networks");
        assertThat(networks.path("mesh").path("internal").asBoolean()).as("the mesh network is internal").isTrue();
        assertThat(networks.path("edge").path("internal").asBoolean(false)).isFalse();
        assertThat(networksOf("gateway")).containsExactlyInAnyOrder("mesh", "edge");
        for (String name : List.of("sales-port", "crm-port", "logistics-port", "registry-db")) {
            assertThat(networksOf(name)).as("networks of %s", name).containsExactly("mesh");
        }
        assertThat(services.get("token-issuer").path("network_mode").asString())
                .as("nothing calls the token issuer; the gateway reads its public key from a volume").isEqualTo("none");
    }

    @Test
    void everyServiceHasAHealthCheck() {
        services.forEach((name, service) -> {
            JsonNode test = service.path("healthcheck").path("test");
            assertThat(test.isArray() && !test.isEmpty()).as("%s has a health check", name).isTrue();
            assertThat(test.get(0).asString()).as("health check of %s", name).isIn("CMD", "CMD-SHELL");
            assertThat(service.path("healthcheck").path("disable").asBoolean(false)).isFalse();
        });
        assertThat(healthCheckCommand(services.get("gateway"))).contains("/dev/tcp/127.0.0.1/8080")
                .contains("GET /actuator/health/readiness ");
        for (String domain : List.of("sales", "crm", "logistics")) {
            List<String> command = new ArrayList<>();
            services.get(domain + "-port").path("command").forEach(argument -> command.add(argument.asString()));
            assertThat(healthCheckCommand(services.get(domain + "-port"))).as("health check of %s-port", domain)
                    .isEqualTo("exec 3<>/dev/tcp/127.0.0.1/" + command.get(command.indexOf("--port") + 1));
        }
    }

    @Test
    void theGatewayTrustsTheTokenIssuerTheFileProvides() {
        JsonNode gateway = services.get("gateway");
        JsonNode issuer = services.get("token-issuer");
        String issuerName = gateway.path("environment").path("PORTICO_SECURITY_ISSUER").asString();
        assertThat(issuerName).isNotBlank().isEqualTo(issuer.path("environment").path("PORTICO_ISSUER").asString());
        assertThat(gateway.path("environment").has("PORTICO_SECURITY_JWK_SET_URI")).isFalse();

        Map<String, String> issuerMounts = mounts("token-issuer");
        Map<String, String> gatewayMounts = mounts("gateway");
        String publicVolume = issuerMounts.get("/keys/public");
        String privateVolume = issuerMounts.get("/keys/private");
        assertThat(publicVolume).isNotNull().isNotEqualTo(privateVolume);
        assertThat(compose.path("volumes").has(publicVolume)).isTrue();

        String keyLocation = gateway.path("environment").path("PORTICO_SECURITY_PUBLIC_KEY_LOCATION").asString();
        Path keyDirectory = Path.of(keyLocation).getParent();
        assertThat(gatewayMounts).as("the gateway mounts the issuer's public volume where it reads the key")
                .containsEntry(keyDirectory.toString(), publicVolume);
        assertThat(gateway.path("volumes").valueStream().map(JsonNode::asString))
                .contains(publicVolume + ":" + keyDirectory + ":ro");
        assertThat(Path.of(keyLocation).getFileName().toString()).isEqualTo("public.pem");
        assertThat(gatewayMounts.values()).as("the private key never reaches the gateway").doesNotContain(privateVolume);
        assertThat(healthCheckCommand(services.get("token-issuer"))).isEqualTo("test -s /keys/public/public.pem");
    }

    @Test
    void theTokenIssuerImageHoldsItsScripts() throws IOException {
        Path dockerfile = dockerfileOf(services.get("token-issuer")).orElseThrow();
        String content = Files.readString(dockerfile);
        Matcher copy = Pattern.compile("(?m)^COPY\\s+(.+)\\s+/usr/local/bin/\\s*$").matcher(content);
        assertThat(copy.find()).as("%s copies its scripts", dockerfile).isTrue();
        List<String> sources = List.of(copy.group(1).trim().split("\\s+"));
        assertThat(sources).extracting(source -> Path.of(source).getFileName().toString())
                .containsExactlyInAnyOrder("issuer-keys", "mint-token");
        for (String source : sources) {
            assertThat(repository.resolve(source)).isRegularFile().isExecutable();
        }
        assertThat(content).contains("ENTRYPOINT [\"issuer-keys\"]").contains("CMD [\"--wait\"]");
    }

    @Test
    void thePoliciesAreMountedReadOnlyWhereTheGatewayReadsThem() throws IOException {
        JsonNode gateway = services.get("gateway");
        String directory = gateway.path("environment").path("PORTICO_POLICIES_DIRECTORY").asString();
        assertThat(directory).as("PORTICO_POLICIES_DIRECTORY is set").isNotBlank();
        String mount = gateway.path("volumes").valueStream().map(JsonNode::asString)
                .filter(volume -> volume.split(":")[1].equals(directory)).findFirst()
                .orElseThrow(() -> new AssertionError("nothing is mounted at " + directory));
        assertThat(mount).endsWith(":ro");
        Path source = repository.resolve(mount.split(":")[0]).normalize();
        try (var files = Files.list(source)) {
            assertThat(files.map(file -> file.getFileName().toString())).as("policy files in %s", source)
                    .anyMatch(file -> file.endsWith(".yaml"));
        }
    }

    @Test
    void eachPortAcceptsTheCredentialTheGatewayPresentsToItsDomain() {
        JsonNode gateway = services.get("gateway").path("environment");
        for (String domain : List.of("sales", "crm", "logistics")) {
            String accepted = services.get(domain + "-port").path("environment").path("PORTICO_PORT_CREDENTIALS")
                    .asString();
            String presented = gateway.path("PORTICO_PORTS_CREDENTIALS_DOMAINS_" + domain.toUpperCase(Locale.ROOT))
                    .asString();
            Matcher variable = REQUIRED_VARIABLE.matcher(accepted);
            assertThat(variable.matches()).as("%s-port's credential is a required variable: %s", domain, accepted)
                    .isTrue();
            assertThat(presented).as("the gateway presents to %s what its port accepts", domain).isEqualTo(accepted);
            assertThat(variable.group(1)).isEqualTo("PORTICO_" + domain.toUpperCase(Locale.ROOT) + "_PORT_CREDENTIAL");
        }
        List<String> variables = List.of("sales", "crm", "logistics").stream()
                .map(domain -> services.get(domain + "-port").path("environment").path("PORTICO_PORT_CREDENTIALS")
                        .asString())
                .toList();
        assertThat(variables).as("one credential per domain").doesNotHaveDuplicates();
    }

    @Test
    void composeEnvWritesEveryCredentialTheComposeFileRequiresReadableByItsOwnerOnly(@TempDir Path directory)
            throws Exception {
        Path env = directory.resolve(".env");
        Process process = new ProcessBuilder("bash", repository.resolve("portico").toString(), "compose-env",
                env.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();

        Map<String, String> written = new LinkedHashMap<>();
        for (String line : Files.readAllLines(env)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                written.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
        }
        List<String> required = new ArrayList<>();
        Matcher variable = REQUIRED_VARIABLE.matcher(Files.readString(repository.resolve("docker-compose.yml")));
        while (variable.find()) {
            required.add(variable.group(1));
        }
        assertThat(written.keySet()).containsExactlyInAnyOrderElementsOf(new java.util.LinkedHashSet<>(required));
        assertThat(written.values()).allSatisfy(value -> assertThat(value).matches("[A-Za-z0-9_-]{43}"))
                .doesNotHaveDuplicates();
        assertThat(Files.getPosixFilePermissions(env)).containsExactlyInAnyOrder(
                java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
    }

    /** The service's health check as one shell text (the words after CMD, or the CMD-SHELL string). */
    static String healthCheckCommand(JsonNode service) {
        JsonNode test = service.path("healthcheck").path("test");
        List<String> words = new ArrayList<>();
        test.forEach(word -> words.add(word.asString()));
        if (words.getFirst().equals("CMD-SHELL")) {
            return words.get(1);
        }
        if (words.size() == 4 && words.get(1).equals("bash") && words.get(2).equals("-c")) {
            return words.get(3);
        }
        return String.join(" ", words.subList(1, words.size()));
    }

    private static List<String> networksOf(String service) {
        List<String> networks = new ArrayList<>();
        JsonNode declared = services.get(service).path("networks");
        if (declared.isArray()) {
            declared.forEach(network -> networks.add(network.asString()));
        } else {
            networks.addAll(declared.propertyNames());
        }
        return networks;
    }

    /** Mount target -> source (host path or volume name) of a service. */
    private static Map<String, String> mounts(String service) {
        Map<String, String> mounts = new LinkedHashMap<>();
        for (JsonNode volume : services.get(service).path("volumes")) {
            String[] parts = volume.asString().split(":");
            mounts.put(parts[1], parts[0]);
        }
        return mounts;
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

    private static Optional<Path> dockerfileOf(JsonNode service) {
        if (!service.has("build")) {
            return Optional.empty();
        }
        JsonNode build = service.path("build");
        String context = build.isString() ? build.asString() : build.path("context").asString(".");
        String dockerfile = build.path("dockerfile").asString("Dockerfile");
        return Optional.of(repository.resolve(context).resolve(dockerfile).normalize());
    }

    private static int validPort(String text, String service) {
        assertThat(text).as("port of %s", service).matches("[0-9]{1,5}");
        int port = Integer.parseInt(text);
        assertThat(port).as("port of %s", service).isBetween(1, 65535);
        return port;
    }

    /** The classifier spring-boot-maven-plugin gives the module's runnable jar, if it sets one. */
    private static Optional<String> bootJarClassifier(Element pom) {
        NodeList plugins = pom.getElementsByTagName("plugin");
        for (int index = 0; index < plugins.getLength(); index++) {
            Element plugin = (Element) plugins.item(index);
            if (!"spring-boot-maven-plugin".equals(text(plugin, "artifactId"))) {
                continue;
            }
            NodeList classifiers = plugin.getElementsByTagName("classifier");
            return classifiers.getLength() == 0
                    ? Optional.empty()
                    : Optional.of(classifiers.item(0).getTextContent().trim());
        }
        throw new AssertionError("the module has no spring-boot-maven-plugin, so no runnable jar");
    }

    /** Text of the element's direct child with the given name. */
    private static String text(Element element, String childName) {
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element childElement && childElement.getTagName().equals(childName)) {
                return childElement.getTextContent().trim();
            }
        }
        throw new AssertionError("<" + element.getTagName() + "> has no <" + childName + ">");
    }

    private static Document parse(Path xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(xml.toFile());
    }

    static Path repositoryRoot() {
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null) {
            if (Files.isRegularFile(directory.resolve("docker-compose.yml")) && Files.isRegularFile(directory.resolve("mvnw"))) {
                return directory;
            }
            directory = directory.getParent();
        }
        throw new AssertionError("no repository root (with docker-compose.yml and mvnw) above " + Path.of("").toAbsolutePath());
    }
}
