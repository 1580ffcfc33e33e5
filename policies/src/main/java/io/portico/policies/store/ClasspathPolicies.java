package io.portico.policies.store;

import static java.util.Objects.requireNonNull;

import io.portico.policies.model.PolicySet;
import io.portico.policies.parse.PolicyParser;
import io.portico.policies.parse.PolicySource;
import io.portico.policies.parse.PolicyValidationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Policy files shipped on the classpath, such as the demo's set ({@link #DEMO}). */
public final class ClasspathPolicies {

    /** The demo's policy set: {@code steward}, {@code analyst} and {@code support} (docs/policies.md). */
    public static final String DEMO = "demo/policies.yaml";

    private ClasspathPolicies() {
    }

    /** The demo's policy set. */
    public static PolicySet demo() {
        return load(DEMO);
    }

    /**
     * Reads and validates the resources (paths without a leading {@code /}, e.g. {@code demo/policies.yaml}) as one
     * set, in the order given; each is named {@code classpath:<path>}.
     *
     * @throws PolicyValidationException with every problem found
     * @throws UncheckedIOException      when a resource does not exist or cannot be read
     */
    public static PolicySet load(String... resources) {
        List<PolicySource> sources = new ArrayList<>(resources.length);
        for (String resource : resources) {
            sources.add(read(requireNonNull(resource, "resource is null")));
        }
        return PolicyParser.parse(sources);
    }

    private static PolicySource read(String resource) {
        ClassLoader loader = ClasspathPolicies.class.getClassLoader();
        try (InputStream input = loader.getResourceAsStream(resource)) {
            if (input == null) {
                throw new UncheckedIOException(new IOException("no classpath resource " + resource));
            }
            byte[] bytes = input.readNBytes(4 * PolicyParser.MAX_FILE_CHARS + 1);
            return new PolicySource("classpath:" + resource, new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read classpath resource " + resource, e);
        }
    }
}
