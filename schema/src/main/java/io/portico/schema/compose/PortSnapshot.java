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
 * @param contract    the port's contract
 * @param liveSchemas the live Arrow schema of each dataset, keyed by dataset name (the contract's
 *                    {@code schema[].name}); a dataset missing here is reported and left out of the schema
 */
public record PortSnapshot(OutputPortContract contract, Map<String, Schema> liveSchemas) {

    public PortSnapshot {
        requireNonNull(contract, "contract is null");
        liveSchemas = Collections.unmodifiableMap(new TreeMap<>(liveSchemas));
    }
}
