package io.portico.flight.auth;

import static java.util.Objects.requireNonNull;

import io.portico.schema.contract.OutputPortContract;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.arrow.flight.ActionType;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a reference output port states about itself to an authenticated caller (the gateway): the domain, id and
 * version of the contract it serves. The gateway asks for it with the Flight action {@value #ACTION} before it
 * accepts a contract naming an endpoint no configuration binds ({@code EndpointOwnership} in the gateway): the
 * endpoint belongs to the domain the port states, and only a caller presenting that domain's credential gets an
 * answer at all.
 *
 * <p>The action's one result is this record as a JSON object: {@code {"domain":"crm","portId":"crm-customers-port",
 * "version":"1.0.0"}}.
 *
 * @param domain  the contract's domain
 * @param portId  the contract's id
 * @param version the contract's version
 */
public record PortIdentity(String domain, String portId, String version) {

    /** The Flight action type. */
    public static final String ACTION = "portico.port-identity";

    /** The action as {@code ListActions} lists it. */
    public static final ActionType ACTION_TYPE = new ActionType(ACTION,
            "The domain, port id and version of the contract this Portico output port serves.");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public PortIdentity {
        requireNonNull(domain, "domain is null");
        requireNonNull(portId, "portId is null");
        requireNonNull(version, "version is null");
    }

    public static PortIdentity of(OutputPortContract contract) {
        return new PortIdentity(contract.domain(), contract.id(), contract.version());
    }

    /** The action's result body. */
    public byte[] toJson() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("domain", domain);
        fields.put("portId", portId);
        fields.put("version", version);
        return JSON.writeValueAsBytes(fields);
    }

    /**
     * Reads an action's result body.
     *
     * @throws IllegalArgumentException when it is not such a JSON object
     */
    public static PortIdentity fromJson(byte[] body) {
        requireNonNull(body, "body is null");
        JsonNode json;
        try {
            json = JSON.readTree(new String(body, StandardCharsets.UTF_8));
        } catch (JacksonException e) {
            throw new IllegalArgumentException("the port identity is not JSON", e);
        }
        if (json == null || !json.path("domain").isString() || !json.path("portId").isString()
                || !json.path("version").isString()) {
            throw new IllegalArgumentException("the port identity is not an object with domain, portId and version");
        }
        return new PortIdentity(json.path("domain").asString(), json.path("portId").asString(),
                json.path("version").asString());
    }
}
