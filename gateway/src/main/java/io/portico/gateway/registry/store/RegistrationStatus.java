package io.portico.gateway.registry.store;

/** Where a stored contract version stands. */
public enum RegistrationStatus {
    /** Served: the latest registration of its port and major version, not retired. */
    ACTIVE("active"),
    /** Replaced by a later registration of the same port and major version; kept as history. */
    SUPERSEDED("superseded"),
    /** Retired; kept as history. */
    RETIRED("retired");

    private final String column;

    RegistrationStatus(String column) {
        this.column = column;
    }

    /** The value of the {@code status} column. */
    String column() {
        return column;
    }

    static RegistrationStatus fromColumn(String value) {
        for (RegistrationStatus status : values()) {
            if (status.column.equals(value)) {
                return status;
            }
        }
        throw new IllegalStateException("unknown registration status '" + value + "' in the registry database");
    }
}
