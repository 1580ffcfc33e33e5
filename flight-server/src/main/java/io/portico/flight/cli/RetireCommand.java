package io.portico.flight.cli;

import io.portico.flight.registration.GatewayClient;
import io.portico.flight.registration.PortSelfRegistration;
import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code port retire ID [--major N]}: {@code DELETE /api/ports/ID[?major=N]}. */
@Command(name = "retire", sortOptions = false,
        description = "Retire every active version of a port (DELETE /api/ports/ID), or with --major N only its"
                + " major version N (the other majors keep being served).",
        footer = {"", "Exit code: 0 the gateway retired it, 1 it refused (e.g. NOT_FOUND), 2 it could not be asked."})
final class RetireCommand extends RegistrationCommand {

    @Parameters(arity = "0..1", paramLabel = "ID", description = "the port's id (its contract's id)")
    String id;

    @Option(names = "--major", paramLabel = "N", description = "retire only major version N of the port, e.g. 1 once"
            + " consumers moved to 2.x")
    Integer major;

    RetireCommand(CliContext context) {
        super(context);
    }

    @Override
    void checkArguments() {
        if (id == null) {
            spec.commandLine().usage(err());
            throw new CommandFailure(CommandFailure.NOT_ASKED, name() + ": which port? give its id");
        }
        if (major != null && major < 0) {
            throw new CommandFailure(CommandFailure.NOT_ASKED, name() + ": --major needs a major version number,"
                    + " e.g. 1");
        }
    }

    @Override
    GatewayClient.Reply send(GatewayClient client) throws IOException, InterruptedException {
        String path = PortSelfRegistration.PORTS_PATH + "/" + GatewayClient.segment(id)
                + (major == null ? "" : "?major=" + major);
        return client.delete(path, "application/json");
    }
}
