package io.portico.gateway.registry.store;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.table;
import static org.jooq.impl.DSL.unquotedName;

import java.time.OffsetDateTime;
import java.util.List;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

/**
 * The registry's tables and columns, as created by {@code db/migration/V1__registry.sql}. Names are unquoted so
 * each database folds them its own way (H2 to upper case, PostgreSQL to lower case), as it did in the migration.
 */
final class RegistryTables {

    /** The one-row table holding the registry version. */
    static final Table<Record> REGISTRY_VERSION = table(unquotedName("registry_version"));
    static final Field<Integer> REGISTRY_VERSION_ID = field(unquotedName("id"), SQLDataType.INTEGER);
    static final Field<Long> REGISTRY_VERSION_VERSION = field(unquotedName("version"), SQLDataType.BIGINT);
    static final Field<OffsetDateTime> REGISTRY_VERSION_CHANGED_AT =
            field(unquotedName("changed_at"), SQLDataType.TIMESTAMPWITHTIMEZONE);
    /** The id of the one row of {@link #REGISTRY_VERSION}. */
    static final int REGISTRY_VERSION_ROW = 1;

    /** Every version of every contract ever registered. */
    static final Table<Record> CONTRACT_VERSION = table(unquotedName("contract_version"));
    static final Field<Long> REGISTRY_VERSION_OF_ROW = field(unquotedName("registry_version"), SQLDataType.BIGINT);
    static final Field<String> PORT_ID = field(unquotedName("port_id"), SQLDataType.VARCHAR);
    static final Field<Integer> REVISION = field(unquotedName("revision"), SQLDataType.INTEGER);
    static final Field<String> DOMAIN = field(unquotedName("domain"), SQLDataType.VARCHAR);
    static final Field<String> DATA_PRODUCT = field(unquotedName("data_product"), SQLDataType.VARCHAR);
    static final Field<String> SEMANTIC_VERSION = field(unquotedName("semantic_version"), SQLDataType.VARCHAR);
    static final Field<Integer> MAJOR_VERSION = field(unquotedName("major_version"), SQLDataType.INTEGER);
    static final Field<String> STATUS = field(unquotedName("status"), SQLDataType.VARCHAR);
    static final Field<String> DOCUMENT = field(unquotedName("document"), SQLDataType.CLOB);
    static final Field<String> REGISTERED_BY = field(unquotedName("registered_by"), SQLDataType.VARCHAR);
    static final Field<OffsetDateTime> REGISTERED_AT =
            field(unquotedName("registered_at"), SQLDataType.TIMESTAMPWITHTIMEZONE);
    static final Field<Long> ENDED_REGISTRY_VERSION = field(unquotedName("ended_registry_version"), SQLDataType.BIGINT);
    static final Field<String> ENDED_BY = field(unquotedName("ended_by"), SQLDataType.VARCHAR);
    static final Field<OffsetDateTime> ENDED_AT = field(unquotedName("ended_at"), SQLDataType.TIMESTAMPWITHTIMEZONE);

    /** Every column of {@link #CONTRACT_VERSION}: select these (not {@code *}), so rows are read by these fields. */
    static final List<Field<?>> CONTRACT_VERSION_COLUMNS = List.of(REGISTRY_VERSION_OF_ROW, PORT_ID, REVISION, DOMAIN,
            DATA_PRODUCT, SEMANTIC_VERSION, MAJOR_VERSION, STATUS, DOCUMENT, REGISTERED_BY, REGISTERED_AT,
            ENDED_REGISTRY_VERSION, ENDED_BY, ENDED_AT);

    /** The widest port id, domain, data product, version or user name a column holds. */
    static final int MAX_NAME_LENGTH = 255;

    private RegistryTables() {
    }
}
