package io.portico.flight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.flight.demo.DemoDomain;
import io.portico.flight.testkit.ContractBuilder;
import io.portico.schema.contract.OutputPortContract;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.Test;

/** {@link FlightPortConfig} defaults and checks, {@link PortDatabase} dialects, catalog name patterns. */
class PortConfigurationTest {

    private static final OutputPortContract CONTRACT = ContractBuilder.demo(DemoDomain.SALES);
    private static final PortDatabase H2 = PortDatabase.jdbc("jdbc:h2:mem:config;PASSWORD=secret", "sa", "secret");

    @Test
    void startsOnAFreeLoopbackPortWithDefaults() {
        FlightPortConfig config = FlightPortConfig.of(CONTRACT, H2, TestCredentials.accepted());
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isZero();
        assertThat(config.batchRows()).isEqualTo(65_536);
        assertThat(config.backpressureThresholdBytes()).isEqualTo(4 << 20);
        assertThat(config.statementLogCapacity()).isEqualTo(StatementLog.DEFAULT_CAPACITY);
        assertThat(config.sessionPoolSize()).isEqualTo(2 * Runtime.getRuntime().availableProcessors());
        assertThat(config.statementCacheSize()).isEqualTo(16);
        FlightPortConfig changed = config.withHost("0.0.0.0").withPort(31337).withBatchRows(1024)
                .withBackpressureThresholdBytes(1 << 20).withStatementLogCapacity(10)
                .withSessionPoolSize(3).withStatementCacheSize(0);
        assertThat(changed).isEqualTo(new FlightPortConfig(CONTRACT, H2, "0.0.0.0", 31337, 1024, 1 << 20, 10, 3, 0,
                TestCredentials.accepted(), null));
    }

    @Test
    void refusesValuesThatCannotWork() {
        FlightPortConfig config = FlightPortConfig.of(CONTRACT, H2, TestCredentials.accepted());
        assertThatThrownBy(() -> config.withPort(-1)).hasMessageContaining("port must be between 0 and 65535");
        assertThatThrownBy(() -> config.withBatchRows(0)).hasMessageContaining("batchRows must be positive");
        assertThatThrownBy(() -> config.withBackpressureThresholdBytes(0)).hasMessageContaining("must be positive");
        assertThatThrownBy(() -> config.withHost(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> config.withSessionPoolSize(-1)).hasMessageContaining("sessionPoolSize must not be negative");
        assertThatThrownBy(() -> config.withStatementCacheSize(-1))
                .hasMessageContaining("statementCacheSize must not be negative");
    }

    @Test
    void derivesTheDialectFromTheUrlAndNeverPrintsCredentials() {
        assertThat(H2.dialect()).isEqualTo(SQLDialect.H2);
        assertThat(PortDatabase.jdbc("jdbc:postgresql://db:5432/sales?password=secret", "port", "secret").dialect())
                .isEqualTo(SQLDialect.POSTGRES);
        assertThat(H2.describe()).isEqualTo("jdbc:h2:mem:config");
        assertThat(H2.toString()).doesNotContain("secret");
        assertThat(PortDatabase.jdbc("jdbc:postgresql://db:5432/sales?password=secret", "port", "secret").describe())
                .isEqualTo("jdbc:postgresql://db:5432/sales");
    }

    @Test
    void matchesCatalogNamePatternsLikeSql() {
        assertThat(PortCatalog.matches("%", "orders")).isTrue();
        assertThat(PortCatalog.matches("ord%", "orders")).isTrue();
        assertThat(PortCatalog.matches("ord_rs", "orders")).isTrue();
        assertThat(PortCatalog.matches("ord_rs", "ordrs")).isFalse();
        assertThat(PortCatalog.matches("order\\_items", "order_items")).isTrue();
        assertThat(PortCatalog.matches("order\\_items", "orderXitems")).isFalse();
        assertThat(PortCatalog.matches("o.ders", "orders")).isFalse();
        assertThat(PortCatalog.matches("orders", null)).isFalse();
    }
}
