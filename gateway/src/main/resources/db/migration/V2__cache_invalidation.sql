-- Result cache invalidations (io.portico.gateway.cache.CacheInvalidations), shared by every gateway replica.
-- Portable: runs unchanged on H2 2.x and PostgreSQL.

-- The invalidation epoch: one row, bumped by every invalidation inside the transaction that records it. Writers
-- update this row first, so its row lock orders invalidations across processes; replicas poll it (one row read
-- by primary key) and read cache_invalidation only when it moved.
CREATE TABLE cache_epoch (
    id    INTEGER NOT NULL,
    epoch BIGINT  NOT NULL,
    CONSTRAINT cache_epoch_pk PRIMARY KEY (id),
    CONSTRAINT cache_epoch_one_row CHECK (id = 1),
    CONSTRAINT cache_epoch_not_negative CHECK (epoch >= 0)
);

INSERT INTO cache_epoch (id, epoch) VALUES (1, 0);

-- The last invalidation of each port: one row per port id ever invalidated, its epoch the one of that invalidation.
CREATE TABLE cache_invalidation (
    port_id        VARCHAR(255)             NOT NULL,
    epoch          BIGINT                   NOT NULL,
    invalidated_by VARCHAR(255)             NOT NULL,
    invalidated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT cache_invalidation_pk PRIMARY KEY (port_id)
);

CREATE INDEX cache_invalidation_epoch ON cache_invalidation (epoch);
