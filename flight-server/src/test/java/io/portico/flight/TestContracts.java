package io.portico.flight;

import io.portico.flight.demo.DemoDomain;
import io.portico.schema.contract.ContractParser;
import io.portico.schema.contract.DatasetContract;
import io.portico.schema.contract.FieldContract;
import io.portico.schema.contract.OutputPortContract;
import io.portico.schema.contract.RelationshipContract;
import io.portico.schema.contract.ServerContract;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one place tests obtain contracts. Parses the demo contracts with the schema module's {@link ContractParser};
 * while the parser is not available in the installed schema artifact, falls back to records written out by hand
 * from the same YAML files (only what the port reads: ids, datasets, fields, types, keys).
 */
public final class TestContracts {

    private TestContracts() {
    }

    public static OutputPortContract demo(DemoDomain domain) {
        try {
            return ContractParser.parse(domain.contractDocument());
        } catch (UnsupportedOperationException parserNotYetInstalled) {
            return handWritten(domain);
        }
    }

    private static OutputPortContract handWritten(DemoDomain domain) {
        return switch (domain) {
            case SALES -> contract("sales-orders-port", "sales", "orders", "sales-port", List.of(
                    key("order_id", "integer", "BIGINT"),
                    field("customer_id", "integer", "BIGINT", true),
                    field("status", "string", "VARCHAR", true),
                    field("currency", "string", "VARCHAR(3)", true),
                    field("net_amount", "number", "DECIMAL(12,2)", true),
                    field("tax_amount", "number", "DECIMAL(12,2)", true),
                    field("total_amount", "number", "DECIMAL(12,2)", true),
                    field("item_count", "integer", "INTEGER", true),
                    field("created_at", "timestamp", "TIMESTAMP WITH TIME ZONE", true),
                    field("updated_at", "timestamp", "TIMESTAMP", false)),
                    List.of(relationship("orders", "customer_id", "crm", "customers", "customer_id")));
            case CRM -> contract("crm-customers-port", "crm", "customers", "crm-port", List.of(
                    key("customer_id", "integer", "BIGINT"),
                    field("full_name", "string", "VARCHAR", true),
                    field("email", "string", "VARCHAR", true),
                    field("phone", "string", "VARCHAR", false),
                    field("birth_date", "date", "DATE", false),
                    field("region", "string", "VARCHAR", true),
                    field("segment", "string", "VARCHAR", true),
                    field("signup_date", "date", "DATE", true)),
                    List.of());
            case LOGISTICS -> contract("logistics-shipments-port", "logistics", "shipments", "logistics-port", List.of(
                    key("shipment_id", "integer", "BIGINT"),
                    field("order_id", "integer", "BIGINT", true),
                    field("carrier", "string", "VARCHAR", true),
                    field("status", "string", "VARCHAR", true),
                    field("weight_kg", "number", "DOUBLE", true),
                    field("shipped_at", "timestamp", "TIMESTAMP WITH TIME ZONE", true),
                    field("delivered_at", "timestamp", "TIMESTAMP WITH TIME ZONE", false)),
                    List.of(relationship("shipments", "order_id", "sales", "orders", "order_id")));
        };
    }

    private static OutputPortContract contract(String id, String domain, String dataset, String server,
                                               List<FieldContract> fields, List<RelationshipContract> relationships) {
        DatasetContract datasetContract = new DatasetContract(dataset, dataset, null, List.of(), fields, relationships);
        ServerContract flight = new ServerContract(server, "custom", null, "prod", Map.of(
                ServerContract.FLIGHT_SQL_URL, "grpc+tcp://" + server + ":31337",
                ServerContract.SQL_DIALECT, "DUCKDB"));
        return new OutputPortContract(id, "1.0.0", "active", domain, dataset, null, null, List.of(),
                List.of(datasetContract), List.of(flight), null, List.of());
    }

    private static FieldContract key(String name, String logicalType, String physicalType) {
        return new FieldContract(name, name, logicalType, physicalType, true, true, 1, "public", List.of(), null);
    }

    private static FieldContract field(String name, String logicalType, String physicalType, boolean required) {
        return new FieldContract(name, name, logicalType, physicalType, required, false, -1, "public", List.of(), null);
    }

    private static RelationshipContract relationship(String fromDataset, String fromField, String targetDomain,
                                                     String toDataset, String toField) {
        return new RelationshipContract("foreignKey", fromDataset, new ArrayList<>(List.of(fromField)), targetDomain,
                toDataset, List.of(toField), "many-to-one", null);
    }
}
