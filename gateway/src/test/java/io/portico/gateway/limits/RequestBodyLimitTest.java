package io.portico.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.gateway.limits.RequestBodyLimit.BodyTooLargeException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class RequestBodyLimitTest {

    private final RequestBodyLimit limit = new RequestBodyLimit(1000);

    @Test
    void readsABodyUpToTheLimitWithOrWithoutALength() throws IOException {
        byte[] body = new byte[1000];
        body[999] = 7;
        assertThat(limit.read(new ByteArrayInputStream(body), 1000)).isEqualTo(body);
        assertThat(limit.read(new ByteArrayInputStream(body), -1)).isEqualTo(body);
        assertThat(limit.read(new ByteArrayInputStream(new byte[0]), 0)).isEmpty();
        assertThat(limit.read(new ByteArrayInputStream(new byte[3]), -1)).hasSize(3);
    }

    @Test
    void refusesADeclaredLengthOverTheLimitWithoutReading() {
        CountingStream body = new CountingStream(50L * 1024 * 1024);
        assertThatThrownBy(() -> limit.read(body, 50L * 1024 * 1024))
                .isInstanceOf(BodyTooLargeException.class)
                .hasMessageContaining("52428800 bytes; the limit is 1000 bytes (portico.limits.max-body-size)");
        assertThat(body.read).isZero();
    }

    @Test
    void refusesAnUndeclaredBodyAfterReadingJustOverTheLimit() {
        CountingStream body = new CountingStream(50L * 1024 * 1024);
        assertThatThrownBy(() -> limit.read(body, -1))
                .isInstanceOf(BodyTooLargeException.class)
                .hasMessageContaining("larger than 1000 bytes; the limit is 1000 bytes");
        assertThat(body.read).isLessThanOrEqualTo(1001);
    }

    /** A stream of zeros of a given length that counts what was read. */
    private static final class CountingStream extends InputStream {

        private final long length;
        long read;

        CountingStream(long length) {
            this.length = length;
        }

        @Override
        public int read() {
            if (read >= length) {
                return -1;
            }
            read++;
            return 0;
        }

        @Override
        public int read(byte[] buffer, int offset, int count) {
            if (read >= length) {
                return -1;
            }
            int chunk = (int) Math.min(count, length - read);
            read += chunk;
            return chunk;
        }
    }
}
