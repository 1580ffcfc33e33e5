package io.portico.gateway.read;

import static java.util.Objects.requireNonNull;

/**
 * A dataset the current schema serves, as front doors other than GraphQL name it: its source, the domain and the
 * dataset's contract name (its SQL table name; {@code <name>_v<major>} for an older major served beside a newer
 * one).
 *
 * @param source the dataset's binding, policy target and port reader
 * @param domain the owning domain, as its contract names it
 * @param name   the dataset's contract name, with {@code _v<major>} for an older major
 */
public record ServedDataset(DatasetSource source, String domain, String name) {

    public ServedDataset {
        requireNonNull(source, "source is null");
        requireNonNull(domain, "domain is null");
        requireNonNull(name, "name is null");
    }
}
