package io.portico.gateway.registration;

import static java.util.Objects.requireNonNull;

import io.portico.gateway.graphql.StaticSchemaFiles;
import io.portico.schema.compose.ComposedSchema;
import io.portico.schema.compose.CompositionProblem;
import io.portico.schema.compose.PortSnapshot;
import io.portico.schema.compose.RegistrySnapshot;
import io.portico.schema.compose.RelationshipKeyRule;
import io.portico.schema.compose.SchemaComposer;
import io.portico.schema.compose.SchemaNames;
import io.portico.schema.contract.DatasetContract;
import io.portico.schema.contract.FieldContract;
import io.portico.schema.contract.OutputPortContract;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Whether a contract's names work in the unified GraphQL schema.
 *
 * <ul>
 *   <li>{@link #checkContract}: on the contract alone. Every domain, dataset and field name yields a valid GraphQL
 *       name ({@code order-id} and {@code order_id} both become {@code orderId}); a name starting with {@code __}
 *       (reserved for GraphQL introspection) or without a letter or digit is refused, as are field names that are
 *       operators of the {@code where} input ({@code and}, {@code or}, {@code not}); no two datasets of the
 *       contract, and no two fields of a dataset, map to the same GraphQL name.</li>
 *   <li>{@link #checkComposition}: against everything else. The registry's served ports whose names could meet
 *       the candidate's (its domain's, and those of other domains whose type names share a prefix with its own)
 *       plus the candidate (in place of the served version of the same major; another major of the port stays, as
 *       it is served beside the candidate) are composed into a trial schema with {@link SchemaComposer}. Refused: whatever composition
 *       leaves out of the candidate, what the candidate would take from another port (a type name another port
 *       has), and every definition the trial schema and the gateway's static schema files would have twice (a
 *       type, e.g. a dataset whose type is {@code PageInfo}, a scalar or a type of the gateway's own API; or a root
 *       field, e.g. a domain {@code schema_version}), which graphql-java would refuse to build.</li>
 * </ul>
 */
public final class GraphQlNameCheck {

    private static final String[] GENERATED_SUFFIXES = {"", "Connection", "Edge", "Where", "OrderBy"};
    private static final String QUERY = "Query";
    private static final Pattern DEFINITION =
            Pattern.compile("(type|input|enum|scalar|interface|union)\\s+([_A-Za-z][_0-9A-Za-z]*)");
    private static final Pattern TAKEN_TYPE = Pattern.compile("GraphQL type ([_A-Za-z][_0-9A-Za-z]*)");
    private static final Pattern FIELD = Pattern.compile("\\s+([_A-Za-z][_0-9A-Za-z]*)\\s*[(:]");

    private final StaticSchemaFiles staticFiles;
    private final RelationshipKeyRule keyRule;

    /** A check composing its trial schemas under the {@linkplain RelationshipKeyRule#DEFAULT default} key rule. */
    public GraphQlNameCheck(StaticSchemaFiles staticFiles) {
        this(staticFiles, RelationshipKeyRule.DEFAULT);
    }

    /**
     * @param staticFiles the gateway's own schema files
     * @param keyRule     the foreign-key rule the live schema is composed under
     */
    public GraphQlNameCheck(StaticSchemaFiles staticFiles, RelationshipKeyRule keyRule) {
        this.staticFiles = requireNonNull(staticFiles, "staticFiles is null");
        this.keyRule = requireNonNull(keyRule, "keyRule is null");
    }

