package io.cairn.gateway.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A webhook endpoint on 127.0.0.1 that keeps what it receives; it can refuse the next requests. */
final class WebhookReceiver implements AutoCloseable {

    record Received(JsonNode record, String authorization, String signature, byte[] body) {
        String key() {
            return record.get("s3").get("object").get("key").asText();
        }

        String event() {
            return record.get("eventName").asText();
        }

        String sequencer() {
            return record.get("s3").get("object").get("sequencer").asText();
        }
    }

    final List<Received> received = new CopyOnWriteArrayList<>();
    final AtomicInteger refuse = new AtomicInteger();
    final AtomicInteger refused = new AtomicInteger();
    private final HttpServer server;

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/events", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (refuse.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                refused.incrementAndGet();
                exchange.sendResponseHeaders(503, -1);
                exchange.close();
                return;
            }
            JsonNode record = new ObjectMapper().readTree(body).get("Records").get(0);
            received.add(new Received(record, exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst(WebhookTarget.SIGNATURE_HEADER), body));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/events");
    }

    List<Received> of(String key) {
        return received.stream().filter(r -> r.key().equals(key)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
