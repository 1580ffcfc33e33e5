package io.portico.gateway.graphql;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import graphql.ExecutionInput;
import graphql.ParseAndValidate;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import graphql.schema.GraphQLSchema;
import io.portico.gateway.policy.RequestPolicy;
import io.portico.policies.audit.AuditOperation;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * GraphQL documents parsed and validated once per distinct input, then reused: graphql-java's
 * {@link PreparsedDocumentProvider}, which DGS hands to every {@code GraphQL} it builds, the reloaded ones included.
 *
 * <p><b>Key.</b> The schema the request executes against, the request's operation name and the document text, all
 * three exactly. The schema is the very {@link GraphQLSchema} object graphql-java runs the request on, which
 * {@link #instrumentation()} puts into the request's context (the provider itself is not told): a document
 * validated against one schema is never served to a request on another, so after a schema reload (a port
 * published, changed or retired) every document is parsed and validated again, and a request still running on the
 * previous schema never fills the cache for the new one. Each schema gets a generation number when first seen
 * (schemas are held weakly), and the documents of the schemas seen before it are then dropped. The operation name
 * is part of the key because the limits measure the named operation only ({@code DocumentShape}).
 *
 * <p><b>What a hit skips, and why that is safe.</b> graphql-java parses and validates a document only when the
 * provider asks it to; on a hit it runs neither, nor the instrumentation of those steps. What those steps decide
 * depends on nothing but the key: the parser's limits and the document's shape (depth, aliases, fields, fragment
 * cycles; {@code QueryLimitsInstrumentation}) are the same for every request, and validation depends on the
 * document and the schema only. Everything that depends on the request still runs on every request, hit or miss:
 * variables are coerced, the largest {@code first} and the cost are measured on the normalized operation with the
 * request's variables, the request deadline, the subject's policies. A document is kept only when it parsed,
 * passed the shape limits and validated; a refused one is never kept, so each request that sends it is refused by
 * its own parse and validation, with exactly the error it always got. A request carrying graphql-java's
 * validation-rule hint ({@code ParseAndValidate.INTERNAL_VALIDATION_PREDICATE_HINT}) is never served from the
 * cache nor fills it.
 *
 * <p><b>The audit name.</b> The audit event names a request's operation by a name and a hash of its signature
 * ({@link AuditOperationInstrumentation}), computed from the parsed document at validation. A request answered
 * from the cache is not validated, so the cache keeps that name and hash with the document (the ones computed for
 * the request that parsed it) and records them into the request's {@link RequestPolicy}.
 *
 * <p><b>Bounds.</b> At most {@code maxDocuments} documents and {@code maxCharacters} characters of document text
 * (and operation names): each document weighs its length, and at least {@code maxCharacters / maxDocuments}, so
 * one weight bound holds both. A document longer than {@value #LONGEST_CACHED_DOCUMENT} characters is parsed every
 * time. Which document goes is Caffeine's choice (recent and frequent ones stay).
 *
 * <p><b>Concurrency.</b> One parse and validation per key: the first request computes on its own thread and the
 * requests arriving meanwhile with the same key wait for it. When the first one's document is refused, each waiting
 * request parses and validates the document itself, so it gets its own refusal. No lock is held while a document
 * is parsed.
 */
public final class DocumentCache implements PreparsedDocumentProvider {

    /** Documents longer than this many characters are parsed and validated every time. */
    public static final int LONGEST_CACHED_DOCUMENT = 64 << 10;

    /** The GraphQL context key of the schema a request executes against (see {@link #instrumentation()}). */
    static final String SCHEMA_KEY = DocumentCache.class.getName() + ".schema";

    private final AsyncCache<DocumentKey, CachedDocument> documents;
    private final Cache<GraphQLSchema, Long> generations = Caffeine.newBuilder().weakKeys().build();
    private final AtomicLong newestGeneration = new AtomicLong();
    private final Instrumentation instrumentation = new SchemaInContext();
    private final int longestCached;

    /**
     * @param maxDocuments  the most documents kept; 0 keeps none (every request is parsed and validated)
     * @param maxCharacters the most characters of document text kept in all
     */
    public DocumentCache(int maxDocuments, long maxCharacters) {
        this(maxDocuments, maxCharacters, ForkJoinPool.commonPool());
    }

    /** @param maintenance where Caffeine evicts ({@code Runnable::run} in tests, for determinism) */
    DocumentCache(int maxDocuments, long maxCharacters, Executor maintenance) {
        if (maxDocuments < 0 || maxCharacters < 0) {
            throw new IllegalArgumentException("maxDocuments and maxCharacters must not be negative, were "
                    + maxDocuments + " and " + maxCharacters);
        }
        if (maxDocuments == 0 || maxCharacters == 0) {
            this.documents = null;
            this.longestCached = 0;
            return;
        }
        int lightest = (int) Math.min(Integer.MAX_VALUE, Math.ceilDiv(maxCharacters, maxDocuments));
        this.longestCached = (int) Math.min(LONGEST_CACHED_DOCUMENT, maxCharacters);
        this.documents = Caffeine.newBuilder()
                .maximumWeight(maxCharacters)
                .weigher((DocumentKey key, CachedDocument document) -> Math.max(lightest, key.length()))
                .executor(requireNonNull(maintenance, "maintenance is null"))
                .recordStats()
                .buildAsync();
    }

    /**
     * The instrumentation that tells this cache which schema each request executes against; it must be installed
     * in the same {@code GraphQL} (as a bean, DGS chains it). Without it no request is served from the cache.
     */
    public Instrumentation instrumentation() {
        return instrumentation;
    }

    @Override
    public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
            Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
        DocumentKey key = keyOf(input);
        if (key == null) {
            return CompletableFuture.completedFuture(parseAndValidate.apply(input));
        }
        CompletableFuture<CachedDocument> mine = new CompletableFuture<>();
        CompletableFuture<CachedDocument> kept = documents.get(key, (unused, executor) -> mine);
        if (kept == mine) {
            return CompletableFuture.completedFuture(parseValidateAndKeep(input, parseAndValidate, mine));
        }
        CachedDocument document = awaited(kept);
        if (document == null) {
            return CompletableFuture.completedFuture(parseAndValidate.apply(input));
        }
        document.operation().ifPresent(operation -> recordOperation(input, operation));
        return CompletableFuture.completedFuture(document.entry());
    }

    /** Hits, misses and evictions since start (a hit is a request answered with a kept document). */
    public CacheStats stats() {
        return documents == null ? CacheStats.empty() : documents.synchronous().stats();
    }

    /** The documents kept now (an estimate, as Caffeine's). */
    public long size() {
        return documents == null ? 0 : documents.synchronous().estimatedSize();
    }

    /** The underlying cache, for metrics; empty when this cache keeps nothing. */
    public Optional<AsyncCache<?, ?>> cache() {
        return Optional.<AsyncCache<?, ?>>ofNullable(documents);
    }

    private DocumentKey keyOf(ExecutionInput input) {
        if (documents == null) {
            return null;
        }
        String text = input.getQuery();
        if (text == null || text.length() > longestCached) {
            return null;
        }
        if (input.getGraphQLContext().hasKey(ParseAndValidate.INTERNAL_VALIDATION_PREDICATE_HINT)) {
            return null;
        }
        GraphQLSchema schema = input.getGraphQLContext().get(SCHEMA_KEY);
        if (schema == null) {
            return null;
        }
        return new DocumentKey(generationOf(schema), input.getOperationName(), text);
    }

    private long generationOf(GraphQLSchema schema) {
        Long known = generations.getIfPresent(schema);
        if (known != null) {
            return known;
        }
        long generation = generations.get(schema, newSchema -> newestGeneration.incrementAndGet());
        documents.synchronous().asMap().keySet().removeIf(key -> key.generation() < generation);
        return generation;
    }

    /** Parses and validates on this request's thread, then keeps the document when it is valid. */
    private static PreparsedDocumentEntry parseValidateAndKeep(ExecutionInput input,
            Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate, CompletableFuture<CachedDocument> mine) {
        PreparsedDocumentEntry entry;
        try {
            entry = parseAndValidate.apply(input);
        } catch (RuntimeException | Error refused) {
            mine.complete(null);
            throw refused;
        }
        if (entry.hasErrors() || entry.getDocument() == null) {
            mine.complete(null);
            return entry;
        }
        try {
            mine.complete(new CachedDocument(entry, auditOperation(input, entry)));
        } catch (RuntimeException | Error unnamed) {
            mine.complete(null);
        }
        return entry;
    }

    /**
     * The audit name of a document just parsed and validated for {@code input}: the one
     * {@link AuditOperationInstrumentation} recorded into the request's policy at validation, so it is computed
     * once; computed here when the request has no policy.
     */
    private static Optional<AuditOperation> auditOperation(ExecutionInput input, PreparsedDocumentEntry entry) {
        RequestPolicy policy = input.getGraphQLContext().get(RequestPolicy.CONTEXT_KEY);
        Optional<AuditOperation> recorded = policy == null ? Optional.empty() : policy.operation();
        return recorded.isPresent() ? recorded
                : AuditOperationInstrumentation.operation(entry.getDocument(), input.getOperationName());
    }

    private static CachedDocument awaited(CompletableFuture<CachedDocument> kept) {
        try {
            return kept.join();
        } catch (CompletionException | CancellationException failed) {
            return null;
        }
    }

    private static void recordOperation(ExecutionInput input, AuditOperation operation) {
        RequestPolicy policy = input.getGraphQLContext().get(RequestPolicy.CONTEXT_KEY);
        if (policy != null) {
            policy.recordOperation(operation);
        }
    }

    /** What a document is kept under: its schema's generation, the operation name, the text. */
    record DocumentKey(long generation, String operationName, String text) {

        int length() {
            return text.length() + (operationName == null ? 0 : operationName.length());
        }
    }

    /**
     * A parsed and validated document, and its operation as the audit event names it.
     *
     * @param entry     graphql-java's entry: the document, without errors
     * @param operation the audit name and hash of the requested operation; empty when the document has no such
     *                  operation (graphql-java refuses the request when it executes)
     */
    record CachedDocument(PreparsedDocumentEntry entry, Optional<AuditOperation> operation) {
    }

    /** Puts the schema each request executes against into its GraphQL context, where the cache reads it. */
    private static final class SchemaInContext extends SimplePerformantInstrumentation {

        @Override
        public ExecutionInput instrumentExecutionInput(ExecutionInput executionInput,
                InstrumentationExecutionParameters parameters, InstrumentationState state) {
            executionInput.getGraphQLContext().put(SCHEMA_KEY, parameters.getSchema());
            return executionInput;
        }
    }
}
