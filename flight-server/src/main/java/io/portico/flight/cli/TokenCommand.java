package io.portico.flight.cli;

import io.portico.flight.registration.GatewayClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code token}: asks the running demo gateway's demo issuer ({@code POST /demo/token}) for a token and prints only
 * the token. Exit code 0, or 1 with the reason (a wrong command line, no gateway, no demo issuer, a refusal).
 */
@Command(name = "token", sortOptions = false,
        description = "Ask the running demo gateway (./portico demo) for a token of its demo issuer and print only the"
                + " token.",
        footer = {"", "Example: curl -H \"Authorization: Bearer $(./portico token --domain sales)\""
                + " http://localhost:8080/api/whoami"})
final class TokenCommand extends GatewayCommand {

    static final String PATH = "/demo/token";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Option(names = "--role", paramLabel = "R", description = "a role (repeatable); the demo's policies know steward"
            + " (sees everything), analyst (restricted fields withheld, confidential masked), support (like analyst,"
            + " plus only the customers of its region: add --claim region=EMEA, AMER or APAC) and platform (sees"
            + " /actuator/health's details)")
    List<String> roles = new ArrayList<>();

    @Option(names = "--group", paramLabel = "G", description = "a group (repeatable)")
    List<String> groups = new ArrayList<>();

    @Option(names = "--domain", paramLabel = "D", description = "a domain whose ports the token may publish"
            + " (repeatable)")
    List<String> domains = new ArrayList<>();

    @Option(names = "--claim", paramLabel = "name=value", description = "another claim, an attribute of the subject,"
            + " e.g. region=EU (repeatable)")
    List<String> claims = new ArrayList<>();

    @Option(names = "--subject", paramLabel = "ID", description = "the subject's id (default demo-user)")
    String subject;

    @Option(names = "--lifetime", paramLabel = "T", description = "how long the token is valid: 8h (default), 30m,"
            + " 2d; at most the gateway's portico.security.max-token-lifetime (24h by default)")
    String lifetime;

    TokenCommand(CliContext context) {
        super(context);
    }

    @Override
    public int usageErrorExitCode() {
        return CommandFailure.REFUSED;
    }

    @Override
    public Integer call() {
        GatewayClient client = client(null, TIMEOUT);
        byte[] body = body();
        GatewayClient.Reply reply;
        try {
            reply = client.post(PATH, "application/json", body, "text/plain");
        } catch (IOException e) {
            throw new CommandFailure(CommandFailure.REFUSED, name() + ": no gateway answers at " + client.base()
                    + " (" + reason(e) + ").\nStart the demo first (./portico demo), or point --url at the demo"
                    + " gateway.");
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
        if (reply.status() == 200) {
            out().println(reply.body().strip());
            return 0;
        }
        if (reply.status() == 404) {
            throw new CommandFailure(CommandFailure.REFUSED, name() + ": the gateway at " + client.base() + " has no"
                    + " demo issuer (POST /demo/token answered 404).\nIt mints tokens only in the demo (./portico demo,"
                    + " or portico.demo.enabled=true); elsewhere get a token from your identity provider.");
        }
        throw new CommandFailure(CommandFailure.REFUSED, name() + ": the gateway at " + client.base() + " refused the"
                + " request (HTTP " + reply.status() + "): " + GatewayMessages.reason(reply.body()));
    }

    /** {@code {"roles": [...], "groups": [...], "domains": [...], "claims": {...}, "subject"?, "lifetime"?}}. */
    private byte[] body() {
        ObjectNode request = CliJson.MAPPER.createObjectNode();
        roles.forEach(request.putArray("roles")::add);
        groups.forEach(request.putArray("groups")::add);
        domains.forEach(request.putArray("domains")::add);
        ObjectNode claimValues = request.putObject("claims");
        for (String claim : claims) {
            int equals = claim.indexOf('=');
            if (equals < 1) {
                throw new CommandFailure(CommandFailure.REFUSED, name() + ": --claim takes name=value, got '" + claim
                        + "'");
            }
            claimValues.put(claim.substring(0, equals), claim.substring(equals + 1));
        }
        if (subject != null && !subject.isEmpty()) {
            request.put("subject", subject);
        }
        if (lifetime != null && !lifetime.isEmpty()) {
            request.put("lifetime", lifetime);
        }
        return CliJson.MAPPER.writeValueAsString(request).getBytes(StandardCharsets.UTF_8);
    }
}
