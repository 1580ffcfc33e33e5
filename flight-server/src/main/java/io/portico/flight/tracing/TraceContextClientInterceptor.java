package io.portico.flight.tracing;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapSetter;

/**
 * Sends the trace context of the calling thread with every call of a gRPC (Flight) channel, as the W3C
 * {@code traceparent} and {@code tracestate} headers, so the port called continues the caller's trace. Without a
 * current span (tracing off, or a call outside any request) no header is added.
 */
public final class TraceContextClientInterceptor implements ClientInterceptor {

    private static final TextMapSetter<Metadata> METADATA = (carrier, key, value) ->
            carrier.put(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER), value);

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        Context context = Context.current();
        ClientCall<Q, R> call = next.newCall(method, options);
        if (!Span.fromContext(context).getSpanContext().isValid()) {
            return call;
        }
        return new ForwardingClientCall.SimpleForwardingClientCall<>(call) {
            @Override
            public void start(Listener<R> listener, Metadata headers) {
                W3CTraceContextPropagator.getInstance().inject(context, headers, METADATA);
                super.start(listener, headers);
            }
        };
    }
}
