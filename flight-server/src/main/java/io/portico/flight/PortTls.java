package io.portico.flight;

import static java.util.Objects.requireNonNull;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The TLS identity of an output port: it then listens for {@code grpc+tls://} only. The gateway trusts it through
 * {@code portico.ports.tls.trusted-certificates} (or the JVM's trust store).
 *
 * @param certificateChain PEM file of the port's certificate (and its chain), whose names include the host the
 *                         gateway connects to
 * @param privateKey       PEM file of its private key (PKCS#8, unencrypted)
 */
public record PortTls(Path certificateChain, Path privateKey) {

    public PortTls {
        requireNonNull(certificateChain, "certificateChain is null");
        requireNonNull(privateKey, "privateKey is null");
        if (!Files.isReadable(certificateChain)) {
            throw new IllegalArgumentException("cannot read the TLS certificate chain " + certificateChain);
        }
        if (!Files.isReadable(privateKey)) {
            throw new IllegalArgumentException("cannot read the TLS private key " + privateKey);
        }
    }
}
