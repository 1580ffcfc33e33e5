package io.portico.gateway.answers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

class AnswerCachePropertiesTest {

    @Test
    void defaults() {
        AnswerCacheProperties properties = bind(Map.of());

        assertThat(properties.enabled()).isTrue();
        assertThat(properties.maxBytes()).isEqualTo(DataSize.ofMegabytes(64));
        assertThat(properties.maxEntryBytes()).isEqualTo(DataSize.ofMegabytes(1));
    }

    @Test
    void everyKeyIsBound() {
        AnswerCacheProperties properties = bind(Map.of(
                "portico.cache.answers.enabled", "false",
                "portico.cache.answers.max-bytes", "8MB",
                "portico.cache.answers.max-entry-bytes", "64KB"));

        assertThat(properties.enabled()).isFalse();
        assertThat(properties.maxBytes()).isEqualTo(DataSize.ofMegabytes(8));
        assertThat(properties.maxEntryBytes()).isEqualTo(DataSize.ofKilobytes(64));
    }

    @Test
    void aNegativeSizeIsRefusedWithItsName() {
        assertThatThrownBy(() -> bind(Map.of("portico.cache.answers.max-bytes", "-1B")))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("portico.cache.answers.max-bytes");
    }

    private static AnswerCacheProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate("portico.cache.answers", AnswerCacheProperties.class);
    }
}
