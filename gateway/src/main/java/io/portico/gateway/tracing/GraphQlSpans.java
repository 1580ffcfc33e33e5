package io.portico.gateway.tracing;

import static java.util.Objects.requireNonNull;

import graphql.ExecutionResult;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationValidationParameters;
import graphql.execution.ExecutionContext;
import graphql.language.Document;
import graphql.validation.ValidationError;
import io.opentelemetry.api.trace.Span;
import java.util.List;

/**
 * The spans of a GraphQL request's phases, under the request's span: {@code graphql parse}, {@code graphql validate}
 * (with the number of errors) and {@code graphql execute} (with the operation's name; the port calls of its fields
 * run beside it, under the request's span). Off, it adds nothing to a request: graphql-java skips a
 * no-op context.
 */
public final class GraphQlSpans extends SimplePerformantInstrumentation {

    private final GatewayTracing tracing;

    public GraphQlSpans(GatewayTracing tracing) {
        this.tracing = requireNonNull(tracing, "tracing is null");
    }

    @Override
    public InstrumentationContext<Document> beginParse(InstrumentationExecutionParameters parameters,
            InstrumentationState state) {
        if (!tracing.enabled()) {
            return null;
        }
        Span span = tracing.start("graphql parse");
        return SimpleInstrumentationContext.whenCompleted((document, failure) -> ended(span, failure));
    }

    @Override
    public InstrumentationContext<List<ValidationError>> beginValidation(InstrumentationValidationParameters parameters,
            InstrumentationState state) {
        if (!tracing.enabled()) {
            return null;
        }
        Span span = tracing.start("graphql validate");
        return SimpleInstrumentationContext.whenCompleted((errors, failure) -> {
            if (errors != null) {
                span.setAttribute("portico.graphql.validation.errors", errors.size());
            }
            ended(span, failure);
        });
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(
            InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
        if (!tracing.enabled()) {
            return null;
        }
        Span span = tracing.start("graphql execute");
        ExecutionContext execution = parameters.getExecutionContext();
        String name = execution.getOperationDefinition().getName();
        span.setAttribute("graphql.operation.name", name == null ? "" : name);
        span.setAttribute("graphql.operation.type", execution.getOperationDefinition().getOperation().name());
        return SimpleInstrumentationContext.whenCompleted((result, failure) -> {
            if (result != null) {
                span.setAttribute("portico.graphql.errors", result.getErrors().size());
            }
            ended(span, failure);
        });
    }

    private static void ended(Span span, Throwable failure) {
        if (failure != null) {
            GatewayTracing.failed(span, failure);
        }
        span.end();
    }
}
