package io.portico.gateway.flightsql;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.portico.flight.NamePattern;
import io.portico.gateway.policy.DatasetAccess;
import io.portico.gateway.policy.RequestPolicy;
import io.portico.gateway.sql.SqlColumn;
import io.portico.policies.mask.VectorMasker;
import io.portico.schema.compose.DatasetBinding;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetDbSchemas;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetPrimaryKeys;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetTables;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The gateway's catalog as Flight SQL clients see it: one catalog {@value #CATALOG}, a schema per domain, a table
 * per served dataset (named by the contracts), each table's Arrow schema as the caller may see it (denied columns
 * left out, masked ones nullable, as they arrive), and primary keys from the contracts.
 */
final class GatewayCatalog {

    /** The one catalog. */
    static final String CATALOG = "portico";
    static final String TABLE_TYPE = "TABLE";

    private GatewayCatalog() {
    }

    static void fillCatalogs(VectorSchemaRoot root) {
        setString(root, "catalog_name", 0, CATALOG);
        root.setRowCount(1);
    }

    static void fillSchemas(ServedTables tables, CommandGetDbSchemas command, VectorSchemaRoot root) {
        TreeSet<String> schemas = new TreeSet<>();
        if (!command.hasCatalog() || CATALOG.equals(command.getCatalog())) {
            for (ServedTables.Table table : tables.entries()) {
                if (!command.hasDbSchemaFilterPattern()
                        || NamePattern.matches(command.getDbSchemaFilterPattern(), table.sql().schema())) {
                    schemas.add(table.sql().schema());
                }
            }
        }
        int row = 0;
        for (String schema : schemas) {
            setString(root, "catalog_name", row, CATALOG);
            setString(root, "db_schema_name", row, schema);
            row++;
        }
        root.setRowCount(row);
    }

    /** The tables {@code command} asks for, in catalog order. */
    static List<ServedTables.Table> tables(ServedTables tables, CommandGetTables command) {
        List<ServedTables.Table> matching = new ArrayList<>();
        if (command.hasCatalog() && !CATALOG.equals(command.getCatalog())) {
            return matching;
        }
        if (command.getTableTypesCount() > 0 && !command.getTableTypesList().contains(TABLE_TYPE)) {
            return matching;
        }
        for (ServedTables.Table table : tables.entries()) {
            if (command.hasDbSchemaFilterPattern()
                    && !NamePattern.matches(command.getDbSchemaFilterPattern(), table.sql().schema())) {
                continue;
            }
            if (command.hasTableNameFilterPattern()
                    && !NamePattern.matches(command.getTableNameFilterPattern(), table.sql().name())) {
                continue;
            }
            matching.add(table);
        }
        matching.sort((left, right) -> {
            int bySchema = left.sql().schema().compareTo(right.sql().schema());
            return bySchema != 0 ? bySchema : left.sql().name().compareTo(right.sql().name());
        });
        return matching;
    }

    static void fillTables(ServedTables tables, CommandGetTables command, RequestPolicy policy,
            VectorSchemaRoot root) {
        int row = 0;
        for (ServedTables.Table table : tables(tables, command)) {
            setString(root, "catalog_name", row, CATALOG);
            setString(root, "db_schema_name", row, table.sql().schema());
            setString(root, "table_name", row, table.sql().name());
            setString(root, "table_type", row, TABLE_TYPE);
            if (command.getIncludeSchema()) {
                byte[] schema = visibleSchema(table, policy).serializeAsMessage();
                ((VarBinaryVector) root.getVector("table_schema")).setSafe(row, schema);
            }
            row++;
        }
        root.setRowCount(row);
    }

    /** The table's columns as {@code SELECT *} answers them to the caller: named by the contract. */
    static Schema visibleSchema(ServedTables.Table table, RequestPolicy policy) {
        DatasetAccess access = policy.access(table.dataset().source().target());
        List<Field> fields = new ArrayList<>();
        for (SqlColumn column : table.sql().columns()) {
            String name = column.field().graphQLName();
            if (access.decision(name).isDenied()) {
                continue;
            }
            Field arrow = access.decision(name).isMasked() ? VectorMasker.maskedField(column.field().arrowField())
                    : column.field().arrowField();
            fields.add(new Field(column.name(), arrow.getFieldType(), arrow.getChildren()));
        }
        return new Schema(fields);
    }

    static void fillPrimaryKeys(ServedTables tables, CommandGetPrimaryKeys command, VectorSchemaRoot root) {
        int row = 0;
        if (!command.hasCatalog() || CATALOG.equals(command.getCatalog())) {
            for (ServedTables.Table table : tables.entries()) {
                if (!table.sql().name().equals(command.getTable())
                        || (command.hasDbSchema() && !command.getDbSchema().equals(table.sql().schema()))) {
                    continue;
                }
                DatasetBinding binding = table.sql().binding();
                for (int position = 0; position < binding.keyFields().size(); position++) {
                    String key = binding.keyFields().get(position);
                    String column = table.sql().columns().stream()
                            .filter(candidate -> candidate.field().graphQLName().equals(key))
                            .map(SqlColumn::name).findFirst().orElse(key);
                    setString(root, "catalog_name", row, CATALOG);
                    setString(root, "db_schema_name", row, table.sql().schema());
                    setString(root, "table_name", row, table.sql().name());
                    setString(root, "column_name", row, column);
                    setString(root, "key_name", row, null);
                    ((IntVector) root.getVector("key_sequence")).setSafe(row, position + 1);
                    row++;
                }
            }
        }
        root.setRowCount(row);
    }

    static void fillTableTypes(VectorSchemaRoot root) {
        setString(root, "table_type", 0, TABLE_TYPE);
        root.setRowCount(1);
    }

    private static void setString(VectorSchemaRoot root, String column, int row, String value) {
        VarCharVector vector = (VarCharVector) root.getVector(column);
        if (value == null) {
            vector.setNull(row);
            return;
        }
        vector.setSafe(row, value.getBytes(UTF_8));
    }
}
