package io.portico.flight.testkit;

import static java.util.Objects.requireNonNull;

import io.portico.flight.demo.DemoDomain;
import io.portico.schema.contract.ContractParser;
import io.portico.schema.contract.OutputPortContract;
import io.portico.schema.contract.SlaProperty;
import java.util.ArrayList;
import java.util.List;

/**
 * The one builder of ODCS contracts for tests: the YAML text a port or a domain team publishes ({@link #yaml()}) and
 * the model the schema module parses from it ({@link #parse()}). Defaults: version {@code 1.0.0}, status
 * {@code active}, data product = the domain, one server {@code test-port} of dialect {@code DUCKDB} at
 * {@link TestPort#URL} (which {@link TestPort} replaces with its address). Datasets are {@link Dataset} builders,
 * or a YAML {@code schema[]} entry as text for the odd shape a builder does not know (indented by two spaces:
 * {@code "  - name: ..."}).
 *
 * <pre>{@code
 * String contract = ContractBuilder.contract("shop-store-port").domain("shop")
 *         .dataset(Dataset.named("orders").physicalName("shop_orders")
 *                 .column(Column.of("order_id", "integer").physicalType("BIGINT").primaryKey())
 *                 .column(Column.of("customer_id", "integer").foreignKey("customers.customer_id")))
 *         .yaml();
 * }</pre>
 */
public final class ContractBuilder {

    private final String id;
    private String version = "1.0.0";
    private String status = "active";
    private String domain = "test";
    private String dataProduct;
    private String name;
    private String purpose;
    private final List<String> tags = new ArrayList<>();
    private String teamName;
    private final List<String> owners = new ArrayList<>();
    private String server = "test-port";
    private String url = TestPort.URL;
    private String dialect = "DUCKDB";
    private final List<String> datasets = new ArrayList<>();
    private final List<SlaProperty> sla = new ArrayList<>();

    private ContractBuilder(String id) {
        this.id = requireNonNull(id, "id is null");
    }

    /** A contract of port {@code id} (the contract's {@code id}). */
    public static ContractBuilder contract(String id) {
        return new ContractBuilder(id);
    }

    /** A demo domain's own contract, parsed. */
    public static OutputPortContract demo(DemoDomain domain) {
        return ContractParser.parse(domain.contractDocument());
    }

    /** {@code contract} with {@code properties} as its SLA instead of its own. */
    public static OutputPortContract withSla(OutputPortContract contract, SlaProperty... properties) {
        return new OutputPortContract(contract.id(), contract.version(), contract.status(), contract.domain(),
                contract.dataProduct(), contract.name(), contract.description(), contract.tags(), contract.datasets(),
                contract.servers(), contract.team(), List.of(properties));
    }

    public ContractBuilder version(String newVersion) {
        version = requireNonNull(newVersion, "newVersion is null");
        return this;
    }

    public ContractBuilder status(String newStatus) {
        status = requireNonNull(newStatus, "newStatus is null");
        return this;
    }

    public ContractBuilder domain(String newDomain) {
        domain = requireNonNull(newDomain, "newDomain is null");
        return this;
    }

    /** The data product; the domain when not set. */
    public ContractBuilder dataProduct(String newDataProduct) {
        dataProduct = newDataProduct;
        return this;
    }

    /** The contract's display name; none when not set. */
    public ContractBuilder name(String newName) {
        name = newName;
        return this;
    }

    /** {@code description.purpose}; no description when not set. */
    public ContractBuilder purpose(String newPurpose) {
        purpose = newPurpose;
        return this;
    }

    public ContractBuilder tags(String... newTags) {
        tags.addAll(List.of(newTags));
        return this;
    }

    /** A team named {@code teamName} whose members are {@code usernames}, each of role {@code owner}. */
    public ContractBuilder team(String newTeamName, String... usernames) {
        teamName = requireNonNull(newTeamName, "newTeamName is null");
        owners.addAll(List.of(usernames));
        return this;
    }

    /** The name of the contract's one server entry. */
    public ContractBuilder server(String newServer) {
        server = requireNonNull(newServer, "newServer is null");
        return this;
    }

    /** The server's {@code flightSqlUrl}; {@link TestPort#URL} (the test port's own) when not set. */
    public ContractBuilder url(String newUrl) {
        url = requireNonNull(newUrl, "newUrl is null");
        return this;
    }

    /** The server's {@code sqlDialect}; {@code null} leaves the property out. */
    public ContractBuilder dialect(String newDialect) {
        dialect = newDialect;
        return this;
    }

    public ContractBuilder dataset(Dataset dataset) {
        datasets.add(dataset.yaml());
        return this;
    }

    /** A {@code schema[]} entry as YAML text, indented by two spaces ({@code "  - name: ..."}). */
    public ContractBuilder dataset(String yaml) {
        datasets.add(requireNonNull(yaml, "yaml is null"));
        return this;
    }

    /** An {@code slaProperties} entry ({@code unit} and {@code description} may be null). */
    public ContractBuilder sla(String property, String value, String unit, String description) {
        sla.add(new SlaProperty(property, value, unit, null, description));
        return this;
    }

