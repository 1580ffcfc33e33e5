package io.portico.schema.contract;

import io.portico.schema.contract.NodeReader.Located;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Maps a contract's {@code servers} onto {@link ServerContract}s, recording every problem in the contract's
 * {@link NodeReader}: a {@code custom} server (a Flight SQL output port) must carry a usable
 * {@link ServerContract#FLIGHT_SQL_URL}. Part of {@link ContractMapper}.
 */
final class ServerMapper {

    private static final Set<String> FLIGHT_SCHEMES_WITH_HOST = Set.of("grpc", "grpc+tcp", "grpc+tls");

    private final NodeReader reader;

    ServerMapper(NodeReader reader) {
        this.reader = reader;
    }

    /** The contract's {@code servers}; a {@code custom} server must name its Flight SQL URI. */
    List<ServerContract> of(JsonNode root) {
        List<ServerContract> servers = new ArrayList<>();
        for (Located item : reader.mappingList(root, "$", "servers", "a list of servers", "a server mapping")) {
            JsonNode node = item.node();
            String server = reader.requiredString(node, item.path(), "server", "a string: the server's identifier");
            String type = reader.requiredString(node, item.path(), "type", "an ODCS server type, e.g. custom");
            String description = reader.optionalString(node, item.path(), "description");
            String environment = reader.optionalString(node, item.path(), "environment");
            Map<String, String> customProperties = reader.customProperties(node, item.path());
            if ("custom".equals(type)) {
                checkFlightSqlUrl(node, item.path(), server, customProperties);
            }
            if (server != null && type != null) {
                servers.add(new ServerContract(server, type, description, environment, customProperties));
            }
        }
        return servers;
    }

    private void checkFlightSqlUrl(JsonNode server, String serverPath, String serverName,
            Map<String, String> customProperties) {
        String expected = "a customProperty " + ServerContract.FLIGHT_SQL_URL
                + " with a Flight URI such as grpc+tcp://sales-port:31337";
        String url = customProperties.get(ServerContract.FLIGHT_SQL_URL);
        if (url == null) {
            String path = NodeReader.child(server, "customProperties") == null
                    ? serverPath : NodeReader.path(serverPath, "customProperties");
            reader.problem(path, "custom server '" + serverName + "' has no " + ServerContract.FLIGHT_SQL_URL, expected);
            return;
        }
        String problem = flightUriProblem(url);
        if (problem != null) {
            reader.problem(NodeReader.customPropertyValuePath(server, serverPath, ServerContract.FLIGHT_SQL_URL),
                    "'" + url + "' is not a Flight URI: " + problem,
                    "grpc://, grpc+tcp:// or grpc+tls:// with host and port, e.g. grpc+tcp://sales-port:31337");
        }
    }

    private static String flightUriProblem(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return e.getReason() + " at index " + e.getIndex();
        }
        if (uri.getScheme() == null || !FLIGHT_SCHEMES_WITH_HOST.contains(uri.getScheme())) {
            return "unknown scheme '" + uri.getScheme() + "'";
        }
        if (uri.getHost() == null) {
            return "no host";
        }
        if (uri.getPort() < 1) {
            return "no port";
        }
        return null;
    }
}
