package io.portico.gateway.registration;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * What {@link PortValidator} found.
 *
 * @param problems    why the contract cannot be published; empty when it can
 * @param warnings    what deserves a look without stopping it
 * @param liveSchemas the Arrow schema the port reports for each dataset it serves, by dataset name
 * @param reachable   whether the port answered
 */
public record PortValidation(List<RegistrationProblem> problems, List<RegistrationProblem> warnings,
        Map<String, Schema> liveSchemas, boolean reachable) {

    public PortValidation {
        problems = List.copyOf(problems);
        warnings = List.copyOf(warnings);
        liveSchemas = Collections.unmodifiableMap(new LinkedHashMap<>(liveSchemas));
    }

    public boolean valid() {
        return problems.isEmpty();
    }
}