    /** The problems of the contract's names on their own. */
    public List<RegistrationProblem> checkContract(OutputPortContract contract) {
        List<RegistrationProblem> problems = new ArrayList<>();
        checkName("domain", contract.domain(), "$.domain", problems);
        Map<String, String> datasetNames = new HashMap<>();
        for (int index = 0; index < contract.datasets().size(); index++) {
            DatasetContract dataset = contract.datasets().get(index);
            String path = "$.schema[" + index + "]";
            if (checkName("dataset", dataset.name(), path + ".name", problems)) {
                String graphQlName = SchemaNames.fieldName(dataset.name());
                String previous = datasetNames.putIfAbsent(graphQlName, dataset.name());
                if (previous != null) {
                    problems.add(RegistrationProblem.invalid(ProblemKind.GRAPHQL_NAME, path + ".name", "datasets '"
                            + previous + "' and '" + dataset.name() + "' both map to GraphQL field '" + graphQlName
                            + "'", "dataset names that differ after conversion to camelCase"));
                }
            }
            checkFields(dataset, path, problems);
        }
        return problems;
    }

    private static void checkFields(DatasetContract dataset, String datasetPath, List<RegistrationProblem> problems) {
        Map<String, String> fieldNames = new HashMap<>();
        for (int index = 0; index < dataset.fields().size(); index++) {
            FieldContract field = dataset.fields().get(index);
            String path = datasetPath + ".properties[" + index + "].name";
            if (!checkName("field", field.name(), path, problems)) {
                continue;
            }
            String graphQlName = SchemaNames.fieldName(field.name());
            if (SchemaNames.WHERE_COMBINATORS.contains(graphQlName)) {
                problems.add(RegistrationProblem.invalid(ProblemKind.GRAPHQL_NAME, path, "field '"
                        + dataset.name() + "." + field.name() + "' maps to GraphQL name '" + graphQlName
                        + "', an operator of the where input", "a field name other than and, or, not"));
                continue;
            }
            String previous = fieldNames.putIfAbsent(graphQlName, field.name());
            if (previous != null) {
                problems.add(RegistrationProblem.invalid(ProblemKind.GRAPHQL_NAME, path, "fields '" + previous
                        + "' and '" + field.name() + "' of dataset '" + dataset.name() + "' both map to GraphQL field '"
                        + graphQlName + "'", "field names that differ after conversion to camelCase"));
            }
        }
    }

    /** Adds a problem and answers false when {@code name} does not yield a usable GraphQL name. */
    private static boolean checkName(String what, String name, String path, List<RegistrationProblem> problems) {
        String graphQlName = SchemaNames.fieldName(name);
        String problem = null;
        if (name.startsWith("__")) {
            problem = what + " name '" + name + "' starts with '__', which GraphQL reserves for introspection";
        } else if (name.chars().noneMatch(character -> character < 128 && Character.isLetterOrDigit(character))) {
            problem = what + " name '" + name + "' has no ASCII letter or digit, so it yields no GraphQL name";
        } else if (!SchemaNames.isValidName(graphQlName)) {
            problem = what + " name '" + name + "' yields '" + graphQlName + "', not a valid GraphQL name";
        }
        if (problem == null) {
            return true;
        }
        problems.add(RegistrationProblem.invalid(ProblemKind.GRAPHQL_NAME, path, problem,
                "a name of letters, digits, '_' or '-' starting with a letter, e.g. order_id or order-id (both"
                        + " become orderId)"));
        return false;
    }

    /**
     * The problems of the candidate in a trial schema of the registry's served ports and the candidate.
     *
     * @param candidate   the contract
     * @param liveSchemas what its port reports, by dataset name
     * @param registry    the registry as served now
     */
    public List<RegistrationProblem> checkComposition(OutputPortContract candidate, Map<String, Schema> liveSchemas,
            RegistryView registry) {
        PortSnapshot candidatePort = new PortSnapshot(candidate, liveSchemas);
        List<PortSnapshot> ports = relevantPorts(candidatePort, registry.snapshot().ports());
        ports.add(candidatePort);
        ComposedSchema trial = SchemaComposer.compose(new RegistrySnapshot(registry.snapshot().version(), ports),
                keyRule);
        Map<String, String> generatedNames = generatedNames(candidate);
        List<RegistrationProblem> problems = new ArrayList<>();
        Set<CompositionProblem> before = new HashSet<>(registry.liveProblems());
        for (CompositionProblem problem : trial.problems()) {
            if (problem.kind() == CompositionProblem.Kind.CLASSIFIED_KEY && !problem.portId().equals(candidate.id())) {
                // Another port's foreign key into a field the candidate classifies: left out of the schema, never a
                // reason to refuse the owner of the data (PortValidator warns about it).
                continue;
            }
            if (problem.portId().equals(candidate.id())) {
                problems.add(candidateProblem(problem));
            } else if (!before.contains(problem)) {
                problems.add(takenFrom(problem, generatedNames));
            }
        }
        if (problems.isEmpty()) {
            problems.addAll(duplicateDefinitions(trial.sdl(), generatedNames));
        }
        return problems;
    }