    /** The contract as ODCS YAML. */
    public String yaml() {
        StringBuilder yaml = new StringBuilder()
                .append("apiVersion: v3.1.0\n")
                .append("kind: DataContract\n")
                .append("id: ").append(id).append('\n');
        line(yaml, "", "name", name);
        yaml.append("version: ").append(version).append('\n')
                .append("status: ").append(status).append('\n')
                .append("domain: ").append(domain).append('\n')
                .append("dataProduct: ").append(dataProduct == null ? domain : dataProduct).append('\n');
        if (!tags.isEmpty()) {
            yaml.append("tags: [").append(String.join(", ", tags)).append("]\n");
        }
        if (purpose != null) {
            yaml.append("description:\n  purpose: ").append(purpose).append('\n');
        }
        if (teamName != null) {
            yaml.append("team:\n  name: ").append(teamName).append("\n  members:\n");
            owners.forEach(owner -> yaml.append("    - username: ").append(owner).append("\n      role: owner\n"));
        }
        yaml.append("servers:\n")
                .append("  - server: ").append(server).append('\n')
                .append("    type: custom\n")
                .append("    customProperties:\n")
                .append("      - property: flightSqlUrl\n")
                .append("        value: ").append(url).append('\n');
        if (dialect != null) {
            yaml.append("      - property: sqlDialect\n        value: ").append(dialect).append('\n');
        }
        if (!sla.isEmpty()) {
            yaml.append("slaProperties:\n");
            for (SlaProperty property : sla) {
                yaml.append("  - property: ").append(property.property()).append('\n')
                        .append("    value: \"").append(property.value()).append("\"\n");
                line(yaml, "    ", "unit", property.unit());
                line(yaml, "    ", "description", property.description());
            }
        }
        yaml.append("schema:\n");
        datasets.forEach(yaml::append);
        return yaml.toString();
    }

    /** The contract parsed by the schema module (with {@link TestPort#URL} still in it unless {@link #url} was set). */
    public OutputPortContract parse() {
        return ContractParser.parse(yaml());
    }

    private static void line(StringBuilder yaml, String indent, String key, String value) {
        if (value != null) {
            yaml.append(indent).append(key).append(": ").append(value).append('\n');
        }
    }

    /** A {@code schema[]} entry: a dataset and its columns. */
    public static final class Dataset {

        private final String name;
        private String physicalName;
        private String description;
        private final List<String> tags = new ArrayList<>();
        private final List<Column> columns = new ArrayList<>();

        private Dataset(String name) {
            this.name = requireNonNull(name, "name is null");
        }

        /** A dataset whose table has the same name (unless {@link #physicalName} says otherwise). */
        public static Dataset named(String name) {
            return new Dataset(name).physicalName(name);
        }

        /** The table's name at the port; {@code null} leaves {@code physicalName} out. */
        public Dataset physicalName(String newPhysicalName) {
            physicalName = newPhysicalName;
            return this;
        }

        public Dataset description(String newDescription) {
            description = newDescription;
            return this;
        }

        public Dataset tags(String... newTags) {
            tags.addAll(List.of(newTags));
            return this;
        }

        public Dataset column(Column column) {
            columns.add(requireNonNull(column, "column is null"));
            return this;
        }

        public Dataset columns(Column... more) {
            columns.addAll(List.of(more));
            return this;
        }

        String yaml() {
            StringBuilder yaml = new StringBuilder("  - name: ").append(name).append('\n');
            line(yaml, "    ", "physicalName", physicalName);
            line(yaml, "    ", "description", description);
            if (!tags.isEmpty()) {
                yaml.append("    tags: [").append(String.join(", ", tags)).append("]\n");
            }
            yaml.append("    properties:\n");
            columns.forEach(column -> yaml.append(column.yaml()));
            return yaml.toString();
        }
    }

    /** A dataset's property (column). */
    public static final class Column {

        private final String name;
        private final String logicalType;
        private String physicalType;
        private boolean required;
        private boolean primaryKey;
        private String classification;
        private String description;
        private final List<String> tags = new ArrayList<>();
        private final List<String> foreignKeys = new ArrayList<>();

        private Column(String name, String logicalType) {
            this.name = requireNonNull(name, "name is null");
            this.logicalType = requireNonNull(logicalType, "logicalType is null");
        }

        /** A column of ODCS {@code logicalType} ({@code integer}, {@code string}, {@code number}, ...). */
        public static Column of(String name, String logicalType) {
            return new Column(name, logicalType);
        }

        public Column physicalType(String newPhysicalType) {
            physicalType = newPhysicalType;
            return this;
        }

        public Column required() {
            required = true;
            return this;
        }

        /** The primary key; also {@code required}. */
        public Column primaryKey() {
            required = true;
            primaryKey = true;
            return this;
        }

        public Column classification(String newClassification) {
            classification = newClassification;
            return this;
        }

        public Column description(String newDescription) {
            description = newDescription;
            return this;
        }

        public Column tags(String... newTags) {
            tags.addAll(List.of(newTags));
            return this;
        }

        /** A foreign key to {@code to} ({@code dataset.column}) of the same domain. */
        public Column foreignKey(String to) {
            foreignKeys.add("          - type: foreignKey\n            to: " + to + "\n");
            return this;
        }

        /** A foreign key to {@code to} ({@code dataset.column}) of {@code targetDomain}. */
        public Column foreignKey(String to, String targetDomain) {
            foreignKeys.add("          - type: foreignKey\n            to: " + to + "\n"
                    + "            customProperties:\n"
                    + "              - property: targetDomain\n"
                    + "                value: " + targetDomain + "\n");
            return this;
        }

        String yaml() {
            StringBuilder yaml = new StringBuilder("      - name: ").append(name).append('\n')
                    .append("        logicalType: ").append(logicalType).append('\n');
            line(yaml, "        ", "physicalType", physicalType);
            if (required) {
                yaml.append("        required: true\n");
            }
            if (primaryKey) {
                yaml.append("        primaryKey: true\n");
            }
            line(yaml, "        ", "classification", classification);
            if (!tags.isEmpty()) {
                yaml.append("        tags: [").append(String.join(", ", tags)).append("]\n");
            }
            line(yaml, "        ", "description", description);
            if (!foreignKeys.isEmpty()) {
                yaml.append("        relationships:\n");
                foreignKeys.forEach(yaml::append);
            }
            return yaml.toString();
        }
    }
}
