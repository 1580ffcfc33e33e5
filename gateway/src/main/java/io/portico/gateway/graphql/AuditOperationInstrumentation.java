package io.portico.gateway.graphql;

import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationValidationParameters;
import graphql.language.AstPrinter;
import graphql.language.AstSignature;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.validation.ValidationError;
import io.portico.gateway.policy.RequestPolicy;
import io.portico.policies.audit.AuditOperation;
import java.util.List;
import java.util.Optional;

/**
 * Names the operation of a request for its audit event from the document graphql-java has just parsed, so the
 * request is not parsed a second time: the operation's name (the request's {@code operationName}, else that of the
 * document's only operation) and the SHA-256 of its signature (graphql-java's {@link AstSignature}: literals out,
 * names sorted, so equal queries hash alike and no value is recorded). A document that does not parse never gets
 * here; {@link PolicyGraphQlInterceptor} then hashes its text. A request answered with a document kept by the
 * gateway's document cache ({@code io.portico.gateway.graphql.DocumentCache}) is not validated again: the cache
 * keeps {@link #operation} of the document with it, computed once, and records it for each such request.
 */
public final class AuditOperationInstrumentation extends SimplePerformantInstrumentation {

    @Override
    public InstrumentationContext<List<ValidationError>> beginValidation(InstrumentationValidationParameters parameters,
            InstrumentationState state) {
        RequestPolicy policy = parameters.getExecutionInput().getGraphQLContext().get(RequestPolicy.CONTEXT_KEY);
        if (policy != null) {
            operation(parameters.getDocument(), parameters.getExecutionInput().getOperationName())
                    .ifPresent(policy::recordOperation);
        }
        return null;
    }

    /** The audit name and hash of a parsed document's operation; empty when the named operation is not in it. */
    public static Optional<AuditOperation> operation(Document document, String operationName) {
        String name = operationName;
        if (name == null) {
            List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
            name = operations.size() == 1 ? operations.getFirst().getName() : null;
        }
        Document signature = new AstSignature().signatureQuery(document, name);
        return signature == null ? Optional.empty()
                : Optional.of(AuditOperation.of(name, AstPrinter.printAstCompact(signature)));
    }
}
