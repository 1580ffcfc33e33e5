package io.portico.gateway.sql;

import io.portico.schema.compose.DatasetBinding;
import java.util.List;

/** One table as SQL callers see it: schema = the domain, table = the dataset's contract name. */
public record SqlTable(String schema, String name, DatasetBinding binding, List<SqlColumn> columns) {
}
