package io.cairn.gateway.http;

import io.cairn.gateway.s3.S3Api;
import io.cairn.gateway.s3.S3Router;
import io.cairn.object.ObjectService;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;

/**
 * One gateway connection on an {@link EmbeddedChannel}, built by the server's own {@link GatewayInitializer}:
 * bytes go in as a client sends them, responses come out as it would read them. Work handed to worker
 * threads waits in a queue until {@link #runWorkers()}, so a test sees exactly what the event loop answered
 * on its own (a 100 Continue, an early refusal) before any operation ran.
 */
final class EmbeddedGateway {

    /** A response as the client reads it; header names in lower case. */
    record Response(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    final EmbeddedChannel channel;
    private final Queue<Runnable> workers = new ArrayDeque<>();
    private final StringBuilder received = new StringBuilder();

    EmbeddedGateway(ObjectService objects, RequestVerifier verifier) {
        channel = new EmbeddedChannel(new GatewayInitializer(new S3Router(null), new S3Api(objects, "us-east-1"),
                verifier, workers::add, new InFlight(), new DefaultChannelGroup(GlobalEventExecutor.INSTANCE),
                Duration.ofMinutes(1), GatewayHooks.none(), BrowserAccess.NONE, null, PublicEndpoint.FROM_REQUEST));
    }

    /** Sends raw request bytes (ISO-8859-1 text: request lines, headers and bodies as written). */
    void send(String text) {
        channel.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1));
        channel.runPendingTasks();
    }

    /** Runs the operations handed to workers so far, and what they hand back to the event loop. */
    void runWorkers() {
        for (Runnable r; (r = workers.poll()) != null; ) {
            r.run();
            channel.runPendingTasks();
        }
    }

    int workersWaiting() {
        return workers.size();
    }

    /** The responses completely written since the last call. */
    List<Response> responses() {
        for (ByteBuf b; (b = channel.readOutbound()) != null; ) {
            received.append(b.toString(StandardCharsets.ISO_8859_1));
            b.release();
        }
        List<Response> out = new ArrayList<>();
        while (true) {
            int end = received.indexOf("\r\n\r\n");
            if (end < 0) {
                return out;
            }
            String[] lines = received.substring(0, end).split("\r\n");
            Map<String, String> headers = new TreeMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
            int length = headers.containsKey("content-length") ? Integer.parseInt(headers.get("content-length")) : 0;
            if (received.length() < end + 4 + length) {
                return out;
            }
            out.add(new Response(Integer.parseInt(lines[0].split(" ")[1]), headers,
                    received.substring(end + 4, end + 4 + length)));
            received.delete(0, end + 4 + length);
        }
    }

    /** The one response written since the last call. */
    Response response() {
        List<Response> all = responses();
        if (all.size() != 1) {
            throw new AssertionError("expected one response, got " + all);
        }
        return all.get(0);
    }
}
