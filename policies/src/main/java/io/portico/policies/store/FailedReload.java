package io.portico.policies.store;

import static java.util.Objects.requireNonNull;

import io.portico.policies.parse.PolicyProblem;
import java.time.Instant;
import java.util.List;

/**
 * A reload that was refused: the previous good set stayed in force.
 *
 * @param at       when the reload was tried
 * @param problems why it was refused (for a file that could not be read, one problem naming the I/O error)
 */
public record FailedReload(Instant at, List<PolicyProblem> problems) {

    public FailedReload {
        requireNonNull(at, "at is null");
        problems = List.copyOf(problems);
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a failed reload has at least one problem");
        }
    }
}
