package io.portico.gateway.testing;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed TLS certificate for {@code localhost} and {@code 127.0.0.1}, made at test time by the JDK's
 * {@code keytool} (no test dependency, no certificate checked into the repository), written as PEM files: the
 * certificate (what a port presents and the gateway trusts) and its private key (PKCS#8, unencrypted).
 *
 * @param certificate the certificate, PEM
 * @param privateKey  its private key, PEM
 */
public record TestCertificate(Path certificate, Path privateKey) {

    private static final String ALIAS = "port";
    private static final char[] PASSWORD = "changeit".toCharArray();

    /** Makes a fresh key pair and certificate in {@code directory}. */
    public static TestCertificate create(Path directory) throws Exception {
        Path keyStore = directory.resolve("port.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", ALIAS,
                "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2",
                "-keystore", keyStore.toString(), "-storetype", "PKCS12",
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD), "-noprompt"))
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), US_ASCII);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream input = Files.newInputStream(keyStore)) {
            store.load(input, PASSWORD);
        }
        Certificate certificate = store.getCertificate(ALIAS);
        Key key = store.getKey(ALIAS, PASSWORD);
        if (!(key instanceof PrivateKey privateKey)) {
            throw new IllegalStateException("keytool wrote no private key");
        }
        Path certificateFile = Files.writeString(directory.resolve("port.pem"), pem("CERTIFICATE",
                certificate.getEncoded()));
        Path keyFile = Files.writeString(directory.resolve("port-key.pem"), pem("PRIVATE KEY", privateKey.getEncoded()));
        return new TestCertificate(certificateFile, keyFile);
    }

    private static String pem(String type, byte[] der) {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n";
    }
}
