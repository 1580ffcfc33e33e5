package io.portico.schema.compose;

import static java.util.Objects.requireNonNull;

import io.portico.schema.contract.OutputPortContract;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * One registered output port as schema composition sees it: its contract and the Arrow schemas its endpoint
 * reported for the contract's datasets.
 *
 * <p>A port can be served in several major versions at once (a breaking change is published as a new major
 * beside the old one until the old is retired). Each served major is its own snapshot with its own
 * {@link #portKey()}: the key the gateway routes that major's queries by.
 *
 * @param contract    the port's contract
 * @param liveSchemas the live Arrow schema of each dataset, keyed by dataset name (the contract's
 *                    {@code schema[].name}); a dataset missing here is reported and left out of the schema
 * @param portKey     the key of this served version; the contract id for a port served in one major
 */
public record PortSnapshot(OutputPortContract contract, Map<String, Schema> liveSchemas, String portKey) {

    public PortSnapshot {
        requireNonNull(contract, "contract is null");
        requireNonNull(portKey, "portKey is null");
        liveSchemas = Collections.unmodifiableMap(new TreeMap<>(liveSchemas));
    }

    /** A port served in one major version, keyed by its contract id. */
    public PortSnapshot(OutputPortContract contract, Map<String, Schema> liveSchemas) {
        this(contract, liveSchemas, contract.id());
    }

    /** The key of an older major served beside the current one, e.g. {@code sales-orders-port@v1}. */
    public static String olderMajorKey(String portId, int major) {
        return portId + "@v" + major;
    }

    /** The contract's {@link OutputPortContract#majorVersion() major version}. */
    public int majorVersion() {
        return contract.majorVersion();
    }
}
