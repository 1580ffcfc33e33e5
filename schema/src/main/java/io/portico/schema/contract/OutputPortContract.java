package io.portico.schema.contract;

import static java.util.Objects.requireNonNull;

import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An output port as its owning domain team describes it: the subset of an ODCS v3.1 data contract that
 * Portico reads. Produced by {@link ContractParser}; unknown ODCS fields are ignored, never an error.
 *
 * <p>One contract describes one output port: one Flight SQL endpoint ({@link #flightServer()}) that serves
 * the contract's {@link #datasets() datasets} (ODCS {@code schema[]} objects).
 *
 * @param id            the ODCS {@code id}: stable identifier of the contract
 * @param version       the contract's semantic version (ODCS {@code version}), e.g. {@code 1.2.0}
 * @param status        the ODCS {@code status}, e.g. {@code active}, {@code draft}, {@code retired}
 * @param domain        the owning domain, e.g. {@code sales}; becomes a root field of the GraphQL schema
 * @param dataProduct   the data product the port belongs to, e.g. {@code orders}
 * @param name          the ODCS {@code name}, may be null
 * @param description   human description (ODCS {@code description.purpose}, or a plain string), may be null
 * @param tags          the contract's tags, in document order
 * @param datasets      the datasets the port publishes, in document order
 * @param servers       the ODCS {@code servers[]}
 * @param team          the owning team, may be null
 * @param slaProperties the ODCS {@code slaProperties[]}
 */
public record OutputPortContract(
        String id,
        String version,
        String status,
        String domain,
        String dataProduct,
        String name,
        String description,
        List<String> tags,
        List<DatasetContract> datasets,
        List<ServerContract> servers,
        TeamContract team,
        List<SlaProperty> slaProperties) {

    public OutputPortContract {
        requireNonNull(id, "id is null");
        requireNonNull(version, "version is null");
        requireNonNull(domain, "domain is null");
        requireNonNull(dataProduct, "dataProduct is null");
        tags = List.copyOf(tags);
        datasets = List.copyOf(datasets);
        servers = List.copyOf(servers);
        slaProperties = List.copyOf(slaProperties);
    }

    public Optional<DatasetContract> dataset(String datasetName) {
        return datasets.stream().filter(dataset -> dataset.name().equals(datasetName)).findFirst();
    }

    /** The first server that describes a Flight SQL endpoint ({@code type: custom} with a {@code flightSqlUrl}). */
    public Optional<ServerContract> flightServer() {
        return servers.stream().filter(ServerContract::isFlightSql).findFirst();
    }

    /** The SLA property of that name (ODCS {@code slaProperties[].property}), e.g. {@code latency}, {@code frequency}. */
    public Optional<SlaProperty> slaProperty(String property) {
        return slaProperties.stream().filter(sla -> sla.property().equals(property)).findFirst();
    }

    /**
     * How stale the port's data may be, as the contract states it: the SLA property {@code freshness}, else
     * {@code latency} (the ODCS name for how long after the fact data is available), read by
     * {@link SlaDuration#parse}. Empty when neither is given with a time unit. The gateway's result cache keeps
     * an answer of this port at most this long.
     */
    public Optional<Duration> freshness() {
        for (String property : List.of("freshness", "latency")) {
            Optional<Duration> stated = slaProperty(property).flatMap(sla -> SlaDuration.parse(sla.value(), sla.unit()));
            if (stated.isPresent()) {
                return stated;
            }
        }
        return Optional.empty();
    }

    /**
     * The contract's major version: the leading number of its {@link #version() semantic version} ({@code 2} for
     * {@code 2.1.0-rc.1}). The one definition in Portico: the product and dataset URNs, the key an older major is
     * served by, the registry database's rows, registration and the catalog all read it here.
     *
     * @throws PorticoException {@code INVALID_CONTRACT} when the version does not start with a number of at most
     *                          {@link Integer#MAX_VALUE} ({@link ContractParser} refuses such a contract, so only a
     *                          contract built by hand can)
     */
    public int majorVersion() {
        return majorVersionOf(version).orElseThrow(() -> new PorticoException(ErrorCode.INVALID_CONTRACT,
                "contract '" + id + "': version '" + version + "' has no numeric major version of at most " + Integer.MAX_VALUE
                + "; use a semantic version such as 1.0.0"));
    }

    /**
     * The major part of a semantic version: its leading ASCII digits as a number; empty when the version does not
     * start with a digit or the number is larger than {@link Integer#MAX_VALUE}.
     */
    public static OptionalInt majorVersionOf(String semanticVersion) {
        requireNonNull(semanticVersion, "semanticVersion is null");
        int end = 0;
        while (end < semanticVersion.length() && isAsciiDigit(semanticVersion.charAt(end))) {
            end++;
        }
        if (end == 0) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(semanticVersion, 0, end, 10));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    private static boolean isAsciiDigit(char character) {
        return character >= '0' && character <= '9';
    }
}
