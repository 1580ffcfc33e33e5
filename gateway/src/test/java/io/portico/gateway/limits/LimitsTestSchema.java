package io.portico.gateway.limits;

import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;

/** A small schema shaped like a composed one: domain roots, connections with a default page size, relationships. */
final class LimitsTestSchema {

    static final String SDL = """
            type Query {
              schemaVersion: Int
              sales: SalesDomain!
              dataProducts(first: Int = 20): ProductConnection!
            }
            type SalesDomain {
              orders(where: OrderWhere, first: Int = 100, after: String): OrderConnection
            }
            input OrderWhere { status: String }
            type OrderConnection { nodes: [Order!]! edges: [OrderEdge!]! totalCount: Int! }
            type OrderEdge { cursor: String! node: Order! }
            type Order {
              id: Int
              status: String
              tags: [String!]!
              lines: [Line!]!
              customer: Customer
              shipments(first: Int = 100): ShipmentConnection
            }
            type Line { sku: String }
            type Customer { id: Int name: String orders(first: Int = 100): OrderConnection }
            type ShipmentConnection { nodes: [Shipment!]! }
            type Shipment { id: Int }
            type ProductConnection { nodes: [Product!]! }
            type Product { name: String datasets: [Dataset!]! }
            type Dataset { name: String fields: [String!]! }
            """;

    private LimitsTestSchema() {
    }

    static GraphQLSchema schema(RuntimeWiring wiring) {
        return new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(SDL), wiring);
    }

    static GraphQLSchema schema() {
        return schema(RuntimeWiring.newRuntimeWiring().build());
    }
}
