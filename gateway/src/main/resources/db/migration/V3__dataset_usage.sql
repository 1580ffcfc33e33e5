-- Who read which field of which dataset (io.portico.gateway.usage.UsageStore), per UTC day and subject, shared by
-- every gateway replica: each replica adds its own counts to a row (an upsert that sums), so a row's reads are the
-- sum over replicas. Rows older than portico.usage.retention-days are deleted. Portable: H2 2.x and PostgreSQL.
CREATE TABLE dataset_usage (
    usage_day     DATE                     NOT NULL,
    dataset_urn   VARCHAR(2048)            NOT NULL,
    field_name    VARCHAR(255)             NOT NULL,
    subject_id    VARCHAR(255)             NOT NULL,
    domain_name   VARCHAR(255)             NOT NULL,
    dataset_name  VARCHAR(255)             NOT NULL,
    reads         BIGINT                   NOT NULL,
    last_seen     TIMESTAMP WITH TIME ZONE NOT NULL,
    subject_roles   VARCHAR(4000)          NOT NULL,
    subject_groups  VARCHAR(4000)          NOT NULL,
    subject_domains VARCHAR(4000)          NOT NULL,
    CONSTRAINT dataset_usage_pk PRIMARY KEY (usage_day, dataset_urn, field_name, subject_id),
    CONSTRAINT dataset_usage_reads_positive CHECK (reads > 0)
);

-- The usage report and the change check read one dataset of one domain over a window of days.
CREATE INDEX dataset_usage_dataset ON dataset_usage (domain_name, dataset_name, usage_day);
