package io.portico.flight.cli;

import io.portico.flight.registration.GatewayClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code schema}: downloads the gateway's composed GraphQL schema (SDL) from {@code GET /graphql/schema.graphql},
 * to standard output or {@code --out FILE} (written whole or not at all). Exit code 0, 1 when the gateway refused, 2
 * when it could not be asked or the file could not be written.
 */
@Command(name = "schema", sortOptions = false,
        description = "Download the composed GraphQL schema (SDL) of the gateway (GET /graphql/schema.graphql), e.g."
                + " for code generators and schema checks in CI.",
        footer = {"", "Exit code: 0 written, 1 the gateway refused, 2 it could not be asked (or FILE not written).",
                "Example: ./portico schema --out portico.graphql"})
final class SchemaCommand extends GatewayCommand {

    static final String PATH = "/graphql/schema.graphql";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Option(names = "--out", paramLabel = "FILE", description = "write the schema to FILE (replaced whole) instead of"
            + " standard output")
    Path out;

    @Option(names = "--token", paramLabel = "T", description = "a bearer token, when the gateway asks for one"
            + " (default $PORTICO_TOKEN, else none)")
    String token;

    SchemaCommand(CliContext context) {
        super(context);
    }

    @Override
    public Integer call() {
        String bearer = token != null ? token : context.variable("PORTICO_TOKEN");
        GatewayClient client = client(bearer == null || bearer.isBlank() ? null : bearer, TIMEOUT);
        GatewayClient.Reply reply;
        try {
            reply = client.get(PATH, "text/plain, application/graphql, */*;q=0.5");
        } catch (IOException e) {
            throw new CommandFailure(CommandFailure.NOT_ASKED, name() + ": no gateway answers at " + client.base()
                    + " (" + reason(e) + "); start it (./portico demo) or point --url at it");
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
        if (reply.status() != 200) {
            throw new CommandFailure(CommandFailure.REFUSED, name() + ": refused (HTTP " + reply.status() + " for GET "
                    + PATH + "): " + GatewayMessages.reason(reply.body()));
        }
        String sdl = reply.body().endsWith("\n") ? reply.body() : reply.body() + "\n";
        if (out == null) {
            out().print(sdl);
            out().flush();
            return 0;
        }
        write(sdl);
        err().println("portico: " + name() + ": wrote " + out + " (" + sdl.lines().count() + " lines) from "
                + client.base());
        return 0;
    }

    /** Writes beside the file, then moves it in place: a reader never sees half a schema. */
    private void write(String sdl) {
        Path target = out.toAbsolutePath();
        try {
            Path temporary = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".part");
            try {
                Files.writeString(temporary, sdl, StandardCharsets.UTF_8);
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new CommandFailure(CommandFailure.NOT_ASKED, name() + ": cannot write " + out + ": " + e);
        }
    }
}
