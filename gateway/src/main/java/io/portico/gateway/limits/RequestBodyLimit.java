package io.portico.gateway.limits;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads an HTTP request body of at most {@code maxBytes}: a body that declares a larger {@code Content-Length} is
 * refused before a byte of it is read, and one without a length (chunked) once more than {@code maxBytes} arrived.
 * Never holds more than {@code maxBytes + 1} bytes of a body.
 */
public final class RequestBodyLimit {

    private static final int CHUNK = 8192;

    private final long maxBytes;

    /** @param maxBytes the largest body read, {@code portico.limits.max-body-size} */
    public RequestBodyLimit(long maxBytes) {
        if (maxBytes < 1 || maxBytes > Integer.MAX_VALUE - CHUNK) {
            throw new IllegalArgumentException("maxBytes must be between 1 and 2 GB, was " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /**
     * Reads the whole body.
     *
     * @param body          the body stream (left open)
     * @param contentLength the declared {@code Content-Length}, -1 when none was declared
     * @throws BodyTooLargeException when the body is larger than the limit (nothing more is read)
     */
    public byte[] read(InputStream body, long contentLength) throws IOException {
        if (contentLength > maxBytes) {
            throw new BodyTooLargeException(contentLength, true, maxBytes);
        }
        byte[] buffer = new byte[(int) Math.max(1, contentLength >= 0 ? contentLength : Math.min(CHUNK, maxBytes + 1))];
        int length = 0;
        while (true) {
            if (length == buffer.length) {
                int next = body.read();
                if (next < 0) {
                    return buffer;
                }
                if (length + 1 > maxBytes) {
                    throw new BodyTooLargeException(length + 1, false, maxBytes);
                }
                buffer = Arrays.copyOf(buffer, (int) Math.min(maxBytes + 1, (long) buffer.length * 2));
                buffer[length++] = (byte) next;
            }
            int read = body.read(buffer, length, buffer.length - length);
            if (read < 0) {
                return Arrays.copyOf(buffer, length);
            }
            length += read;
            if (length > maxBytes) {
                throw new BodyTooLargeException(length, false, maxBytes);
            }
        }
    }

    /** A body over the limit; its message names the limit and its value. */
    public static final class BodyTooLargeException extends IOException {

        private final long maxBytes;

        BodyTooLargeException(long size, boolean declared, long maxBytes) {
            super((declared ? "the request body is " + size + " bytes" : "the request body is larger than "
                    + maxBytes + " bytes") + "; the limit is " + maxBytes + " bytes (" + Limit.BODY_SIZE.property()
                    + "). Send a smaller query, or pass large values as narrower filters");
            this.maxBytes = maxBytes;
        }

        public long maxBytes() {
            return maxBytes;
        }
    }
}