    /**
     * The served ports whose GraphQL names could meet the candidate's: those of its domain (they share the domain
     * type and the root field), and those of other domains whose type names could equal one of the candidate's.
     * Every type a port generates starts with one of its stems (its domain type, or one of its datasets' node
     * types: the connection, edge, where, order-by and struct types extend the node type), so two ports can only
     * generate the same type name when a stem of one is a prefix of a stem of the other. Composing just these
     * instead of the whole registry keeps a registration's check independent of the registry's size; the version
     * of the candidate's port and major that the candidate replaces is left out.
     */
    private static List<PortSnapshot> relevantPorts(PortSnapshot candidate, List<PortSnapshot> served) {
        String domain = SchemaNames.fieldName(candidate.contract().domain());
        List<String> candidateStems = stems(candidate.contract());
        List<PortSnapshot> relevant = new ArrayList<>();
        for (PortSnapshot port : served) {
            boolean replaced = port.contract().id().equals(candidate.contract().id())
                    && port.majorVersion() == candidate.majorVersion();
            if (replaced) {
                continue;
            }
            if (SchemaNames.fieldName(port.contract().domain()).equals(domain)
                    || stemsOverlap(candidateStems, stems(port.contract()))) {
                relevant.add(port);
            }
        }
        return relevant;
    }

    /** The prefixes of every GraphQL type name a contract generates: its domain type and its datasets' node types. */
    private static List<String> stems(OutputPortContract contract) {
        String domain = SchemaNames.fieldName(contract.domain());
        List<String> stems = new ArrayList<>(contract.datasets().size() + 1);
        stems.add(SchemaNames.domainType(domain));
        for (DatasetContract dataset : contract.datasets()) {
            stems.add(SchemaNames.nodeType(domain, SchemaNames.fieldName(dataset.name())));
        }
        return stems;
    }

