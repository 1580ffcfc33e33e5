package io.portico.gateway.resilience;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay on loopback in front of a server: what a client sees of a process that can be killed. {@link #kill()}
 * stops listening and resets every connection (RST, as when the process dies), so a client reading a stream sees it
 * cut off mid-way and a new connection is refused. {@link #accepted()} counts the connections it accepted: proof
 * that nobody connected to the server through it.
 */
public final class TcpRelay implements AutoCloseable {

    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile boolean killed;

    public TcpRelay(InetSocketAddress target) throws IOException {
        this.target = target;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("tcp-relay-accept").start(this::accept);
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** How many connections the relay accepted so far. */
    public int accepted() {
        return accepted.get();
    }

    /** Stops listening and resets every open connection. */
    void kill() {
        killed = true;
        closeQuietly(listener);
        for (Socket socket : sockets) {
            try {
                socket.setSoLinger(true, 0);
            } catch (IOException ignored) {
                // closed already
            }
            closeQuietly(socket);
        }
        sockets.clear();
    }

    @Override
    public void close() {
        kill();
    }

    private void accept() {
        while (!killed) {
            try {
                Socket client = listener.accept();
                accepted.incrementAndGet();
                Socket server = new Socket(target.getAddress(), target.getPort());
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(server);
                Thread.ofVirtual().start(() -> pump(client, server));
                Thread.ofVirtual().start(() -> pump(server, client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void pump(Socket from, Socket to) {
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException e) {
            // the other side went away, or the relay was killed
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // nothing left to do
        }
    }
}
