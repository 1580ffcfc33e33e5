package io.portico.flight.cli;

import io.portico.flight.registration.GatewayClient;
import io.portico.flight.registration.PortSelfRegistration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Parameters;

/** {@code port check FILE} and {@code port publish FILE}: posts the contract file (or standard input) as it is. */
abstract class ContractCommand extends RegistrationCommand {

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "the contract, ODCS YAML or JSON (a name ending"
            + " in .json is sent as JSON); - reads standard input")
    String file;

    ContractCommand(CliContext context) {
        super(context);
    }

    /** The path on the gateway the contract is posted to. */
    abstract String path();

    @Override
    void checkArguments() {
        if (file == null) {
            spec.commandLine().usage(err());
            throw new CommandFailure(CommandFailure.NOT_ASKED, name() + ": which contract? give its file");
        }
        if (!file.equals("-") && !Files.isRegularFile(Path.of(file))) {
            throw new CommandFailure(CommandFailure.NOT_ASKED, name() + ": no contract file '" + file + "'");
        }
    }

    @Override
    GatewayClient.Reply send(GatewayClient client) throws IOException, InterruptedException {
        byte[] contract;
        try {
            contract = file.equals("-") ? context.stdin().readAllBytes() : Files.readAllBytes(Path.of(file));
        } catch (IOException | UncheckedIOException e) {
            throw new CommandFailure(CommandFailure.NOT_ASKED, name() + ": cannot read '" + file + "': "
                    + e.getMessage());
        }
        String contentType = file.endsWith(".json") ? "application/json" : "application/yaml";
        return client.post(path(), contentType, contract, "application/json");
    }

    @picocli.CommandLine.Command(name = "check", sortOptions = false,
            description = "Validate a contract against its port and the gateway's registry (the change check"
                    + " included: who read a changed field lately), nothing stored (POST /api/ports/check).",
            footer = {"", "Exit code: 0 the gateway accepted, 1 it refused (the answer says why, each problem at its"
                    + " contract path), 2 it could not be asked.",
                    "Example: ./portico port check my-port.odcs.yaml && ./portico port publish my-port.odcs.yaml"})
    static final class Check extends ContractCommand {

        Check(CliContext context) {
            super(context);
        }

        @Override
        String path() {
            return PortSelfRegistration.PORTS_PATH + "/check";
        }
    }

    @picocli.CommandLine.Command(name = "publish", sortOptions = false,
            description = "Publish a contract through the gateway's registry, as a new version of its port"
                    + " (POST /api/ports).",
            footer = {"", "Exit code: 0 the gateway accepted (published or unchanged), 1 it refused (the answer says"
                    + " why), 2 it could not be asked. See docs/publishing.md."})
    static final class Publish extends ContractCommand {

        Publish(CliContext context) {
            super(context);
        }

        @Override
        String path() {
            return PortSelfRegistration.PORTS_PATH;
        }
    }
}
