package io.portico.flight.cli;

import io.portico.flight.registration.GatewayClient;
import io.portico.flight.registration.GatewayCredentials;
import java.io.IOException;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code port credential --domain D [--next]}: prints, alone on its line, the port credential the gateway presents
 * to domain D's ports ({@code GET /api/port-credentials/D}), for the port's {@code --credential-file}.
 */
@Command(name = "credential", sortOptions = false,
        description = "Print the port credential the gateway presents to domain D's ports (GET"
                + " /api/port-credentials/D; a token naming D). Put it in the port's --credential-file.",
        footer = {"", "Exit code: 0 printed, 1 the gateway refused, 2 it could not be asked.",
                "Example: ./portico port credential --domain sales > sales.credential"})
final class CredentialCommand extends GatewayCommand {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Option(names = "--domain", paramLabel = "D", description = "the domain whose ports' credential to print")
    String domain;

    @Option(names = "--next", description = "the next generation's credential (while the credentials rotate)")
    boolean next;

    @Option(names = "--token", paramLabel = "T", description = "a bearer token whose 'domains' claim names D"
            + " (default $PORTICO_TOKEN; in the demo: export PORTICO_TOKEN=$(./portico token --domain D))")
    String token;

    CredentialCommand(CliContext context) {
        super(context);
    }

    @Override
    public Integer call() {
        if (domain == null || domain.isBlank()) {
            throw new CommandFailure(CommandFailure.NOT_ASKED, name() + ": which domain? give --domain D");
        }
        String bearer = token != null ? token : context.variable("PORTICO_TOKEN");
        if (bearer == null || bearer.isBlank()) {
            throw new CommandFailure(CommandFailure.NOT_ASKED, name() + ": needs a bearer token whose 'domains' claim"
                    + " names '" + domain + "': --token T or PORTICO_TOKEN (in the demo: export"
                    + " PORTICO_TOKEN=$(./portico token --domain " + domain + "))");
        }
        GatewayClient client = client(bearer, TIMEOUT);
        GatewayClient.Reply reply;
        try {
            reply = client.get(GatewayCredentials.PATH + GatewayClient.segment(domain) + (next ? "?next=true" : ""),
                    "application/json");
        } catch (IOException e) {
            throw new CommandFailure(CommandFailure.NOT_ASKED, name() + ": no gateway answers at " + client.base()
                    + " (" + reason(e) + "); start it (./portico demo) or point --url at it");
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
        String credential = GatewayMessages.field(reply.body(), "credential");
        if (reply.status() != 200 || credential == null || credential.isEmpty()) {
            throw new CommandFailure(CommandFailure.REFUSED, name() + ": refused (HTTP " + reply.status() + "): "
                    + GatewayMessages.reason(reply.body()));
        }
        out().println(credential);
        return 0;
    }
}
