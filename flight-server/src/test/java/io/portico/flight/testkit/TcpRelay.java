package io.portico.flight.testkit;

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
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay on loopback in front of a server: what a client sees of a process that can die and come back.
 * {@link #kill()} stops listening and resets every connection (RST, as when the process dies), so a client reading a
 * stream sees it cut off mid-way and a new connection is refused; {@link #cut()} stops listening too but ends every
 * connection with a FIN after what was relayed already, so the client reads every byte sent before it (a process that
 * exited between two writes); {@link #restart()} listens again on the same port. {@link #accepted()} counts the
 * connections it accepted: proof that nobody connected to the server through it. It relays bytes and nothing else, so
 * what a client presents (a port credential, TLS) reaches the server as sent.
 */
public final class TcpRelay implements AutoCloseable {

    private final InetSocketAddress target;
    private final int port;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<Socket> clients = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicLong bytesToClients = new AtomicLong();
    private volatile ServerSocket listener;
    private volatile boolean cutOff;

    /** A relay on a free loopback port in front of {@code target}, listening at once. */
    public TcpRelay(InetSocketAddress target) throws IOException {
        this.target = target;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.port = listener.getLocalPort();
        startAccepting(listener);
    }

    /** The relay's own TCP port on loopback (the same after a restart). */
    public int port() {
        return port;
    }

    /** How many connections the relay accepted so far. */
    public int accepted() {
        return accepted.get();
    }

    /** Bytes relayed from the server to its clients so far. */
    public long bytesToClients() {
        return bytesToClients.get();
    }

    /** Whether the relay listens now (false after {@link #kill()}, until {@link #restart()}). */
    public boolean listening() {
        ServerSocket current = listener;
        return current != null && !current.isClosed();
    }

    /**
     * Stops listening and ends every open connection towards its client after the bytes relayed so far: the client
     * reads them, then the end of the stream. What the server sends afterwards is dropped.
     */
    public synchronized void cut() {
        cutOff = true;
        stopListening();
        for (Socket client : clients) {
            try {
                client.shutdownOutput();
            } catch (IOException ignored) {
                // closed already
            }
        }
    }

    /** Stops listening and resets every open connection. */
    public synchronized void kill() {
        stopListening();
        for (Socket socket : sockets) {
            try {
                socket.setSoLinger(true, 0);
            } catch (IOException ignored) {
                // closed already
            }
            closeQuietly(socket);
        }
        sockets.clear();
        clients.clear();
    }

    private void stopListening() {
        ServerSocket current = listener;
        listener = null;
        if (current != null) {
            closeQuietly(current);
        }
    }

    /** Listens again on the same port after a {@link #kill()}; nothing happens if it listens already. */
    public synchronized void restart() throws IOException {
        if (listening()) {
            return;
        }
        cutOff = false;
        ServerSocket restarted = new ServerSocket();
        restarted.setReuseAddress(true);
        restarted.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        listener = restarted;
        startAccepting(restarted);
    }

    @Override
    public void close() {
        kill();
    }

    private void startAccepting(ServerSocket socket) {
        Thread.ofVirtual().name("tcp-relay-accept").start(() -> accept(socket));
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                accepted.incrementAndGet();
                Socket server = new Socket(target.getAddress(), target.getPort());
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(server);
                clients.add(client);
                Thread.ofVirtual().start(() -> pump(client, server, false));
                Thread.ofVirtual().start(() -> pump(server, client, true));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, boolean toClient) {
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                if (toClient && cutOff) {
                    continue;
                }
                out.write(buffer, 0, read);
                out.flush();
                if (toClient) {
                    bytesToClients.addAndGet(read);
                }
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
