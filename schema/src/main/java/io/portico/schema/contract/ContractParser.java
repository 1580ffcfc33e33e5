package io.portico.schema.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads ODCS v3.1 contract documents (YAML or JSON; JSON is YAML) into {@link OutputPortContract}s.
 *
 * <p>Reports every problem it finds, each with its path in the document, what is wrong and what is expected
 * ({@link ContractValidationException#problems()}). Unknown ODCS fields are ignored, never an error. Checks here
 * are about the document alone; checks against the live port belong to registration.
 */
public final class ContractParser {

    /** Documents larger than this are refused before parsing. */
    public static final int MAX_DOCUMENT_CHARS = 1 << 20;

    private ContractParser() {
    }

    /** @throws ContractValidationException with every problem found */
    public static OutputPortContract parse(String document) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** @throws ContractValidationException with every problem found */
    public static OutputPortContract parse(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read contract " + file, e);
        }
    }
}
