package io.portico.gateway.catalog;

/** Where a data product's registration comes from. */
public enum RegistrationSource {
    /** Published through the registry: stored in the registry database, with its history. */
    REGISTRY,
    /**
     * A start-up contract of this gateway ({@code portico.ports.contracts} or the demo mesh), or a port registered
     * in memory only; not stored, so without history.
     */
    LOCAL
}
