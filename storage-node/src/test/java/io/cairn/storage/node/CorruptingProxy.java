package io.cairn.storage.node;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay between client and node that, when armed, flips the first byte equal to a marker in one
 * direction: damage on the wire that neither end can see except through checksums.
 */
final class CorruptingProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final byte marker;
    private final AtomicBoolean toNode = new AtomicBoolean();
    private final AtomicBoolean toClient = new AtomicBoolean();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();

    CorruptingProxy(InetSocketAddress target, byte marker) throws IOException {
        this.target = target;
        this.marker = marker;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", listener.getLocalPort());
    }

    /** Connections opened through the relay so far. */
    int accepted() {
        return accepted.get();
    }

    void corruptNextRequestByte() {
        toNode.set(true);
    }

    void corruptNextResponseByte() {
        toClient.set(true);
    }

    private void accept() {
        try {
            while (true) {
                Socket client = listener.accept();
                accepted.incrementAndGet();
                Socket node = new Socket(target.getAddress(), target.getPort());
                sockets.add(client);
                sockets.add(node);
                pump(client.getInputStream(), node.getOutputStream(), toNode);
                pump(node.getInputStream(), client.getOutputStream(), toClient);
            }
        } catch (IOException e) {
            // closed
        }
    }

    private void pump(InputStream in, OutputStream out, AtomicBoolean armed) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (in; out) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    if (armed.get()) {
                        for (int i = 0; i < n; i++) {
                            if (buffer[i] == marker && armed.compareAndSet(true, false)) {
                                buffer[i] ^= 0x01;
                                break;
                            }
                        }
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side went away
            }
        }, "proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
