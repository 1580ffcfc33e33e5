package io.portico.gateway.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How endpoint addresses are compared and bound to domains, before any connection. */
class EndpointBindingsTest {

    private final EndpointBindings bindings = new EndpointBindings(Map.of(
            "crm", List.of("crm-port", "*.crm.internal"),
            "finance", List.of("10.0.7.*:32010", "[fd00::*]:31337"),
            "ops", List.of("ops-?:3133?")));

    @Test
    void anAddressIsItsLowerCaseHostAndItsPortWhateverTheScheme() {
        assertThat(EndpointAddress.of("grpc+tcp://CRM-Port:31337")).contains(new EndpointAddress("crm-port", 31337));
        assertThat(EndpointAddress.of("grpc+tls://crm-port:31337")).contains(new EndpointAddress("crm-port", 31337));
        assertThat(EndpointAddress.of("grpc://[FD00::1]:31337")).contains(new EndpointAddress("fd00::1", 31337));
        assertThat(EndpointAddress.of("grpc+tcp://[fd00::1]:31337").orElseThrow()).hasToString("[fd00::1]:31337");
        assertThat(EndpointAddress.of("grpc+tcp://crm-port")).as("no port").isEmpty();
        assertThat(EndpointAddress.of("grpc+unix:///var/run/port.sock")).as("not TCP").isEmpty();
        assertThat(EndpointAddress.of("http://crm-port:31337")).isEmpty();
        assertThat(EndpointAddress.of("not a url")).isEmpty();
    }

    @Test
    void patternsBindHostsAndPortsToOneDomain() {
        assertThat(bindings.domainsOf(address("grpc+tcp://crm-port:31337"))).containsExactly("crm");
        assertThat(bindings.domainsOf(address("grpc+tcp://CRM-PORT:1"))).as("any port, any case").containsExactly("crm");
        assertThat(bindings.domainsOf(address("grpc+tls://eu.crm.internal:443"))).containsExactly("crm");
        assertThat(bindings.domainsOf(address("grpc+tcp://crm.internal:443"))).as("* needs the dot before it")
                .isEmpty();
        assertThat(bindings.domainsOf(address("grpc+tcp://10.0.7.23:32010"))).containsExactly("finance");
        assertThat(bindings.domainsOf(address("grpc+tcp://10.0.7.23:32011"))).isEmpty();
        assertThat(bindings.domainsOf(address("grpc+tcp://[fd00::7:1]:31337"))).containsExactly("finance");
        assertThat(bindings.domainsOf(address("grpc+tcp://ops-a:31339"))).containsExactly("ops");
        assertThat(bindings.domainsOf(address("grpc+tcp://ops-ab:31339"))).isEmpty();
        assertThat(bindings.domainsOf(address("grpc+tcp://crm-port.evil.example:31337"))).isEmpty();
        assertThat(new EndpointBindings(Map.of("a", List.of("*"), "b", List.of("shared:*")))
                .domainsOf(address("grpc+tcp://shared:1"))).containsExactly("a", "b");
    }

    @Test
    void aPatternThatIsNoHostOrHostAndPortIsRefusedNamingItsSetting() {
        assertThatThrownBy(() -> new EndpointBindings(Map.of("crm", List.of("crm:port"))))
                .hasMessageContaining("portico.endpoints.bindings.crm: 'crm:port' is not a host or host:port pattern");
        assertThatThrownBy(() -> new EndpointBindings(Map.of("crm", List.of("a:1:2"))))
                .hasMessageContaining("is not a host or host:port pattern");
        assertThatThrownBy(() -> new EndpointBindings(Map.of("crm", List.of(""))))
                .hasMessageContaining("is not a host or host:port pattern");
    }

    private static EndpointAddress address(String url) {
        return EndpointAddress.of(url).orElseThrow();
    }
}