    private static boolean stemsOverlap(List<String> left, List<String> right) {
        for (String one : left) {
            for (String other : right) {
                if (one.startsWith(other) || other.startsWith(one)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static RegistrationProblem candidateProblem(CompositionProblem problem) {
        if (problem.kind() == CompositionProblem.Kind.CLASSIFIED_KEY) {
            return RegistrationProblem.invalid(ProblemKind.CLASSIFIED_KEY, problem.path(), problem.message(),
                    "a foreign key to its target's primary key, or to fields whose classification is open"
                            + " (portico.relationships.open-classifications)");
        }
        boolean collision = problem.message().contains("already taken");
        return RegistrationProblem.invalid(collision ? ProblemKind.NAME_COLLISION : ProblemKind.GRAPHQL_NAME,
                problem.path(), problem.message().replace("; dataset left out", "")
                        .replace("; field left out", "").replace("; port left out", ""),
                collision ? "a dataset or domain name whose GraphQL type no other port has"
                        : "names and types that the unified GraphQL schema can expose");
    }

    /** Another port's dataset or field that the candidate pushes out of the schema. */
    private static RegistrationProblem takenFrom(CompositionProblem problem, Map<String, String> generatedNames) {
        Matcher type = TAKEN_TYPE.matcher(problem.message());
        String path = type.find() ? pathOf(type.group(1), generatedNames) : "$";
        return RegistrationProblem.invalid(ProblemKind.NAME_COLLISION, path, "publishing this contract would push"
                + " port '" + problem.portId() + "' out of the schema: " + problem.message(),
                "names whose GraphQL types no other port has");
    }

    /**
     * Type names defined twice, and {@code Query} fields defined twice, in the trial schema merged with the static
     * schema files: what graphql-java would refuse to build. Read from the SDL text (type definitions start a line;
     * description blocks are skipped) instead of building the schema, which takes seconds with a thousand ports.
     */
    private List<RegistrationProblem> duplicateDefinitions(String sdl, Map<String, String> generatedNames) {
        Map<String, Integer> types = new LinkedHashMap<>();
        Map<String, Integer> queryFields = new LinkedHashMap<>();
        boolean inDescription = false;
        boolean inQuery = false;
        for (String line : sdl.split("\n")) {
            if (line.strip().equals("\"\"\"")) {
                inDescription = !inDescription;
                continue;
            }
            if (inDescription) {
                continue;
            }
            if (inQuery) {
                inQuery = !line.equals("}");
                Matcher field = FIELD.matcher(line);
                if (inQuery && field.lookingAt()) {
                    queryFields.merge(field.group(1), 1, Integer::sum);
                }
                continue;
            }
            Matcher definition = DEFINITION.matcher(line);
            if (definition.lookingAt()) {
                types.merge(definition.group(2), 1, Integer::sum);
                inQuery = definition.group(1).equals("type") && definition.group(2).equals(QUERY)
                        && line.endsWith("{");
            }
        }
        Set<String> staticTypes = staticFiles.typeNames();
        staticTypes.forEach(type -> types.merge(type, 1, Integer::sum));
        Set<String> staticQueryFields = staticFiles.queryFieldNames();
        staticQueryFields.forEach(field -> queryFields.merge(field, 1, Integer::sum));
        List<RegistrationProblem> problems = new ArrayList<>();
        types.forEach((type, count) -> {
            if (count > 1) {
                problems.add(RegistrationProblem.invalid(ProblemKind.NAME_COLLISION, pathOf(type, generatedNames),
                        "GraphQL type '" + type + "' would be defined twice: this contract's names produce it and "
                                + (staticTypes.contains(type) ? "the gateway's own API defines it"
                                        : "another port or the gateway's schema has it"),
                        "domain and dataset names whose GraphQL types are not taken (types such as PageInfo, the"
                                + " scalars, the registration and catalog API, or other ports' types)"));
            }
        });
        queryFields.forEach((field, count) -> {
            if (count > 1) {
                problems.add(RegistrationProblem.invalid(ProblemKind.NAME_COLLISION, pathOf(field, generatedNames),
                        "root field Query." + field + " would be defined twice: this contract's domain produces it"
                                + " and " + (staticQueryFields.contains(field) ? "the gateway's own API defines it"
                                        : "the gateway's schema has it"),
                        "a domain name whose GraphQL field is not a root field already"));
            }
        });
        return problems;
    }

    /** The GraphQL names the candidate generates, each with the contract path of the name it comes from. */
    private static Map<String, String> generatedNames(OutputPortContract candidate) {
        Map<String, String> names = new LinkedHashMap<>();
        String domain = SchemaNames.fieldName(candidate.domain());
        names.put(domain, "$.domain");
        names.put(SchemaNames.domainType(domain), "$.domain");
        for (int index = 0; index < candidate.datasets().size(); index++) {
            String nodeType = SchemaNames.nodeType(domain, SchemaNames.fieldName(candidate.datasets().get(index).name()));
            for (String suffix : GENERATED_SUFFIXES) {
                names.put(nodeType + suffix, "$.schema[" + index + "].name");
            }
        }
        return names;
    }

    /** The contract path of a generated name; {@code $} when the candidate does not generate it. */
    private static String pathOf(String name, Map<String, String> generatedNames) {
        return generatedNames.getOrDefault(name, "$");
    }
}
