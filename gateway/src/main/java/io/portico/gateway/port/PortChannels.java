package io.portico.gateway.port;

import static java.util.Objects.requireNonNull;

import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.portico.flight.tracing.TraceContextClientInterceptor;
import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.LocationSchemes;
import org.apache.arrow.flight.grpc.NettyClientBuilder;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Opens the gRPC channels the gateway talks to ports on: every call on a channel presents the port credential of
 * one domain ({@code authorization: Bearer <credential>}, attached by the channel itself so no RPC goes without
 * it), and a {@code grpc+tls://} channel trusts {@code portico.ports.tls.trusted-certificates} (else the JVM's
 * trust store). A channel is opened for one domain only: the gateway presents a domain's credential only to the
 * endpoints of that domain's contracts. Every call also carries the caller's trace context (W3C {@code traceparent})
 * when there is one.
 */
public final class PortChannels {

    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final Set<String> SCHEMES = Set.of(LocationSchemes.GRPC, LocationSchemes.GRPC_INSECURE,
            LocationSchemes.GRPC_TLS);

    /** The caller's W3C trace context on every call, so the port continues the request's trace. */
    private static final ClientInterceptor TRACE_CONTEXT = new TraceContextClientInterceptor();

    private final PortCredentials credentials;
    private final byte[] trustedCertificates;

    /**
     * @param credentials         the credential of each domain
     * @param trustedCertificates PEM of the certificates trusted for {@code grpc+tls://} ports, or null for the
     *                            JVM's trust store
     */
    public PortChannels(PortCredentials credentials, byte[] trustedCertificates) {
        this.credentials = requireNonNull(credentials, "credentials is null");
        this.trustedCertificates = trustedCertificates == null ? null : trustedCertificates.clone();
    }

    /**
     * Channels whose TLS trust is read from a PEM file.
     *
     * @param trustedCertificates the PEM file, or null for the JVM's trust store
     */
    public static PortChannels of(PortCredentials credentials, Path trustedCertificates) {
        if (trustedCertificates == null) {
            return new PortChannels(credentials, null);
        }
        try {
            return new PortChannels(credentials, Files.readAllBytes(trustedCertificates));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read portico.ports.tls.trusted-certificates " + trustedCertificates
                    + ": " + e.getMessage(), e);
        }
    }

    /** The credentials presented. */
    public PortCredentials credentials() {
        return credentials;
    }

    /**
     * A channel to the port at {@code location}, presenting {@code domain}'s credential on every call.
     *
     * @param allocator the allocator of the client using it (TLS buffers come from Netty, not from Arrow)
     * @throws PorticoException {@code INVALID_CONTRACT} when the location is not a TCP Flight location
     */
    public ManagedChannel open(URI location, String domain, BufferAllocator allocator) {
        return open(location, domain, allocator, Integer.MAX_VALUE);
    }

    /**
     * {@link #open(URI, String, BufferAllocator)} accepting messages (and their headers) of at most
     * {@code maxInboundBytes}: for a call to an endpoint not known yet, which could answer anything.
     */
    public ManagedChannel open(URI location, String domain, BufferAllocator allocator, int maxInboundBytes) {
        requireNonNull(location, "location is null");
        requireNonNull(domain, "domain is null");
        String scheme = location.getScheme() == null ? "" : location.getScheme().toLowerCase(Locale.ROOT);
        if (!SCHEMES.contains(scheme)) {
            throw new PorticoException(ErrorCode.INVALID_CONTRACT, "the Flight SQL URL " + location + " is not a TCP"
                    + " Flight location; use grpc+tcp://host:port or grpc+tls://host:port");
        }
        try {
            NettyClientBuilder builder = new NettyClientBuilder(allocator, new Location(location))
                    .maxInboundMessageSize(maxInboundBytes);
            if (trustedCertificates != null && LocationSchemes.GRPC_TLS.equals(scheme)) {
                builder.trustedCertificates(new ByteArrayInputStream(trustedCertificates));
            }
            return builder.build().intercept(presenting(credentials.credentialOf(domain)), TRACE_CONTEXT).build();
        } catch (RuntimeException e) {
            throw new PorticoException(ErrorCode.INVALID_CONTRACT, "the Flight SQL URL " + location
                    + " is not usable (" + e.getMessage() + "); use grpc+tcp://host:port or grpc+tls://host:port", e);
        }
    }

    private static ClientInterceptor presenting(String credential) {
        Metadata headers = new Metadata();
        headers.put(AUTHORIZATION, "Bearer " + credential);
        return MetadataUtils.newAttachHeadersInterceptor(headers);
    }
}
