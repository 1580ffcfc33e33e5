package io.portico.flight.draft;

import java.sql.Connection;
import java.sql.SQLException;

/** Reads a {@link TableSource} and writes its draft contract: the whole of {@code port init}. */
public final class ContractDrafter {

    private final TableReader reader = new TableReader();
    private final ContractDraftWriter writer = new ContractDraftWriter();

    /**
     * The draft contract of {@code source}'s tables ({@code onlyTable} alone when given) as ODCS YAML.
     *
     * @param flightSqlUrl where the gateway will reach the port serving them
     */
    public String draft(TableSource source, String onlyTable, String domain, String dataProduct, String flightSqlUrl)
            throws SQLException {
        try (Connection connection = source.openForReading()) {
            ContractDraft draft = ContractDraft.of(domain, dataProduct, flightSqlUrl, source.dialect(),
                    source.describe(), reader.read(connection, onlyTable));
            return writer.write(draft);
        }
    }
}
