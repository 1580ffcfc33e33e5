package io.portico.flight.draft;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** Reads a {@link TableSource} and writes its draft contract: the whole of {@code port init}. */
public final class ContractDrafter {

    private final TableReader reader = new TableReader();
    private final ContractDraftWriter writer = new ContractDraftWriter();

    /**
     * The draft contract of {@code source}'s tables ({@code onlyTable} alone when given) as ODCS YAML.
     *
     * @param dataProduct  the data product, or null for the table's name when there is one table, else the
     *                     source's name
     * @param flightSqlUrl where the gateway will reach the port serving them
     */
    public String draft(TableSource source, String onlyTable, String domain, String dataProduct, String flightSqlUrl)
            throws SQLException {
        try (Connection connection = source.openForReading()) {
            List<DraftTable> tables = reader.read(connection, onlyTable);
            String product = dataProduct != null ? dataProduct
                    : tables.size() == 1 ? tables.getFirst().name() : source.defaultName();
            return writer.write(ContractDraft.of(domain, product, flightSqlUrl, source.dialect(), source.describe(),
                    tables));
        }
    }
}
