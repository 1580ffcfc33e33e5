package io.portico.schema.contract;

import static java.util.Objects.requireNonNull;

import io.portico.schema.yaml.YamlTreeReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads ODCS v3.1 contract documents (YAML or JSON; JSON is YAML) into {@link OutputPortContract}s.
 *
 * <p>Reports every problem it finds, each with its path in the document, what is wrong and what is expected
 * ({@link ContractValidationException#problems()}). Unknown ODCS fields are ignored, never an error. Checks here
 * are about the document alone; checks against the live port belong to registration.
 *
 * <p>What it checks:
 * <ul>
 *   <li>the document: at most {@link #MAX_DOCUMENT_CHARS} characters (refused before parsing), well-formed YAML or
 *       JSON (line and column of a syntax error), one document, a mapping at the root, no duplicate keys, no YAML
 *       aliases (refused, never expanded, so alias bombs cannot blow up);</li>
 *   <li>required fields {@code apiVersion} (v3.x.y), {@code kind} ({@code DataContract}), {@code id},
 *       {@code version} (semantic: MAJOR.MINOR.PATCH with optional pre-release), {@code status}, {@code domain},
 *       {@code dataProduct} and {@code schema} (at least one dataset, each with a name and at least one property);</li>
 *   <li>types of every field read (string, list, mapping, boolean, integer); {@code logicalType} in the ODCS enum;</li>
 *   <li>dataset names unique in the contract, field names unique in a dataset; primary-key positions 1..N, each
 *       once (a single key field may omit it);</li>
 *   <li>relationships: {@code dataset.field} references, no {@code from} at property level, as many {@code to} as
 *       {@code from} at schema level, {@code from} fields of the declaring dataset, one target dataset, type
 *       {@code foreignKey}, known cardinality; a target in the contract's own domain (no {@code targetDomain}
 *       custom property, or the own domain) must be a dataset and fields of this contract;</li>
 *   <li>a {@code type: custom} server has a {@code flightSqlUrl} that is a {@code grpc}, {@code grpc+tcp} or
 *       {@code grpc+tls} URI with host and port.</li>
 * </ul>
 *
 * <p>Defaults: {@code physicalName} is the {@code name}; {@code description} is a string or the ODCS object's
 * {@code purpose} (else {@code usage}); {@code customProperties} become a map of text values; a contract without
 * a custom Flight server parses and simply has no {@link OutputPortContract#flightServer()}.
 */
public final class ContractParser {

    /** Documents larger than this are refused before parsing. */
    public static final int MAX_DOCUMENT_CHARS = 1 << 20;

    /** A file this large cannot hold a document within {@link #MAX_DOCUMENT_CHARS} (at most 4 UTF-8 bytes a char). */
    private static final long MAX_DOCUMENT_BYTES = 4L * MAX_DOCUMENT_CHARS;

    private ContractParser() {
    }

    /** @throws ContractValidationException with every problem found */
    public static OutputPortContract parse(String document) {
        requireNonNull(document, "document is null");
        if (document.length() > MAX_DOCUMENT_CHARS) {
            throw new ContractValidationException(List.of(new ContractProblem("$",
                    "the document has " + document.length() + " characters, more than the limit of " + MAX_DOCUMENT_CHARS,
                    "a contract of at most " + MAX_DOCUMENT_CHARS + " characters")));
        }
        YamlTreeReader.Result read = YamlTreeReader.read(document, "contract",
                "a mapping with apiVersion, kind, id, version, status, domain, dataProduct and schema");
        List<ContractProblem> problems = read.problems().stream()
                .map(problem -> new ContractProblem(problem.path(), problem.problem(), problem.expected()))
                .toList();
        if (read.tree() == null) {
            throw new ContractValidationException(problems);
        }
        return new ContractMapper().map(read.tree(), problems);
    }

    /** @throws ContractValidationException with every problem found */
    public static OutputPortContract parse(Path file) {
        try {
            if (Files.size(file) > MAX_DOCUMENT_BYTES) {
                throw new ContractValidationException(List.of(new ContractProblem("$",
                        "the file " + file + " has " + Files.size(file) + " bytes, more than any contract of at most "
                                + MAX_DOCUMENT_CHARS + " characters",
                        "a contract of at most " + MAX_DOCUMENT_CHARS + " characters")));
            }
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read contract " + file, e);
        }
    }
}
