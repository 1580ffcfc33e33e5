package io.portico.benchmarks.harness;

import static java.util.Objects.requireNonNull;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One keep-alive HTTP/1.1 connection that sends ready-encoded requests and reads whole answers: the client side of
 * a load run, cheap enough (no HTTP library, each request encoded once) that on 2 cores it leaves the CPU to the
 * gateway it measures, as wrk does. The JDK's {@code HttpClient} cost about as much CPU per small request as the
 * gateway answering it. Reads {@code Content-Length} and chunked answers; reconnects when the server closes.
 */
final class KeepAliveHttp implements AutoCloseable {

    /** An answer: its status and body. */
    record Answer(int status, byte[] body) {

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        private static final byte[] ERRORS = "\"errors\"".getBytes(StandardCharsets.US_ASCII);

        /** Whether the body holds {@code "errors"} (a GraphQL answer with errors), without decoding it. */
        boolean hasErrors() {
            byte[] needle = ERRORS;
            outer:
            for (int i = 0; i + needle.length <= body.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (body[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        }
    }

    private final URI endpoint;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    KeepAliveHttp(URI endpoint) {
        this.endpoint = requireNonNull(endpoint, "endpoint is null");
    }

    /** A POST of a JSON body to {@code endpoint}, encoded once for every send. */
    static byte[] jsonPost(URI endpoint, String authorization, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder()
                .append("POST ").append(endpoint.getRawPath()).append(" HTTP/1.1\r\n")
                .append("Host: ").append(endpoint.getHost()).append(':').append(endpoint.getPort()).append("\r\n")
                .append("Content-Type: application/json\r\n")
                .append("Accept: application/json\r\n")
                .append("Content-Length: ").append(body.length).append("\r\n");
        if (authorization != null) {
            head.append("Authorization: ").append(authorization).append("\r\n");
        }
        byte[] headBytes = head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
        byte[] request = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, request, 0, headBytes.length);
        System.arraycopy(body, 0, request, headBytes.length, body.length);
        return request;
    }

    /** Sends {@code request} (from {@link #jsonPost}) and reads its answer. */
    Answer send(byte[] request) throws IOException {
        if (socket == null) {
            connect();
        }
        try {
            out.write(request);
            out.flush();
            return readAnswer();
        } catch (IOException closedByServer) {
            // A kept-alive connection the server closed between two requests: once more on a new one.
            close();
            connect();
            out.write(request);
            out.flush();
            return readAnswer();
        }
    }

    private void connect() throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), 5_000);
        socket.setSoTimeout(60_000);
        in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        out = socket.getOutputStream();
    }

    private Answer readAnswer() throws IOException {
        String statusLine = readLine();
        if (!statusLine.startsWith("HTTP/1.1 ")) {
            throw new IOException("not an HTTP/1.1 answer: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long contentLength = -1;
        boolean chunked = false;
        boolean closes = false;
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> contentLength = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> closes = value.equalsIgnoreCase("close");
                default -> { }
            }
        }
        byte[] body = chunked ? readChunked() : contentLength >= 0 ? in.readNBytes((int) contentLength) : new byte[0];
        if (closes) {
            close();
        }
        return new Answer(status, body);
    }

    private byte[] readChunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine();
            int semicolon = sizeLine.indexOf(';');
            int size = Integer.parseInt(semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon), 16);
            if (size == 0) {
                while (!readLine().isEmpty()) {
                    // trailers
                }
                return body.toByteArray();
            }
            body.write(in.readNBytes(size));
            readLine();
        }
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder(64);
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed");
            }
            if (b == '\n') {
                int length = line.length();
                return length > 0 && line.charAt(length - 1) == '\r' ? line.substring(0, length - 1) : line.toString();
            }
            line.append((char) b);
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            socket = null;
        }
    }
}
