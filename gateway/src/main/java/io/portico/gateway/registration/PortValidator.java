package io.portico.gateway.registration;

import static java.util.Objects.requireNonNull;

import io.portico.gateway.port.FlightPortClient;
import io.portico.gateway.port.PortCallGuard;
import io.portico.gateway.port.PortChannels;
import io.portico.gateway.port.TableSchemas;
import io.portico.schema.compat.ArrowTypeNames;
import io.portico.schema.compose.RelationshipKeyRule;
import io.portico.schema.contract.DatasetContract;
import io.portico.schema.contract.FieldContract;
import io.portico.schema.contract.OutputPortContract;
import io.portico.schema.contract.RelationshipContract;
import io.portico.schema.contract.ServerContract;
import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Checks a parsed contract against its live Flight SQL endpoint and the registry, reporting every failure as a
 * {@link RegistrationProblem} at its contract path (the parser's paths: {@code $.schema[0].properties[2]}).
 *
 * <ol>
 *   <li>The contract names a Flight SQL endpoint, and the endpoint answers within the timeout (else
 *       {@code PORT_UNAVAILABLE}, {@code PORT_TIMEOUT}, ...: the contract is refused, the gateway does not fail).</li>
 *   <li>Every declared dataset's table is served by the port; every declared field's column is in it, with an
 *       Arrow type that fits the field's {@code logicalType} and {@code physicalType}
 *       ({@link ArrowTypeCompatibility}); a {@code required} field's column is not nullable at the port.</li>
 *   <li>Names: every name yields a usable GraphQL name and no two collide, within the contract, with other ports'
 *       types or with the gateway's own schema ({@link GraphQlNameCheck}).</li>
 *   <li>Relationships to another domain point to a dataset that the registry holds; a dangling one is a
 *       warning, not a problem.</li>
 *   <li>No foreign key points at a classified field that is not its target's primary key
 *       ({@link ClassifiedKeyCheck}): a join on it would reveal the field's values. Other ports' foreign keys into
 *       fields the candidate classifies are warnings: composition leaves them out while the classification
 *       stands.</li>
 * </ol>
 *
 * The port is asked through a client of its own with a short timeout, closed after the check: a candidate's
 * endpoint is not one of the gateway's ports yet. The client presents the port credential of the contract's domain;
 * {@link EndpointOwnership} decided before that the domain owns the endpoint.
 */
public final class PortValidator {

    private final BufferAllocator allocator;
    private final PortChannels channels;
    private final Duration timeout;
    private final GraphQlNameCheck names;
    private final ClassifiedKeyCheck classifiedKeys;

    /** A validator under the {@linkplain RelationshipKeyRule#DEFAULT default} foreign-key rule. */
    public PortValidator(BufferAllocator allocator, PortChannels channels, Duration timeout, GraphQlNameCheck names) {
        this(allocator, channels, timeout, names, RelationshipKeyRule.DEFAULT);
    }

    /**
     * @param allocator the process's root allocator; each check takes a child
     * @param channels  opens the check's channel, presenting the contract's domain's credential
     * @param timeout   how long the port may take to list its tables and schemas
     * @param names     the GraphQL name check
     * @param keyRule   which fields foreign keys may point at (portico.relationships.open-classifications)
     */
    public PortValidator(BufferAllocator allocator, PortChannels channels, Duration timeout, GraphQlNameCheck names,
            RelationshipKeyRule keyRule) {
        this.allocator = requireNonNull(allocator, "allocator is null");
        this.channels = requireNonNull(channels, "channels is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
        this.names = requireNonNull(names, "names is null");
        this.classifiedKeys = new ClassifiedKeyCheck(keyRule);
    }

    /** Every problem and warning of {@code contract} against its port and {@code registry}. */
    public PortValidation validate(OutputPortContract contract, RegistryView registry) {
        requireNonNull(contract, "contract is null");
        requireNonNull(registry, "registry is null");
        List<RegistrationProblem> problems = new ArrayList<>();
        List<RegistrationProblem> warnings = new ArrayList<>();
        problems.addAll(names.checkContract(contract));
        problems.addAll(classifiedKeys.refusals(contract, registry));
        Optional<PortTables> tables = fetchTables(contract, problems);
        Map<String, Schema> liveSchemas = new LinkedHashMap<>();
        if (tables.isPresent()) {
            checkDatasets(contract, tables.get(), liveSchemas, problems);
            if (problems.isEmpty()) {
                problems.addAll(names.checkComposition(contract, liveSchemas, registry));
            }
        }
        warnings.addAll(danglingRelationships(contract, registry));
        warnings.addAll(classifiedKeys.warnings(contract, registry));
        return new PortValidation(problems, warnings, liveSchemas, tables.isPresent());
    }

    /**
     * The port's schemas of the contract's tables (asked for by name: a port may serve thousands of tables) and,
     * only when one of them is missing, the names of every table it serves, for the error message.
     */
    private Optional<PortTables> fetchTables(OutputPortContract contract, List<RegistrationProblem> problems) {
        Optional<ServerContract> server = contract.flightServer();
        if (server.isEmpty()) {
            problems.add(RegistrationProblem.invalid(ProblemKind.ENDPOINT, "$.servers",
                    "the contract names no Flight SQL endpoint",
                    "a servers[] entry of type 'custom' with the custom property '" + ServerContract.FLIGHT_SQL_URL
                            + "' (e.g. grpc+tcp://my-port:31337) and '" + ServerContract.SQL_DIALECT
                            + "' (e.g. DUCKDB)"));
            return Optional.empty();
        }
        String path = "$.servers[" + contract.servers().indexOf(server.get()) + "]";
        String url = server.get().flightSqlUrl().orElseThrow();
        URI location;
        try {
            location = new URI(url);
        } catch (URISyntaxException e) {
            problems.add(RegistrationProblem.invalid(ProblemKind.ENDPOINT, path, "the Flight SQL URL '" + url
                    + "' is not a URI", "grpc+tcp://host:port or grpc+tls://host:port"));
            return Optional.empty();
        }
        try (FlightPortClient client = new FlightPortClient(location, contract.domain(), channels, allocator, timeout,
                PortCallGuard.timeoutOnly(timeout))) {
            List<String> wanted = contract.datasets().stream().map(DatasetContract::physicalName).toList();
            Map<String, Schema> schemas = client.fetchSchemas(contract.id(), wanted);
            boolean complete = wanted.stream().allMatch(table -> TableSchemas.find(schemas, table).isPresent());
            return Optional.of(new PortTables(schemas, complete ? List.of() : client.listTableNames(contract.id())));
        } catch (PorticoException e) {
            ProblemKind kind = e.code() == ErrorCode.INVALID_CONTRACT ? ProblemKind.ENDPOINT : ProblemKind.PORT_UNREACHABLE;
            problems.add(RegistrationProblem.of(e.code(), kind, path, "the gateway cannot list the tables of the"
                    + " port at " + url + " within " + timeout.toSeconds() + " s: " + e.getMessage(),
                    "a Flight SQL endpoint the gateway reaches at " + url + " (start the port first, or fix the host"
                            + " and port in '" + ServerContract.FLIGHT_SQL_URL + "')"));
            return Optional.empty();
        }
    }

    private static void checkDatasets(OutputPortContract contract, PortTables tables,
            Map<String, Schema> liveSchemas, List<RegistrationProblem> problems) {
        for (int index = 0; index < contract.datasets().size(); index++) {
            DatasetContract dataset = contract.datasets().get(index);
            String path = "$.schema[" + index + "]";
            Schema table = TableSchemas.find(tables.schemas(), dataset.physicalName()).orElse(null);
            if (table == null) {
                problems.add(RegistrationProblem.invalid(ProblemKind.DATASET_MISSING, path, "dataset '"
                        + dataset.name() + "': the port serves no table '" + dataset.physicalName() + "' (it serves "
                        + servedTables(tables.listed()) + ")",
                        "a table or view '" + dataset.physicalName() + "' published by the port (its physicalName)"));
                continue;
            }
            liveSchemas.put(dataset.name(), table);
            for (int fieldIndex = 0; fieldIndex < dataset.fields().size(); fieldIndex++) {
                checkField(dataset, dataset.fields().get(fieldIndex), table,
                        path + ".properties[" + fieldIndex + "]", problems);
            }
        }
    }

    private static void checkField(DatasetContract dataset, FieldContract field, Schema table, String path,
            List<RegistrationProblem> problems) {
        String what = "field '" + dataset.name() + "." + field.name() + "'";
        Optional<Field> column = table.getFields().stream()
                .filter(candidate -> candidate.getName().equalsIgnoreCase(field.physicalName()))
                .findFirst();
        if (column.isEmpty()) {
            problems.add(RegistrationProblem.invalid(ProblemKind.FIELD_MISSING, path, what + ": table '"
                    + dataset.physicalName() + "' has no column '" + field.physicalName() + "' (its columns: "
                    + String.join(", ", table.getFields().stream().map(Field::getName).toList()) + ")",
                    "a column '" + field.physicalName() + "' (the field's physicalName)"));
            return;
        }
        Field live = column.get();
        String liveType = ArrowTypeNames.describe(live.getType());
        if (field.logicalType() != null && !ArrowTypeCompatibility.fitsLogicalType(field.logicalType(), live.getType())) {
            problems.add(RegistrationProblem.invalid(ProblemKind.FIELD_TYPE, path + ".logicalType", what
                    + " is declared " + field.logicalType() + " but column '" + live.getName() + "' is " + liveType,
                    ArrowTypeCompatibility.expectedFor(field.logicalType()) + ", or the logicalType of a " + liveType
                            + " column"));
        }
        if (field.physicalType() != null) {
            ArrowTypeCompatibility.physicalTypeMismatch(field.physicalType(), live.getType())
                    .ifPresent(expected -> problems.add(RegistrationProblem.invalid(ProblemKind.FIELD_TYPE,
                            path + ".physicalType", what + " is declared " + field.physicalType() + " but column '"
                                    + live.getName() + "' is " + liveType,
                            expected + " at the port, or the physicalType of the column as it is")));
        }
        if (field.required() && live.isNullable()) {
            problems.add(RegistrationProblem.invalid(ProblemKind.NULLABILITY, path + ".required", what
                    + " is required but column '" + live.getName() + "' is nullable at the port",
                    "a NOT NULL column, or required: false"));
        }
    }

    /** Cross-domain relationships whose target dataset (or one of its fields) no registered port publishes. */
    private static List<RegistrationProblem> danglingRelationships(OutputPortContract contract, RegistryView registry) {
        List<RegistrationProblem> warnings = new ArrayList<>();
        for (int index = 0; index < contract.datasets().size(); index++) {
            DatasetContract dataset = contract.datasets().get(index);
            for (RelationshipContract relationship : dataset.relationships()) {
                if (relationship.targetDomain().equals(contract.domain())) {
                    continue;
                }
                String path = relationshipPath(dataset, relationship, index);
                String target = relationship.targetDomain() + "." + relationship.toDataset();
                String described = describe(dataset, relationship);
                Optional<DatasetContract> targetDataset = registry.dataset(relationship.targetDomain(),
                        relationship.toDataset());
                if (targetDataset.isEmpty()) {
                    warnings.add(RegistrationProblem.warning(ProblemKind.DANGLING_RELATIONSHIP, path,
                            "relationship " + described + " is dangling: no registered port of domain '"
                                    + relationship.targetDomain() + "' publishes a dataset '"
                                    + relationship.toDataset() + "'",
                            "a dataset that exists, or publish it; the relationship is kept meanwhile"));
                    continue;
                }
                List<String> missing = relationship.toFields().stream()
                        .filter(field -> targetDataset.get().field(field).isEmpty())
                        .toList();
                if (!missing.isEmpty()) {
                    warnings.add(RegistrationProblem.warning(ProblemKind.DANGLING_RELATIONSHIP, path,
                            "relationship " + described + " is dangling: " + target + " has no field(s) "
                                    + String.join(", ", missing),
                            "fields of " + target + " as its contract names them"));
                }
            }
        }
        return warnings;
    }

    /** {@code days(day) -> crm.customers(birth_date)}. */
    static String describe(DatasetContract dataset, RelationshipContract relationship) {
        return dataset.name() + "(" + String.join(", ", relationship.fromFields()) + ") -> "
                + relationship.targetDomain() + "." + relationship.toDataset() + "("
                + String.join(", ", relationship.toFields()) + ")";
    }

    /** The path of the first foreign-key field of a relationship (where property-level relationships live). */
    static String relationshipPath(DatasetContract dataset, RelationshipContract relationship, int index) {
        String first = relationship.fromFields().getFirst();
        for (int field = 0; field < dataset.fields().size(); field++) {
            if (dataset.fields().get(field).name().equals(first)) {
                return "$.schema[" + index + "].properties[" + field + "]";
            }
        }
        return "$.schema[" + index + "]";
    }

    /** At most 50 of the port's table names, for a message. */
    private static String servedTables(List<String> listed) {
        if (listed.isEmpty()) {
            return "no table";
        }
        String shown = String.join(", ", listed.subList(0, Math.min(listed.size(), 50)));
        return listed.size() > 50 ? shown + " and " + (listed.size() - 50) + " more" : shown;
    }

    /**
     * What the port answered about a contract's tables.
     *
     * @param schemas the schemas of the contract's tables it serves, by the names it lists them under
     * @param listed  every table name it serves; fetched (and non-empty) only when a contract table is missing
     */
    private record PortTables(Map<String, Schema> schemas, List<String> listed) {
    }
}
