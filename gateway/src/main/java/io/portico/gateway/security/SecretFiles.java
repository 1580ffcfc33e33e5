package io.portico.gateway.security;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files that hold secrets the gateway keeps for itself (the demo issuer's private key, the demo's deployment
 * secret): readable and writable by the owner only ({@code rw-------}) from the moment they exist, written whole or
 * not at all, and tightened when found readable by others (a file left by an older version, or copied carelessly).
 * On a file system without POSIX permissions the platform's defaults stay.
 */
public final class SecretFiles {

    private static final Logger LOG = LoggerFactory.getLogger(SecretFiles.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private SecretFiles() {
    }

    /**
     * Creates {@code file} holding {@code content}, owner-only: written to a temporary owner-only file beside it,
     * then moved into place, so no other user can read it at any moment and a crash leaves no half-written secret.
     *
     * @return false when the file already existed (another process created it first); it is left as it is
     */
    public static boolean create(Path file, String content) throws IOException {
        requireNonNull(file, "file is null");
        requireNonNull(content, "content is null");
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path partial = Files.createTempFile(directory, file.getFileName().toString(), ".partial");
        try {
            ownerOnly(partial);
            Files.writeString(partial, content, UTF_8);
            Files.move(partial, file);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** The text of {@code file}, after taking away any permission of other users on it (with a warning). */
    public static String read(Path file) throws IOException {
        requireNonNull(file, "file is null");
        tighten(file);
        return Files.readString(file, UTF_8);
    }

    private static void tighten(Path file) throws IOException {
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException e) {
            return;
        }
        if (permissions.stream().noneMatch(OTHERS::contains)) {
            return;
        }
        ownerOnly(file);
        LOG.warn("the secret file {} was readable by other users ({}); it is now {} (owner only)", file.toAbsolutePath(),
                PosixFilePermissions.toString(permissions), PosixFilePermissions.toString(OWNER_ONLY));
    }

    private static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: keep its default permissions.
        }
    }
}
