package io.cairn.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits at start-up until the other nodes answer their open health path, so that a cluster started all at
 * once does not begin with every drive but its own marked offline. Gives up after a deadline and starts
 * anyway: the object layer copes with missing nodes, and a node that comes later is healed into place.
 */
final class PeerProbe {

    private static final Logger LOG = LoggerFactory.getLogger(PeerProbe.class);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);
    private static final long PAUSE_MILLIS = 200;

    private PeerProbe() {
    }

    /** Returns the addresses that answered; waits at most {@code wait} for all of them. */
    static List<String> awaitAll(List<String> addresses, Duration wait) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(PROBE_TIMEOUT).build();
        long deadline = System.nanoTime() + wait.toNanos();
        List<String> pending = new ArrayList<>(addresses);
        List<String> up = new ArrayList<>();
        while (true) {
            pending.removeIf(a -> {
                if (healthy(http, a)) {
                    up.add(a);
                    return true;
                }
                return false;
            });
            if (pending.isEmpty() || System.nanoTime() - deadline >= 0) {
                break;
            }
            Thread.sleep(PAUSE_MILLIS);
        }
        if (!pending.isEmpty()) {
            LOG.warn("starting without nodes {}: no health answer within {}", pending, wait);
        }
        return up;
    }

    static boolean healthy(HttpClient http, String address) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + address + "/v1/health"))
                    .timeout(PROBE_TIMEOUT).GET().build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
