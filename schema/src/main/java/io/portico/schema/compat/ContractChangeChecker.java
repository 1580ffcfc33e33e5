package io.portico.schema.compat;

import static io.portico.schema.compat.ChangeText.differ;
import static io.portico.schema.compat.ChangeText.fromTo;
import static io.portico.schema.compat.ChangeText.quoted;
import static java.util.Objects.requireNonNull;

import io.portico.schema.compose.PortSnapshot;
import io.portico.schema.compose.SchemaNames;
import io.portico.schema.contract.OutputPortContract;
import io.portico.schema.contract.ServerContract;
import io.portico.schema.contract.SlaProperty;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Classifies every difference between a live output port and a candidate for it as
 * {@link ChangeSeverity#BREAKING breaking}, {@link ChangeSeverity#DANGEROUS dangerous} or
 * {@link ChangeSeverity#SAFE safe}, like graphql-inspector but over contracts and live Arrow schemas, in terms of
 * what GraphQL clients of the composed schema see and what the contract promises every consumer. Both sides are
 * composed with {@link io.portico.schema.compose.SchemaComposer}, so names, types and what is left out match the
 * generated SDL; datasets and fields are matched by their GraphQL names.
 *
 * <table>
 *   <caption>Classification ({@link ChangeKind})</caption>
 *   <tr><th>Change</th><th>Severity</th><th>Why</th></tr>
 *   <tr><td>dataset or field removed (or no longer exposed)</td><td>BREAKING</td><td>queries selecting it fail</td></tr>
 *   <tr><td>dataset or field added</td><td>SAFE</td><td>new fields break no query</td></tr>
 *   <tr><td>GraphQL type of a field changes ({@code Int} to {@code Long}, decimal to string, struct field removed,
 *       list elements nullable)</td><td>BREAKING</td><td>clients get another type or a null</td></tr>
 *   <tr><td>GraphQL type extended (struct field added, list elements never null)</td><td>SAFE</td><td></td></tr>
 *   <tr><td>Arrow type narrows under the same GraphQL type ({@code decimal(14,2)} to {@code decimal(12,2)},
 *       {@code int32} to {@code int16}, float64 to float32, any timestamp or duration unit change)</td>
 *       <td>DANGEROUS</td><td>invisible in SDL, but values may no longer fit or lose precision</td></tr>
 *   <tr><td>Arrow value form changes under the same GraphQL type (time zone, interval form)</td><td>DANGEROUS</td>
 *       <td>same rows, other rendered values</td></tr>
 *   <tr><td>Arrow type widens or changes encoding under the same GraphQL type</td><td>SAFE</td><td></td></tr>
 *   <tr><td>required field becomes optional</td><td>BREAKING</td><td>the promised value may be null; invisible in
 *       the GraphQL type (node fields are always nullable), visible in the contract, the description and the
 *       port's Arrow schema</td></tr>
 *   <tr><td>optional field becomes required</td><td>SAFE</td><td>a new promise; the GraphQL type stays</td></tr>
 *   <tr><td>primary key changes</td><td>BREAKING</td><td>cursors and links to the key break</td></tr>
 *   <tr><td>classification changes</td><td>DANGEROUS</td><td>access policies key on it</td></tr>
 *   <tr><td>relationship removed or retargeted</td><td>DANGEROUS</td><td>not a GraphQL field yet; breaking once it is</td></tr>
 *   <tr><td>relationship added</td><td>SAFE</td><td></td></tr>
 *   <tr><td>domain or data product changes</td><td>BREAKING</td><td>it is another port (root field, types, URN)</td></tr>
 *   <tr><td>contract id changes</td><td>DANGEROUS</td><td>history and the port named in descriptions change</td></tr>
 *   <tr><td>physical names, declared types, descriptions, tags, status, team, SLA, servers, endpoint, dialect</td>
 *       <td>SAFE</td><td>reported; nothing clients see changes</td></tr>
 * </table>
 *
 * <p>Removing something the live schema never exposed is SAFE. The Arrow nullability of a top-level column is not
 * compared: the contract's {@code required} is the promise (registration checks the port honours it), and every
 * field of a node type is nullable in GraphQL whatever it says, so that field-level policies can withhold a field.
 */
public final class ContractChangeChecker {

    private ContractChangeChecker() {
    }

    /**
     * Every difference between the live port and the candidate, in a deterministic order (most severe first).
     *
     * @param live      the registered port: its contract and the live schemas it was composed with
     * @param candidate the candidate contract with the Arrow schemas its port reports now (fetch them before
     *                  comparing: a dataset or field the candidate's port does not report counts as no longer
     *                  exposed, which is breaking)
     */
    public static ChangeReport compare(PortSnapshot live, PortSnapshot candidate) {
        requireNonNull(live, "live is null");
        requireNonNull(candidate, "candidate is null");
        ExposedPort liveView = ExposedPort.of(live);
        ExposedPort candidateView = ExposedPort.of(candidate);
        List<ContractChange> changes = new ArrayList<>();
        comparePort(liveView, candidateView, changes);
        DatasetChangeComparison.compare(liveView, candidateView, changes);
        return new ChangeReport(changes);
    }

    private static void comparePort(ExposedPort liveView, ExposedPort candidateView, List<ContractChange> changes) {
        OutputPortContract live = liveView.contract();
        OutputPortContract candidate = candidateView.contract();
        if (differ(live.domain(), candidate.domain())) {
            changes.add(ContractChange.of(ChangeKind.DOMAIN_CHANGED, "$.domain",
                    "domain changes " + fromTo(live.domain(), candidate.domain()) + ": this is another port. GraphQL"
                            + " root field " + liveView.domainCoordinate() + " becomes "
                            + candidateView.domainCoordinate() + ", every type name changes (e.g. "
                            + SchemaNames.domainType(SchemaNames.fieldName(live.domain())) + " becomes "
                            + SchemaNames.domainType(SchemaNames.fieldName(candidate.domain()))
                            + ") and so does the port's URN; publish it as a new port and retire this one",
                    "keep domain " + quoted(live.domain())));
        }
        if (differ(live.dataProduct(), candidate.dataProduct())) {
            changes.add(ContractChange.of(ChangeKind.DATA_PRODUCT_CHANGED, "$.dataProduct",
                    "data product changes " + fromTo(live.dataProduct(), candidate.dataProduct())
                            + ": this is another port. Its URN (urn:portico:" + live.domain() + ":"
                            + live.dataProduct() + ":...) changes, so catalog entries, links, errors and logs name"
                            + " another product; publish it as a new port and retire this one",
                    "keep data product " + quoted(live.dataProduct())));
        }
        if (differ(live.id(), candidate.id())) {
            changes.add(ContractChange.of(ChangeKind.PORT_ID_CHANGED, "$.id",
                    "contract id changes " + fromTo(live.id(), candidate.id()) + ": the registry keeps a port's"
                            + " history under its id and GraphQL descriptions name the serving port, so this starts"
                            + " a new history",
                    "keep id " + quoted(live.id())));
        }
        if (differ(live.status(), candidate.status())) {
            changes.add(ContractChange.of(ChangeKind.STATUS_CHANGED, "$.status",
                    "status changes " + fromTo(live.status(), candidate.status()) + " (catalog only)",
                    "keep status " + quoted(live.status())));
        }
        if (differ(live.name(), candidate.name())) {
            changes.add(ContractChange.of(ChangeKind.DESCRIPTION_CHANGED, "$.name",
                    "name changes " + fromTo(live.name(), candidate.name()) + " (catalog only)",
                    "keep name " + quoted(live.name())));
        }
        if (ChangeText.descriptionsDiffer(live.description(), candidate.description())) {
            changes.add(ContractChange.of(ChangeKind.DESCRIPTION_CHANGED, "$.description",
                    "the port's description " + ChangeText.textChange(live.description(), candidate.description())
                            + " (catalog only)",
                    "keep the port's description"));
        }
        if (differ(live.tags(), candidate.tags())) {
            changes.add(ContractChange.of(ChangeKind.TAGS_CHANGED, "$.tags",
                    "tags change from " + ChangeText.tags(live.tags()) + " to " + ChangeText.tags(candidate.tags())
                            + " (catalog search only)",
                    "keep tags " + ChangeText.tags(live.tags())));
        }
        if (differ(live.team(), candidate.team())) {
            String liveTeam = live.team() == null ? null : live.team().name();
            String candidateTeam = candidate.team() == null ? null : candidate.team().name();
            String message = differ(liveTeam, candidateTeam)
                    ? "owning team changes " + fromTo(liveTeam, candidateTeam)
                    : "members or description of the owning team change";
            changes.add(ContractChange.of(ChangeKind.TEAM_CHANGED, "$.team",
                    message + ": the catalog shows the new owners", "keep the team as it is"));
        }
        compareSla(live, candidate, changes);
        compareServers(live, candidate, changes);
    }

    private static void compareSla(OutputPortContract live, OutputPortContract candidate, List<ContractChange> changes) {
        Map<String, SlaProperty> before = new LinkedHashMap<>();
        live.slaProperties().forEach(sla -> before.putIfAbsent(sla.property(), sla));
        Map<String, SlaProperty> after = new LinkedHashMap<>();
        candidate.slaProperties().forEach(sla -> after.putIfAbsent(sla.property(), sla));
        Set<String> names = new LinkedHashSet<>(before.keySet());
        names.addAll(after.keySet());
        for (String name : names) {
            SlaProperty old = before.get(name);
            SlaProperty now = after.get(name);
            if (!differ(old, now)) {
                continue;
            }
            String path = "$.slaProperties[" + name + "]";
            String message = old == null ? "SLA property '" + name + "' was added: " + sla(now)
                    : now == null ? "SLA property '" + name + "' was removed (was " + sla(old) + ")"
                    : "SLA property '" + name + "' changes from " + sla(old) + " to " + sla(now);
            changes.add(ContractChange.of(ChangeKind.SLA_CHANGED, path, message + " (catalog only)",
                    old == null ? "remove SLA property '" + name + "'" : "keep SLA property '" + name + "' at " + sla(old)));
        }
    }

    private static String sla(SlaProperty sla) {
        return (sla.value() == null ? "no value" : sla.value()) + (sla.unit() == null ? "" : " " + sla.unit());
    }

    private static void compareServers(
            OutputPortContract live, OutputPortContract candidate, List<ContractChange> changes) {
        Map<String, ServerContract> before = new LinkedHashMap<>();
        live.servers().forEach(server -> before.putIfAbsent(server.server(), server));
        Map<String, ServerContract> after = new LinkedHashMap<>();
        candidate.servers().forEach(server -> after.putIfAbsent(server.server(), server));
        Set<String> names = new LinkedHashSet<>(before.keySet());
        names.addAll(after.keySet());
        for (String name : names) {
            ServerContract old = before.get(name);
            ServerContract now = after.get(name);
            String path = "$.servers[" + name + "]";
            if (old == null || now == null) {
                ServerContract present = old == null ? now : old;
                ChangeKind kind = present.isFlightSql() ? ChangeKind.ENDPOINT_CHANGED : ChangeKind.SERVER_CHANGED;
                String what = present.isFlightSql()
                        ? "Flight SQL server '" + name + "' (" + present.flightSqlUrl().orElseThrow() + ")"
                        : "server '" + name + "' (" + present.type() + ")";
                changes.add(ContractChange.of(kind, path, what + (old == null ? " was added" : " was removed")
                                + ": the gateway queries the port's first Flight SQL server; GraphQL clients see no change",
                        old == null ? "remove server '" + name + "'" : "restore server '" + name + "'"));
                continue;
            }
            compareServer(path, old, now, changes);
        }
    }

    private static void compareServer(String path, ServerContract old, ServerContract now, List<ContractChange> changes) {
        List<String> differences = new ArrayList<>();
        if (differ(old.type(), now.type())) {
            differences.add("type " + fromTo(old.type(), now.type()));
        }
        if (differ(old.environment(), now.environment())) {
            differences.add("environment " + fromTo(old.environment(), now.environment()));
        }
        if (ChangeText.descriptionsDiffer(old.description(), now.description())) {
            differences.add("description " + ChangeText.textChange(old.description(), now.description()));
        }
        if (!differences.isEmpty()) {
            changes.add(ContractChange.of(ChangeKind.SERVER_CHANGED, path,
                    "server '" + old.server() + "' changes: " + String.join(", ", differences)
                            + " (catalog only; the gateway uses only the Flight SQL endpoint and dialect)",
                    "keep server '" + old.server() + "' as it is"));
        }
        Set<String> properties = new LinkedHashSet<>(old.customProperties().keySet());
        properties.addAll(now.customProperties().keySet());
        for (String property : properties) {
            String before = old.customProperties().get(property);
            String after = now.customProperties().get(property);
            if (!differ(before, after)) {
                continue;
            }
            String propertyPath = path + ".customProperties[" + property + "]";
            String revert = "keep " + property + " " + quoted(before) + " on server '" + old.server() + "'";
            if (ServerContract.FLIGHT_SQL_URL.equals(property)) {
                changes.add(ContractChange.of(ChangeKind.ENDPOINT_CHANGED, propertyPath,
                        "Flight SQL endpoint of server '" + old.server() + "' changes " + fromTo(before, after)
                                + ": the gateway queries the new endpoint from now on; GraphQL clients see no change",
                        revert));
            } else if (ServerContract.SQL_DIALECT.equals(property)) {
                changes.add(ContractChange.of(ChangeKind.DIALECT_CHANGED, propertyPath,
                        "SQL dialect of server '" + old.server() + "' changes " + fromTo(before, after)
                                + ": the gateway renders the same GraphQL queries in the new dialect; GraphQL clients"
                                + " see no change",
                        revert));
            } else {
                changes.add(ContractChange.of(ChangeKind.SERVER_CHANGED, propertyPath,
                        "custom property '" + property + "' of server '" + old.server() + "' changes "
                                + fromTo(before, after),
                        revert));
            }
        }
    }
}
