-- The durable port registry (io.portico.gateway.registry.store.RegistryStore; names in RegistryTables).
-- Portable: runs unchanged on H2 2.x and PostgreSQL. Applied by Flyway when the gateway starts.

-- The registry version: one row, bumped by every change (a registration or a retirement) inside the transaction
-- that makes the change. Every writer updates this row first, so its row lock serializes changes across all
-- gateway processes sharing the database, and replicas poll it to learn that something changed.
CREATE TABLE registry_version (
    id         INTEGER                  NOT NULL,
    version    BIGINT                   NOT NULL,
    changed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT registry_version_pk PRIMARY KEY (id),
    CONSTRAINT registry_version_one_row CHECK (id = 1),
    CONSTRAINT registry_version_not_negative CHECK (version >= 0)
);

INSERT INTO registry_version (id, version, changed_at) VALUES (1, 0, CURRENT_TIMESTAMP);

-- Every version of every contract ever registered; rows are never deleted. A row is identified by the registry
-- version its registration produced. status: 'active' (served), 'superseded' (a later registration of the same
-- port and major version replaced it) or 'retired'; ended_* say when, by whom and at which registry version.
-- At most one row per (port_id, major_version) is active: writers hold the registry_version row lock.
CREATE TABLE contract_version (
    registry_version       BIGINT                   NOT NULL,
    port_id                VARCHAR(255)             NOT NULL,
    revision               INTEGER                  NOT NULL,
    domain                 VARCHAR(255)             NOT NULL,
    data_product           VARCHAR(255)             NOT NULL,
    semantic_version       VARCHAR(255)             NOT NULL,
    major_version          INTEGER                  NOT NULL,
    status                 VARCHAR(16)              NOT NULL,
    document               TEXT                     NOT NULL,
    registered_by          VARCHAR(255)             NOT NULL,
    registered_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    ended_registry_version BIGINT,
    ended_by               VARCHAR(255),
    ended_at               TIMESTAMP WITH TIME ZONE,
    CONSTRAINT contract_version_pk PRIMARY KEY (registry_version),
    CONSTRAINT contract_version_port_revision UNIQUE (port_id, revision),
    CONSTRAINT contract_version_revision_positive CHECK (revision >= 1),
    CONSTRAINT contract_version_major_not_negative CHECK (major_version >= 0),
    CONSTRAINT contract_version_status CHECK (status IN ('active', 'superseded', 'retired')),
    CONSTRAINT contract_version_ended CHECK (
        (status = 'active' AND ended_registry_version IS NULL AND ended_by IS NULL AND ended_at IS NULL)
        OR (status <> 'active' AND ended_registry_version IS NOT NULL AND ended_by IS NOT NULL
            AND ended_at IS NOT NULL AND ended_registry_version > registry_version))
);

CREATE INDEX contract_version_status_port ON contract_version (status, port_id, major_version);
