package io.portico.flight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBResultSet;
import org.junit.jupiter.api.Test;

/** DuckDB itself is the oracle: the fields read from its type names equal the fields its Arrow export streams. */
class DuckDbTypeNamesTest {

    private static final String NESTED_COLUMNS = """
            CREATE TABLE nested (
                tags VARCHAR[],
                dims STRUCT("width cm" DOUBLE, heights INTEGER[]),
                attributes MAP(VARCHAR, INTEGER),
                triple INTEGER[3],
                prices DECIMAL(10,2)[],
                deep STRUCT(inner_part STRUCT(label VARCHAR, seen TIMESTAMP WITH TIME ZONE)),
                counters UBIGINT[],
                days DATE[][]
            )""";

    @Test
    void readsNestedTypesAsDuckDbExportsThem() throws Exception {
        try (RootAllocator allocator = new RootAllocator();
             DuckDBConnection database = (DuckDBConnection) java.sql.DriverManager.getConnection("jdbc:duckdb:");
             Connection session = PortDatabase.duckDb(database).connect()) {
            try (Statement statement = session.createStatement()) {
                statement.execute(NESTED_COLUMNS);
            }
            List<Field> announced = new ArrayList<>();
            Schema exported;
            try (PreparedStatement statement = session.prepareStatement("SELECT * FROM nested")) {
                ResultSetMetaData metaData = statement.getMetaData();
                for (int column = 1; column <= metaData.getColumnCount(); column++) {
                    assertThat(DuckDbTypeNames.isNested(metaData.getColumnType(column), metaData.getColumnTypeName(column))).isTrue();
                    announced.add(DuckDbTypeNames.field(metaData.getColumnLabel(column), metaData.getColumnTypeName(column), true));
                }
                try (ResultSet rows = statement.executeQuery();
                     ArrowReader reader = (ArrowReader) rows.unwrap(DuckDBResultSet.class).arrowExportStream(allocator, 16)) {
                    exported = reader.getVectorSchemaRoot().getSchema();
                }
            }
            assertThat(new Schema(announced)).isEqualTo(exported);
        }
    }

    @Test
    void saysWhereATypeNameCannotBeRead() {
        assertThatThrownBy(() -> DuckDbTypeNames.field("x", "STRUCT(a INTEGER", true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected ')'");
        assertThat(DuckDbTypeNames.isNested(java.sql.Types.VARCHAR, "VARCHAR")).isFalse();
    }
}
