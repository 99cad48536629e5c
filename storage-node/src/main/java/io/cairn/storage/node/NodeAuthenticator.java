package io.cairn.storage.node;

import io.netty.handler.codec.http.HttpHeaders;
import java.time.Clock;

/**
 * Decides whether a request's headers prove knowledge of the cluster secret: a valid signature, a date
 * within {@link #WINDOW_MILLIS} of this node's clock and a nonce not seen before. The body's SHA-256 is
 * signed as declared and checked against the body once it has arrived.
 */
final class NodeAuthenticator {

    static final long WINDOW_MILLIS = 5 * 60 * 1000;
    private static final int REPLAY_CAPACITY = 100_000;

    private final RequestSigner signer;
    private final Clock clock;
    private final ReplayCache replays;

    NodeAuthenticator(byte[] clusterSecret, Clock clock) {
        this.signer = new RequestSigner(clusterSecret);
        this.clock = clock;
        this.replays = new ReplayCache(REPLAY_CAPACITY, WINDOW_MILLIS);
    }

    /** Null when the request is authentic, else why it is refused (safe to log: no secret, no signature). */
    String refusal(String method, String uri, HttpHeaders headers) {
        String date = headers.get(NodeProtocol.DATE);
        String nonce = headers.get(NodeProtocol.NONCE);
        String bodySha = headers.get(NodeProtocol.CONTENT_SHA256);
        String authorization = headers.get(NodeProtocol.AUTHORIZATION);
        if (date == null || nonce == null || bodySha == null || authorization == null) {
            return "missing authentication headers";
        }
        if (!nonce.matches("[0-9a-f]{32}") || !bodySha.matches("[0-9a-f]{64}")) {
            return "malformed nonce or body hash";
        }
        long millis;
        try {
            millis = Long.parseLong(date);
        } catch (NumberFormatException e) {
            return "malformed date";
        }
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        String query = q < 0 ? "" : uri.substring(q + 1);
        if (!signer.verify(authorization, RequestSigner.stringToSign(method, path, query, date, nonce, bodySha))) {
            return "bad signature";
        }
        long now = clock.millis();
        if (Math.abs(now - millis) > WINDOW_MILLIS) {
            return "date " + millis + " is more than 5 minutes from the node's clock " + now;
        }
        if (!replays.firstUse(nonce, millis, now)) {
            return "replayed nonce";
        }
        return null;
    }
}
