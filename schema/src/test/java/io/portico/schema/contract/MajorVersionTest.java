package io.portico.schema.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.schema.compose.PortSnapshot;
import io.portico.schema.compose.Urns;
import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A contract's major version has one owner, {@link OutputPortContract#majorVersion()}. Four places used to decide it
 * and disagreed: {@code Urns} (ASCII digits, 0 past nine digits), {@code PortSnapshot} (any Unicode digit, 0 past
 * nine digits), {@code RegistryStore} (any Unicode digit, refused past an int) and registration's {@code PortUrns}
 * (the store's, -1 when it refused). Each case where they differed now has one answer.
 */
class MajorVersionTest {

    @ParameterizedTest
    @CsvSource({"1.0.0, 1", "0.3.1, 0", "2.1.0-rc.1, 2", "10.0.0, 10", "2147483647.0.0, 2147483647"})
    void theMajorIsTheLeadingNumberOfTheVersion(String version, int major) {
        OutputPortContract contract = parsed(version);

        assertThat(contract.majorVersion()).isEqualTo(major);
        assertThat(new PortSnapshot(contract, Map.of()).majorVersion()).isEqualTo(major);
        assertThat(Urns.product(contract)).isEqualTo("urn:portico:sales:orders:v" + major);
    }

    /**
     * Urns and PortSnapshot said 0 ("more than nine digits"), the store 1234567890. The number is right: the URN
     * {@code v0} belongs to the product's real 0.x major, so two majors shared one id.
     */
    @Test
    void aMajorOfTenDigitsIsThatNumberNotZero() {
        OutputPortContract contract = parsed("1234567890.0.0");

        assertThat(contract.majorVersion()).isEqualTo(1234567890);
        assertThat(Urns.dataset(contract, "orders")).isEqualTo("urn:portico:sales:orders:orders:v1234567890");
        assertThat(Urns.product(contract)).isNotEqualTo(Urns.product(parsed("0.1.0")));
    }

    /**
     * Urns and PortSnapshot said 0, registration -1, and the store refused it, but only when publishing: a check
     * accepted it. It cannot be stored, so it is refused as the contract is read, at {@code $.version}.
     */
    @Test
    void aMajorBeyondAnIntIsRefusedAsTheContractIsRead() {
        assertThatThrownBy(() -> parsed("2147483648.0.0"))
                .isInstanceOfSatisfying(ContractValidationException.class, e -> assertThat(e.problems())
                        .extracting(ContractProblem::path).containsExactly("$.version"));
        assertThatThrownBy(() -> byHand("99999999999.0.0").majorVersion())
                .isInstanceOfSatisfying(PorticoException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONTRACT));
    }

    /**
     * PortSnapshot and the store read any Unicode digit ({@code ١} is 1 to {@link Character#isDigit}), Urns only
     * ASCII (so 0). Such a version is no semantic version (the parser's digits are ASCII): it has no major, and a
     * contract built by hand with one is an invalid contract, wherever it is asked.
     */
    @ParameterizedTest
    @ValueSource(strings = {"١.0.0", "v1.0.0", "draft"})
    void aVersionThatDoesNotStartWithAnAsciiNumberHasNoMajor(String version) {
        assertThat(OutputPortContract.majorVersionOf(version)).isEmpty();
        assertThatThrownBy(() -> byHand(version).majorVersion())
                .isInstanceOfSatisfying(PorticoException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONTRACT))
                .hasMessageContaining("has no numeric major version");
        assertThatThrownBy(() -> new PortSnapshot(byHand(version), Map.of()).majorVersion())
                .isInstanceOf(PorticoException.class);
    }

    private static OutputPortContract parsed(String version) {
        return ContractParser.parse(ContractParserTest.VALID.replace("version: 1.0.0", "version: " + version));
    }

    private static OutputPortContract byHand(String version) {
        OutputPortContract contract = parsed("1.0.0");
        return new OutputPortContract(contract.id(), version, contract.status(), contract.domain(),
                contract.dataProduct(), contract.name(), contract.description(), contract.tags(), contract.datasets(),
                contract.servers(), contract.team(), contract.slaProperties());
    }
}
