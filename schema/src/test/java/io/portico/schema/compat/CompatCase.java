package io.portico.schema.compat;

import static java.util.Objects.requireNonNull;

import io.portico.schema.compose.PortSnapshot;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One row of the compatibility table: a live port, a candidate that changes one thing, what
 * {@link ContractChangeChecker} must report, and what graphql-inspector says about the composed SDL of both.
 *
 * @param name              directory name under {@code compat/cases/}
 * @param live              the live port
 * @param candidate         the candidate
 * @param severity          our expected highest severity; empty when nothing changes
 * @param kinds             exactly the kinds the report must hold
 * @param path              the path of the change the case is about
 * @param inspector         graphql-inspector's verdict on the composed SDL of live and candidate
 * @param differenceReason  why our severity deliberately differs from inspector's verdict; null when they agree
 */
record CompatCase(
        String name,
        PortSnapshot live,
        PortSnapshot candidate,
        Optional<ChangeSeverity> severity,
        Set<ChangeKind> kinds,
        String path,
        InspectorVerdict inspector,
        String differenceReason) {

    CompatCase {
        requireNonNull(name, "name is null");
        requireNonNull(live, "live is null");
        requireNonNull(candidate, "candidate is null");
        kinds = Set.copyOf(kinds);
        requireNonNull(inspector, "inspector is null");
    }

    static Builder named(String name) {
        return new Builder(name);
    }

    @Override
    public String toString() {
        return name;
    }

    /** Builds a case: {@code named(..).from(..).to(..).expect(..).at(..).inspectorAgrees(..)}. */
    static final class Builder {
        private final String name;
        private PortSnapshot live;
        private PortSnapshot candidate;
        private ChangeSeverity severity;
        private List<ChangeKind> kinds = List.of();
        private String path;

        private Builder(String name) {
            this.name = name;
        }

        Builder from(PortSnapshot port) {
            this.live = port;
            return this;
        }

        Builder to(PortSnapshot port) {
            this.candidate = port;
            return this;
        }

        /** The highest severity and every kind the report holds. */
        Builder expect(ChangeSeverity expected, ChangeKind... expectedKinds) {
            this.severity = expected;
            this.kinds = List.of(expectedKinds);
            return this;
        }

        Builder at(String changePath) {
            this.path = changePath;
            return this;
        }

        CompatCase inspectorAgrees(InspectorVerdict verdict) {
            return new CompatCase(name, live, candidate, Optional.ofNullable(severity), Set.copyOf(kinds), path,
                    verdict, null);
        }

        CompatCase inspectorDiffers(InspectorVerdict verdict, String reason) {
            return new CompatCase(name, live, candidate, Optional.ofNullable(severity), Set.copyOf(kinds), path,
                    verdict, requireNonNull(reason, "reason is null"));
        }
    }
}
