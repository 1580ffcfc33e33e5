package io.portico.policies.parse;

import io.portico.policies.filter.RowFilterParser;
import io.portico.policies.filter.RowFilterSyntaxException;
import io.portico.policies.filter.RowPredicate;
import io.portico.policies.mask.Mask;
import io.portico.policies.mask.MaskKind;
import io.portico.policies.model.Effect;
import io.portico.policies.model.FieldEffect;
import io.portico.policies.model.PolicyDefaults;
import io.portico.policies.model.PolicyRule;
import io.portico.policies.model.ResourceSelector;
import io.portico.policies.model.SubjectSelector;
import io.portico.schema.yaml.YamlPaths;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Maps the tree of one policy file to defaults and rules, recording a {@link PolicyProblem} for everything wrong
 * instead of stopping, so one pass finds every problem. Strict: unknown keys are problems (policies are security
 * configuration; a misspelt key must not silently widen access). A key with an explicit null is absent.
 */
final class PolicyFileMapper {

    /** The format version this reader understands. */
    static final int FORMAT_VERSION = 1;

    private static final Pattern RULE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,127}");
    private static final String RULE_NAME_EXPECTED = "a name of letters, digits, '-' and '_', at most 128 characters,"
            + " e.g. support-sees-own-region";
    private static final List<String> TOP_KEYS = List.of("version", "defaults", "rules");
    private static final List<String> DEFAULTS_KEYS = List.of("classified", "unmatched");
    private static final List<String> RULE_KEYS =
            List.of("name", "description", "subjects", "purpose", "resources", "effect", "mask", "rowFilter");
    private static final List<String> SUBJECT_KEYS = List.of("roles", "groups", "domains", "claims");
    private static final List<String> RESOURCE_KEYS =
            List.of("domain", "product", "dataset", "fields", "classification", "tags");
    private static final String EFFECT_EXPECTED = "allow, deny or {mask: <kind>}";
    private static final String MASK_EXPECTED = "one of " + Arrays.stream(MaskKind.values())
            .filter(kind -> kind != MaskKind.CONSTANT).map(MaskKind::policyName).collect(Collectors.joining(", "))
            + ", or {constant: <value>}";

    /** What one file holds. */
    record MappedFile(PolicyDefaults defaults, String defaultsPath, List<MappedRule> rules) {
    }

    /** A rule with the path it was read at; null rule when the rule had problems. */
    record MappedRule(String name, String path, PolicyRule rule) {
    }

    private final String file;
    private final List<PolicyProblem> problems;

    PolicyFileMapper(String file, List<PolicyProblem> problems) {
        this.file = file;
        this.problems = problems;
    }

    MappedFile map(JsonNode root) {
        if (!root.isObject()) {
            wrongType(root, "$", "a mapping with version: 1 and rules");
            return new MappedFile(null, null, List.of());
        }
        checkKeys(root, "$", TOP_KEYS);
        checkVersion(root);
        JsonNode defaultsNode = child(root, "defaults");
        PolicyDefaults defaults = defaultsNode == null ? null : defaults(defaultsNode, "$.defaults");
        return new MappedFile(defaults, defaultsNode == null ? null : "$.defaults", rules(root));
    }

    private void checkVersion(JsonNode root) {
        JsonNode version = child(root, "version");
        if (version == null) {
            problem("$.version", "missing required key 'version'", "version: " + FORMAT_VERSION);
            return;
        }
        if (!version.isIntegralNumber() || !version.bigIntegerValue().equals(BigInteger.valueOf(FORMAT_VERSION))) {
            problem("$.version", "unsupported format version " + NodeKinds.text(version),
                    "version: " + FORMAT_VERSION);
        }
    }

    private PolicyDefaults defaults(JsonNode node, String path) {
        if (!node.isObject()) {
            wrongType(node, path, "a mapping with classified and unmatched");
            return null;
        }
        checkKeys(node, path, DEFAULTS_KEYS);
        Map<String, FieldEffect> classified = new LinkedHashMap<>();
        JsonNode classifiedNode = child(node, "classified");
        String classifiedPath = path + ".classified";
        if (classifiedNode != null && !classifiedNode.isObject()) {
            wrongType(classifiedNode, classifiedPath, "a mapping of classification to effect, e.g. restricted: deny");
        } else if (classifiedNode != null) {
            for (Map.Entry<String, JsonNode> entry : classifiedNode.properties()) {
                String entryPath = YamlPaths.child(classifiedPath, entry.getKey());
                FieldEffect effect = effectSpec(entry.getValue(), entryPath);
                if (effect == null) {
                    continue;
                }
                if (classified.putIfAbsent(ResourceSelector.normalize(entry.getKey()), effect) != null) {
                    problem(entryPath, "classification '" + entry.getKey() + "' is given twice (names compare"
                            + " case-insensitively)", "each classification once");
                }
            }
        }
        JsonNode unmatchedNode = child(node, "unmatched");
        FieldEffect unmatched = unmatchedNode == null ? FieldEffect.ALLOW : effectSpec(unmatchedNode, path
                + ".unmatched");
        return unmatched == null ? null : new PolicyDefaults(classified, unmatched);
    }

    /** A default's effect: {@code allow}, {@code deny} or {@code {mask: <kind>}}. */
    private FieldEffect effectSpec(JsonNode node, String path) {
        if (node == null) {
            problem(path, "no effect given", EFFECT_EXPECTED);
            return null;
        }
        if (node.isString()) {
            String name = node.stringValue();
            if (name.equals("mask")) {
                problem(path, "a mask default names its mask", "{mask: <kind>}, e.g. {mask: redact}");
                return null;
            }
            Effect effect = Effect.fromPolicyName(name).orElse(null);
            if (effect == null) {
                problem(path, "unknown effect '" + name + "'", EFFECT_EXPECTED);
                return null;
            }
            return effect == Effect.ALLOW ? FieldEffect.ALLOW : FieldEffect.DENY;
        }
        if (!node.isObject()) {
            wrongType(node, path, EFFECT_EXPECTED);
            return null;
        }
        checkKeys(node, path, List.of("mask"));
        JsonNode mask = maskNode(node);
        if (mask == null) {
            problem(path + ".mask", "missing the mask", MASK_EXPECTED);
            return null;
        }
        Mask parsed = mask(mask, path + ".mask");
        return parsed == null ? null : FieldEffect.mask(parsed);
    }

    private Mask mask(JsonNode node, String path) {
        if (node.isString()) {
            String name = node.stringValue();
            if (name.equalsIgnoreCase(MaskKind.CONSTANT.policyName())) {
                problem(path, "a constant mask gives its value", "{constant: <value>}, e.g. {constant: 'n/a'}");
                return null;
            }
            MaskKind kind = MaskKind.fromPolicyName(name).orElse(null);
            if (kind == null) {
                problem(path, "unknown mask '" + name + "'", MASK_EXPECTED);
                return null;
            }
            return Mask.of(kind);
        }
        if (!node.isObject()) {
            wrongType(node, path, MASK_EXPECTED);
            return null;
        }
        checkKeys(node, path, List.of("constant"));
        JsonNode constant = child(node, "constant");
        if (constant == null) {
            problem(path + ".constant", "missing the constant's value", "{constant: <value>}, e.g. {constant: 'n/a'}");
            return null;
        }
        if (!constant.isValueNode()) {
            wrongType(constant, path + ".constant", "a string, number or boolean");
            return null;
        }
        return Mask.constant(NodeKinds.text(constant));
    }

    private List<MappedRule> rules(JsonNode root) {
        JsonNode rulesNode = child(root, "rules");
        if (rulesNode == null) {
            return List.of();
        }
        if (!rulesNode.isArray()) {
            wrongType(rulesNode, "$.rules", "a list of rules");
            return List.of();
        }
        List<MappedRule> rules = new ArrayList<>(rulesNode.size());
        for (int index = 0; index < rulesNode.size(); index++) {
            String path = YamlPaths.element("$.rules", index);
            JsonNode node = rulesNode.get(index);
            if (!node.isObject()) {
                wrongType(node, path, "a rule: a mapping with name, subjects and effect or rowFilter");
                continue;
            }
            rules.add(rule(node, path));
        }
        return rules;
    }

    private MappedRule rule(JsonNode node, String path) {
        int problemsBefore = problems.size();
        checkKeys(node, path, RULE_KEYS);
        String name = ruleName(node, path);
        String description = optionalString(node, path, "description");
        SubjectSelector subjects = subjects(child(node, "subjects"), path + ".subjects");
        List<String> purposes = List.copyOf(names(child(node, "purpose"), path + ".purpose", false));
        JsonNode resourcesNode = child(node, "resources");
        ResourceSelector resources = resourcesNode == null
                ? ResourceSelector.EVERYTHING : resources(resourcesNode, path + ".resources");
        JsonNode rowFilterNode = child(node, "rowFilter");
        FieldEffect effect = null;
        RowPredicate rowFilter = null;
        if (rowFilterNode != null) {
            rowFilter = rowFilter(node, rowFilterNode, resourcesNode, path);
        } else {
            effect = ruleEffect(node, path);
        }
        if (problems.size() > problemsBefore || subjects == null || resources == null) {
            return new MappedRule(name, path, null);
        }
        return new MappedRule(name, path,
                new PolicyRule(name, description, subjects, purposes, resources, effect, rowFilter, file));
    }

    private String ruleName(JsonNode node, String path) {
        JsonNode nameNode = child(node, "name");
        if (nameNode == null) {
            problem(path + ".name", "missing required key 'name'", RULE_NAME_EXPECTED);
            return null;
        }
        if (!nameNode.isString()) {
            wrongType(nameNode, path + ".name", RULE_NAME_EXPECTED);
            return null;
        }
        String name = nameNode.stringValue();
        if (!RULE_NAME.matcher(name).matches()) {
            problem(path + ".name", "invalid rule name '" + abbreviate(name) + "'", RULE_NAME_EXPECTED);
            return null;
        }
        return name;
    }

    private SubjectSelector subjects(JsonNode node, String path) {
        String expected = "everyone, or a mapping with any of roles, groups, domains, claims";
        if (node == null) {
            problem(path, "missing required key 'subjects'", expected);
            return null;
        }
        if (node.isString()) {
            if (node.stringValue().equals("everyone")) {
                return SubjectSelector.EVERYONE;
            }
            problem(path, "unknown subjects '" + abbreviate(node.stringValue()) + "'", expected);
            return null;
        }
        if (!node.isObject()) {
            wrongType(node, path, expected);
            return null;
        }
        int problemsBefore = problems.size();
        checkKeys(node, path, SUBJECT_KEYS);
        Set<String> roles = names(child(node, "roles"), path + ".roles", false);
        Set<String> groups = names(child(node, "groups"), path + ".groups", false);
        Set<String> domains = names(child(node, "domains"), path + ".domains", false);
        Map<String, Set<String>> claims = claims(child(node, "claims"), path + ".claims");
        if (roles.isEmpty() && groups.isEmpty() && domains.isEmpty() && claims.isEmpty()) {
            if (problems.size() == problemsBefore) {
                problem(path, "selects no subject: no roles, groups, domains or claims", expected);
            }
            return null;
        }
        return new SubjectSelector(false, roles, groups, domains, claims);
    }

    private Map<String, Set<String>> claims(JsonNode node, String path) {
        if (node == null) {
            return Map.of();
        }
        if (!node.isObject()) {
            wrongType(node, path, "a mapping of claim to accepted values, e.g. {department: [finance]}");
            return Map.of();
        }
        Map<String, Set<String>> claims = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            Set<String> values = names(entry.getValue(), YamlPaths.child(path, entry.getKey()), true);
            if (values.isEmpty()) {
                problem(YamlPaths.child(path, entry.getKey()), "claim '" + entry.getKey()
                        + "' accepts no value", "a value or a list of accepted values");
                continue;
            }
            claims.put(entry.getKey(), values);
        }
        return claims;
    }

    private ResourceSelector resources(JsonNode node, String path) {
        if (!node.isObject()) {
            wrongType(node, path, "a mapping with any of " + String.join(", ", RESOURCE_KEYS));
            return null;
        }
        checkKeys(node, path, RESOURCE_KEYS);
        return new ResourceSelector(
                resourceNames(node, path, "domain"),
                resourceNames(node, path, "product"),
                resourceNames(node, path, "dataset"),
                resourceNames(node, path, "fields"),
                resourceNames(node, path, "classification"),
                resourceNames(node, path, "tags"));
    }

    private Set<String> resourceNames(JsonNode node, String path, String key) {
        String keyPath = path + "." + key;
        Set<String> names = names(child(node, key), keyPath, false);
        for (String name : names) {
            if (name.contains(ResourceSelector.WILDCARD) && !name.equals(ResourceSelector.WILDCARD)) {
                problem(keyPath, "'" + abbreviate(name) + "': the wildcard * stands only for a whole value",
                        "exact names, or * alone for any");
            }
        }
        return names;
    }

    private RowPredicate rowFilter(JsonNode rule, JsonNode node, JsonNode resourcesNode, String path) {
        String rowFilterPath = path + ".rowFilter";
        if (child(rule, "effect") != null || maskNode(rule) != null) {
            problem(path, "a rule has either an effect or a rowFilter, not both",
                    "a field rule (effect) or a dataset rule (rowFilter): write two rules");
        }
        if (resourcesNode != null && resourcesNode.isObject()) {
            for (String fieldKey : List.of("fields", "classification", "tags")) {
                if (child(resourcesNode, fieldKey) != null) {
                    problem(path + ".resources." + fieldKey, "a rowFilter rule applies to whole datasets; it cannot"
                            + " select " + fieldKey, "resources with only domain, product and dataset");
                }
            }
        }
        if (!node.isString()) {
            wrongType(node, rowFilterPath, "a predicate such as \"region = subject.region\"");
            return null;
        }
        try {
            return RowFilterParser.parse(node.stringValue());
        } catch (RowFilterSyntaxException e) {
            problem(rowFilterPath, "invalid row filter at column " + e.column() + ": " + e.problem(),
                    "a predicate such as \"region = subject.region\" (comparisons, in, is null, visible(...), and, or, not)");
            return null;
        }
    }

    private FieldEffect ruleEffect(JsonNode rule, String path) {
        JsonNode effectNode = child(rule, "effect");
        JsonNode maskNode = maskNode(rule);
        if (effectNode == null) {
            String expected = "effect: allow | deny | mask (with mask: <kind>), or rowFilter: \"<predicate>\"";
            problem(path, maskNode == null ? "the rule has neither an effect nor a rowFilter"
                    : "a mask needs effect: mask", expected);
            return null;
        }
        if (!effectNode.isString()) {
            wrongType(effectNode, path + ".effect", "allow, deny or mask");
            return null;
        }
        Effect effect = Effect.fromPolicyName(effectNode.stringValue()).orElse(null);
        if (effect == null) {
            problem(path + ".effect", "unknown effect '" + abbreviate(effectNode.stringValue()) + "'",
                    "allow, deny or mask");
            return null;
        }
        if (effect != Effect.MASK) {
            if (maskNode != null) {
                problem(path + ".mask", "a mask with effect: " + effect.policyName(),
                        "no mask, or effect: mask");
                return null;
            }
            return effect == Effect.ALLOW ? FieldEffect.ALLOW : FieldEffect.DENY;
        }
        if (maskNode == null) {
            problem(path + ".mask", "effect: mask without a mask", MASK_EXPECTED);
            return null;
        }
        Mask mask = mask(maskNode, path + ".mask");
        return mask == null ? null : FieldEffect.mask(mask);
    }

    /**
     * A string or a list of strings (with {@code scalars}, numbers and booleans too, as text), as a set in document
     * order; empty when absent. Blank and duplicate values are problems.
     */
    private Set<String> names(JsonNode node, String path, boolean scalars) {
        Set<String> names = new LinkedHashSet<>();
        if (node == null) {
            return names;
        }
        String expected = scalars ? "a value or a list of values" : "a name or a list of names";
        if (!node.isArray()) {
            addName(node, path, scalars, expected, names);
            return names;
        }
        for (int index = 0; index < node.size(); index++) {
            addName(node.get(index), path + "[" + index + "]", scalars, expected, names);
        }
        return names;
    }

    private void addName(JsonNode node, String path, boolean scalars, String expected, Set<String> names) {
        boolean accepted = node.isString() || (scalars && node.isValueNode() && !node.isNull());
        if (!accepted) {
            wrongType(node, path, expected);
            return;
        }
        String name = NodeKinds.text(node);
        if (name.isBlank()) {
            problem(path, "is empty", expected);
            return;
        }
        if (!names.add(name)) {
            problem(path, "'" + abbreviate(name) + "' is listed twice", "each value once");
        }
    }

    private String optionalString(JsonNode parent, String parentPath, String key) {
        JsonNode node = child(parent, key);
        if (node == null) {
            return null;
        }
        if (!node.isString()) {
            wrongType(node, parentPath + "." + key, "a string");
            return null;
        }
        return node.stringValue();
    }

    private void checkKeys(JsonNode node, String path, List<String> allowed) {
        for (String key : node.propertyNames()) {
            if (allowed.contains(key)) {
                continue;
            }
            String hint = allowed.stream().filter(candidate -> candidate.equalsIgnoreCase(key)).findFirst()
                    .map(candidate -> " (did you mean '" + candidate + "'?)").orElse("");
            problem(YamlPaths.child(path, key), "unknown key '" + abbreviate(key) + "'" + hint,
                    "one of " + String.join(", ", allowed));
        }
    }

    /**
     * The {@code mask} key's value; YAML reads {@code mask: null} as a null, which here means the mask named
     * {@code null} (every value nulled), as a reader of the file would expect.
     */
    private static JsonNode maskNode(JsonNode parent) {
        JsonNode node = parent.get("mask");
        if (node != null && node.isNull()) {
            return JsonNodeFactory.instance.stringNode(MaskKind.NULL.policyName());
        }
        return node;
    }

    private static JsonNode child(JsonNode parent, String key) {
        JsonNode node = parent.get(key);
        return node == null || node.isNull() ? null : node;
    }

    private void wrongType(JsonNode node, String path, String expected) {
        problem(path, "wrong type: found " + NodeKinds.kind(node), expected);
    }

    private void problem(String path, String problem, String expected) {
        problems.add(new PolicyProblem(file, path, problem, expected));
    }

    private static String abbreviate(String text) {
        String oneLine = text.replace('\n', ' ');
        return oneLine.length() <= 80 ? oneLine : oneLine.substring(0, 80) + "...";
    }
}
