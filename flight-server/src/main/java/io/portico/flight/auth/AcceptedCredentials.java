package io.portico.flight.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The credentials an output port accepts: the port credential of its domain, and during a rotation the next one
 * beside it. The gateway presents one of them on every call ({@code authorization: Bearer <credential>}); anything
 * else is refused ({@link PortCredentialAuthenticator}).
 *
 * <p>A credential is at least {@value #MINIMUM_LENGTH} printable ASCII characters without spaces (what fits a
 * header value: a base64 or base64url text, e.g. the gateway's derived credentials or {@code openssl rand -base64
 * 32}). {@link #accepts} compares in constant time with every accepted credential, whichever matches. The values
 * never appear in {@link #toString()}.
 */
public final class AcceptedCredentials {

    /** The shortest credential accepted. */
    public static final int MINIMUM_LENGTH = 16;

    private final List<byte[]> credentials;

    private AcceptedCredentials(List<byte[]> credentials) {
        this.credentials = List.copyOf(credentials);
    }

    /**
     * The given credentials (duplicates count once).
     *
     * @throws IllegalArgumentException when one is too short or holds characters a header value cannot
     */
    public static AcceptedCredentials of(Collection<String> credentials) {
        requireNonNull(credentials, "credentials is null");
        Set<String> distinct = new LinkedHashSet<>();
        for (String credential : credentials) {
            distinct.add(validated(credential));
        }
        List<byte[]> bytes = new ArrayList<>(distinct.size());
        distinct.forEach(credential -> bytes.add(credential.getBytes(StandardCharsets.US_ASCII)));
        return new AcceptedCredentials(bytes);
    }

    public static AcceptedCredentials of(String... credentials) {
        return of(List.of(credentials));
    }

    /**
     * The credentials in a text: separated by line breaks, spaces or commas; lines starting with {@code #} are
     * comments (as in a credential file or the environment variable of {@code flight-port}).
     *
     * @param source what the text is, for the error message (e.g. the file name); never the text itself
     */
    public static AcceptedCredentials parse(String text, String source) {
        requireNonNull(text, "text is null");
        List<String> credentials = new ArrayList<>();
        for (String line : text.split("\\R")) {
            String stripped = line.strip();
            if (stripped.isEmpty() || stripped.startsWith("#")) {
                continue;
            }
            for (String credential : stripped.split("[\\s,]+")) {
                if (!credential.isEmpty()) {
                    credentials.add(credential);
                }
            }
        }
        try {
            return of(credentials);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    /** The credentials in a file (see {@link #parse}). */
    public static AcceptedCredentials read(Path file) {
        try {
            return parse(Files.readString(file, UTF_8), "credential file " + file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the credential file " + file + ": " + e.getMessage(), e);
        }
    }

    /** These and {@code other}'s credentials. */
    public AcceptedCredentials and(AcceptedCredentials other) {
        List<byte[]> all = new ArrayList<>(credentials);
        for (byte[] candidate : other.credentials) {
            if (all.stream().noneMatch(kept -> Arrays.equals(kept, candidate))) {
                all.add(candidate);
            }
        }
        return new AcceptedCredentials(all);
    }

    public boolean isEmpty() {
        return credentials.isEmpty();
    }

    public int size() {
        return credentials.size();
    }

    /** Whether {@code presented} is one of the credentials; compares with all of them, in constant time. */
    public boolean accepts(String presented) {
        return presented != null && accepts(presented, 0);
    }

    /**
     * Whether the part of {@code text} from {@code offset} is one of the credentials (e.g. an {@code authorization}
     * header's value after {@code Bearer }), without copying it. Every credential is compared, each over its whole
     * length, so the time taken does not tell which one matched or how much of it did.
     */
    boolean accepts(String text, int offset) {
        boolean matched = false;
        for (byte[] credential : credentials) {
            matched |= equalInConstantTime(text, offset, credential);
        }
        return matched;
    }

    private static boolean equalInConstantTime(String text, int offset, byte[] credential) {
        int presentedLength = text.length() - offset;
        int difference = presentedLength ^ credential.length;
        for (int index = 0; index < credential.length; index++) {
            int presented = index < presentedLength ? text.charAt(offset + index) : 0;
            difference |= presented ^ credential[index];
        }
        return difference == 0;
    }

    private static String validated(String credential) {
        requireNonNull(credential, "a credential is null");
        if (credential.length() < MINIMUM_LENGTH) {
            throw new IllegalArgumentException("a port credential must have at least " + MINIMUM_LENGTH
                    + " characters, one has " + credential.length());
        }
        for (int index = 0; index < credential.length(); index++) {
            char character = credential.charAt(index);
            if (character < 0x21 || character > 0x7e) {
                throw new IllegalArgumentException("a port credential may hold printable ASCII characters only,"
                        + " without spaces (e.g. base64); one has another at position " + index);
            }
        }
        return credential;
    }

    /** Equal when both accept exactly the same credentials, in any order. */
    @Override
    public boolean equals(Object other) {
        if (!(other instanceof AcceptedCredentials that) || that.credentials.size() != credentials.size()) {
            return false;
        }
        return credentials.stream().allMatch(mine -> that.credentials.stream()
                .anyMatch(theirs -> Arrays.equals(mine, theirs)));
    }

    @Override
    public int hashCode() {
        return credentials.stream().mapToInt(java.util.Arrays::hashCode).sum();
    }

    @Override
    public String toString() {
        return "AcceptedCredentials[" + credentials.size() + "]";
    }
}
