package io.portico.gateway.plan;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import io.portico.schema.compose.DatasetBinding;
import io.portico.schema.compose.FieldBinding;
import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The sort key of {@link KeyOrder#KEYED_HASH}: {@code md5(<secret> || text(k1) || '|' || text(k2) ...)}, computed at
 * the port, the secret a bind value derived from the deployment secret. Without the secret the order of the hashes
 * says nothing about the keys (and no candidate value can be tested against it); with the key after it, the order
 * is total. The port returns the hash as an extra column ({@value #COLUMN}), which only cursors read.
 *
 * <p>Each dataset gets a secret of its own (an HMAC of its port and table under the key-order key): a port learns
 * the secret of its own datasets only, so a port an attacker publishes learns nothing about the order of another's.
 *
 * <p>jOOQ renders {@code md5} for DuckDB and PostgreSQL, and the port's statement guard parses it. H2 has no
 * {@code md5} function (and the guard refuses any function jOOQ's parser does not know), so a page of a dataset on
 * a port of another dialect whose key the caller may not see is refused ({@code PUSHDOWN_UNSUPPORTED}) rather than
 * answered in raw-key order.
 */
final class KeyOrderHash {

    /** The SQL name of the hash column. */
    static final String COLUMN = "portico_key_order";
    /** The name the hash column goes by in a plan: not a GraphQL name any dataset field can have. */
    static final String NAME = "__keyOrder";

    private static final FieldBinding BINDING = new FieldBinding(NAME, COLUMN,
            new Field(COLUMN, FieldType.nullable(ArrowType.Utf8.INSTANCE), null), null);

    private static final String MAC = "HmacSHA256";

    private final SecretKeySpec key;

    /** @param key at least 32 bytes, from the deployment secret */
    KeyOrderHash(byte[] key) {
        requireNonNull(key, "key is null");
        if (key.length < 32) {
            throw new IllegalArgumentException("a key-order key has at least 32 bytes, not " + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), MAC);
    }

    /**
     * The ascending sort key over the keyed hash of {@code keyFields} of {@code binding}.
     *
     * @throws PorticoException {@code PUSHDOWN_UNSUPPORTED} when the port's dialect has no hash function to order by
     */
    SortKey sortKey(DatasetBinding binding, List<FieldBinding> keyFields, SQLDialect dialect) {
        if (!supports(dialect)) {
            throw new PorticoException(ErrorCode.PUSHDOWN_UNSUPPORTED, binding.domain() + "." + binding.dataset()
                    + " pages by its key, which a policy hides from you, and its port speaks SQL dialect "
                    + dialect.getName() + ", which has no md5 function to order rows by instead of the key's"
                    + " values; ask the port's owners to serve it from DuckDB or PostgreSQL");
        }
        List<org.jooq.Field<?>> parts = new ArrayList<>();
        parts.add(DSL.val(secretOf(binding), SQLDataType.VARCHAR));
        for (int index = 0; index < keyFields.size(); index++) {
            if (index > 0) {
                parts.add(DSL.inline("|"));
            }
            parts.add(DSL.coalesce(DSL.cast(SqlColumns.field(keyFields.get(index)), SQLDataType.VARCHAR),
                    DSL.inline("")));
        }
        @SuppressWarnings("unchecked")
        org.jooq.Field<Object> hash = (org.jooq.Field<Object>) (org.jooq.Field<?>) DSL.md5(
                DSL.concat(parts.toArray(org.jooq.Field<?>[]::new)));
        return new SortKey(BINDING, SortDirection.ASC, hash);
    }

    /** The dataset's own secret, hex: HMAC-SHA256 of its port and table. */
    String secretOf(DatasetBinding binding) {
        try {
            Mac mac = Mac.getInstance(MAC);
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal((binding.portId() + "/" + binding.table()).getBytes(UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** Whether jOOQ renders {@code md5} for the dialect and the dialect has it. */
    static boolean supports(SQLDialect dialect) {
        SQLDialect family = dialect.family();
        return family == SQLDialect.DUCKDB || family == SQLDialect.POSTGRES;
    }
}
