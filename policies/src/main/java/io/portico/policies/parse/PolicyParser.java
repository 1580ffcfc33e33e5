package io.portico.policies.parse;

import static java.util.Objects.requireNonNull;

import io.portico.policies.model.PolicyDefaults;
import io.portico.policies.model.PolicyRule;
import io.portico.policies.model.PolicySet;
import io.portico.schema.yaml.YamlProblem;
import io.portico.schema.yaml.YamlTreeReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a set of policy files (YAML) into one {@link PolicySet}, all or nothing: a set with any problem in any file
 * is refused as a whole with {@link PolicyValidationException}, which lists every problem found.
 *
 * <p>The format, in short (docs/policies.md has it in full):
 * <pre>
 * version: 1
 * defaults:                       # in at most one file of the set
 *   classified:
 *     restricted: deny
 *     confidential: {mask: redact}
 *   unmatched: allow              # the default
 * rules:
 *   - name: support-sees-own-region            # unique in the set
 *     description: Support staff see the customers of their region only.
 *     subjects: {roles: [support]}             # or: everyone
 *     purpose: [support]                       # optional
 *     resources: {domain: crm, dataset: customers}
 *     rowFilter: "region = subject.region"     # or effect: allow | deny | mask (+ mask: &lt;kind&gt;)
 * </pre>
 *
 * <p>What it checks: each file at most {@link #MAX_FILE_CHARS} characters, well-formed YAML (line and column), one
 * document, no duplicate keys, no aliases; {@code version: 1}; no unknown key anywhere; the types of every value;
 * rule names present, well-formed and unique across the set; {@code subjects} present and selecting someone; exactly
 * one of {@code effect} and {@code rowFilter}; a {@code mask} exactly when {@code effect: mask}, of a known kind;
 * row filters that parse (with the column of the error) and select no fields; wildcards only as whole values;
 * {@code defaults} in at most one file; at most {@link #MAX_RULES} rules and {@link #MAX_FILES} files.
 *
 * <p>The set's {@link PolicySet#version() version} is a SHA-256 digest of the files' names and texts, in the order
 * given: equal files give equal versions.
 */
public final class PolicyParser {

    /** Files larger than this are refused before parsing. */
    public static final int MAX_FILE_CHARS = 1 << 20;
    /** The most rules a set may hold. */
    public static final int MAX_RULES = 10_000;
    /** The most files a set may be read from. */
    public static final int MAX_FILES = 256;

    private PolicyParser() {
    }

    /** Reads one file as a set of its own. @throws PolicyValidationException with every problem found */
    public static PolicySet parse(String name, String text) {
        return parse(List.of(new PolicySource(name, text)));
    }

    /**
     * Reads the files as one set; rules keep the order of the sources, then of each file.
     *
     * @throws PolicyValidationException with every problem found in every file
     */
    public static PolicySet parse(List<PolicySource> sources) {
        requireNonNull(sources, "sources is null");
        List<PolicyProblem> problems = new ArrayList<>();
        if (sources.isEmpty()) {
            throw new PolicyValidationException(List.of(new PolicyProblem("", "$", "no policy file",
                    "at least one policy file (*.yaml)")));
        }
        if (sources.size() > MAX_FILES) {
            throw new PolicyValidationException(List.of(new PolicyProblem("", "$", sources.size()
                    + " policy files, more than the limit of " + MAX_FILES, "at most " + MAX_FILES + " files")));
        }
        PolicyDefaults defaults = null;
        String defaultsFile = null;
        Map<String, String> ruleLocations = new LinkedHashMap<>();
        List<PolicyRule> rules = new ArrayList<>();
        for (PolicySource source : sources) {
            PolicyFileMapper.MappedFile file = read(source, problems);
            if (file == null) {
                continue;
            }
            if (file.defaultsPath() != null && defaultsFile != null) {
                problems.add(new PolicyProblem(source.name(), file.defaultsPath(), "defaults are already given in "
                        + defaultsFile, "defaults in one file of the set only"));
            } else if (file.defaultsPath() != null) {
                defaultsFile = source.name();
                defaults = file.defaults();
            }
            for (PolicyFileMapper.MappedRule rule : file.rules()) {
                addRule(source, rule, ruleLocations, rules, problems);
            }
        }
        if (ruleLocations.size() > MAX_RULES) {
            problems.add(new PolicyProblem("", "$", ruleLocations.size() + " rules, more than the limit of "
                    + MAX_RULES, "at most " + MAX_RULES + " rules in a set"));
        }
        if (!problems.isEmpty()) {
            throw new PolicyValidationException(problems);
        }
        return new PolicySet(version(sources), defaults == null ? PolicyDefaults.NONE : defaults, rules);
    }

    private static PolicyFileMapper.MappedFile read(PolicySource source, List<PolicyProblem> problems) {
        if (source.text().length() > MAX_FILE_CHARS) {
            problems.add(new PolicyProblem(source.name(), "$", "the file has " + source.text().length()
                    + " characters, more than the limit of " + MAX_FILE_CHARS,
                    "a policy file of at most " + MAX_FILE_CHARS + " characters (split it into several files)"));
            return null;
        }
        YamlTreeReader.Result read = YamlTreeReader.read(source.text(), "policy file",
                "a mapping with version: 1 and rules");
        for (YamlProblem problem : read.problems()) {
            problems.add(new PolicyProblem(source.name(), problem.path(), problem.problem(), problem.expected()));
        }
        return read.tree() == null ? null : new PolicyFileMapper(source.name(), problems).map(read.tree());
    }

    private static void addRule(PolicySource source, PolicyFileMapper.MappedRule rule,
            Map<String, String> ruleLocations, List<PolicyRule> rules, List<PolicyProblem> problems) {
        if (rule.name() != null) {
            String location = source.name() + " " + rule.path();
            String first = ruleLocations.putIfAbsent(rule.name(), location);
            if (first != null) {
                problems.add(new PolicyProblem(source.name(), rule.path() + ".name", "duplicate rule name '"
                        + rule.name() + "', first used at " + first, "rule names unique across the policy set"));
                return;
            }
        }
        if (rule.rule() != null) {
            rules.add(rule.rule());
        }
    }

    /**
     * The version a set read from these sources gets: the first 16 hex digits of a SHA-256 digest of their names
     * and texts, in order. Lets a reloader see that files did not really change without parsing them.
     */
    public static String version(List<PolicySource> sources) {
        MessageDigest digest = sha256();
        for (PolicySource source : sources) {
            digest.update(source.name().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(source.text().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
        }
        return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
