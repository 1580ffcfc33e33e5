package io.portico.gateway.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP listener on loopback that speaks no gRPC: it answers every connection with a line of text that is no HTTP/2
 * frame, keeps the connection open, and counts the connections. What a port scan finds at an address that is not a
 * Flight endpoint (an HTTP server, a database, an SSH daemon).
 */
public final class GarbageListener implements AutoCloseable {

    private static final byte[] GARBAGE = "SSH-2.0-OpenSSH_9.6 not a flight server\r\n".getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket listener;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();

    public GarbageListener() throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("garbage-listener").start(this::accept);
    }

    /** The listener's address as a Flight SQL URL. */
    public String url() {
        return "grpc+tcp://127.0.0.1:" + listener.getLocalPort();
    }

    /** How many connections it accepted. */
    public int accepted() {
        return accepted.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                accepted.incrementAndGet();
                sockets.add(socket);
                OutputStream out = socket.getOutputStream();
                out.write(GARBAGE);
                out.flush();
            } catch (IOException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
