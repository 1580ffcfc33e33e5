package io.portico.flight.cli;

import io.portico.flight.registration.GatewayClient;
import io.portico.flight.registration.PortSelfRegistration;
import java.io.IOException;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * {@code port check}, {@code port publish} and {@code port retire}: one call to the gateway's registration API with
 * a publishing token. The answer (JSON) is printed readably on standard output with a one-line summary on standard
 * error; the exit code is 0 when the gateway accepted, 1 when it refused (the answer says why, each problem at its
 * contract path), 2 when it could not be asked.
 */
abstract class RegistrationCommand extends GatewayCommand {

    /** Publishing checks the contract against the port, which may take a while on a slow port. */
    static final Duration TIMEOUT = Duration.ofSeconds(120);

    @Option(names = "--token", paramLabel = "T", description = "a bearer token whose 'domains' claim names the port's"
            + " domain (default $PORTICO_TOKEN; in the demo: export PORTICO_TOKEN=$(./portico token --domain D))")
    String token;

    RegistrationCommand(CliContext context) {
        super(context);
    }

    /** The call itself. */
    abstract GatewayClient.Reply send(GatewayClient client) throws IOException, InterruptedException;

    /** Checks the arguments before the token is looked at (which contract, which port). */
    abstract void checkArguments();

    @Override
    public Integer call() {
        checkArguments();
        String bearer = token != null ? token : context.variable("PORTICO_TOKEN");
        if (bearer == null || bearer.isBlank()) {
            throw new CommandFailure(CommandFailure.NOT_ASKED, name() + ": needs a bearer token whose 'domains' claim"
                    + " names the port's domain: --token T or PORTICO_TOKEN (in the demo: export"
                    + " PORTICO_TOKEN=$(./portico token --domain <domain>))");
        }
        GatewayClient client = client(bearer, TIMEOUT);
        GatewayClient.Reply reply;
        try {
            reply = send(client);
        } catch (IOException e) {
            throw new CommandFailure(CommandFailure.NOT_ASKED, name() + ": no gateway answers at " + client.base()
                    + " (" + reason(e) + "); start it (./portico demo) or point --url at it");
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
        out().print(ReadableJson.of(reply.body()));
        out().flush();
        PortSelfRegistration.Answer answer = PortSelfRegistration.Answer.of(reply.status(), reply.body());
        String message = answer.message().isBlank() ? null : answer.message();
        if (reply.successful()) {
            err().println("portico: " + name() + ": " + answer.outcome() + " (HTTP " + reply.status() + "): "
                    + (message == null ? "accepted" : message));
            return 0;
        }
        err().println("portico: " + name() + ": refused, " + answer.outcome() + " (HTTP " + reply.status() + "): "
                + (message == null ? "see the answer above" : message));
        return CommandFailure.REFUSED;
    }
}
