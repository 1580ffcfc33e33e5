package io.portico.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.gateway.policy.DeploymentSecret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFilesTest {

    @TempDir
    Path folder;

    @Test
    void aCreatedSecretIsOwnerOnlyAndLeavesNoPartialFile() throws IOException {
        Path file = folder.resolve("nested").resolve("secret");

        assertThat(SecretFiles.create(file, "s3cret")).isTrue();

        assertThat(permissions(file)).isEqualTo("rw-------");
        assertThat(SecretFiles.read(file)).isEqualTo("s3cret");
        try (var entries = Files.list(file.getParent())) {
            assertThat(entries).containsExactly(file);
        }
    }

    @Test
    void anExistingSecretIsNeitherOverwrittenNorReplaced() throws IOException {
        Path file = folder.resolve("secret");
        SecretFiles.create(file, "first");

        assertThat(SecretFiles.create(file, "second")).isFalse();

        assertThat(SecretFiles.read(file)).isEqualTo("first");
    }

    /** The finding: the demo's deployment secret was world-readable while the token key beside it was 0600. */
    @Test
    void theDemoDeploymentSecretIsOwnerOnlyLikeTheTokenKey() throws IOException {
        DeploymentSecret created = DeploymentSecret.resolve(null, folder);

        assertThat(permissions(folder.resolve("deployment-secret"))).isEqualTo("rw-------");
        assertThat(DeploymentSecret.resolve(null, folder)).as("kept across restarts").isEqualTo(created);
        DemoTokenIssuer issuer = DemoTokenIssuer.openOrCreate(folder, java.time.Clock.systemUTC());
        assertThat(permissions(issuer.keyFile())).isEqualTo("rw-------");
    }

    @Test
    void aSecretLeftReadableByOthersIsTightenedWhenRead() throws IOException {
        Path file = folder.resolve("deployment-secret");
        Files.writeString(file, DeploymentSecret.random().toString());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        SecretFiles.read(file);

        assertThat(permissions(file)).isEqualTo("rw-------");
    }

    private static String permissions(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }
}
