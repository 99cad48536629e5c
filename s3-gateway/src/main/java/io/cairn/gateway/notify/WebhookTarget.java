package io.cairn.gateway.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An HTTP endpoint: each event is one {@code POST} of its JSON; any 2xx answer acknowledges it. Authenticated
 * with {@code Authorization: Bearer TOKEN}, or with {@code X-Cairn-Signature: sha256=HEX}, the HMAC-SHA256 of
 * the body under a shared secret (the receiver recomputes it; it also proves the body was not changed).
 */
final class WebhookTarget implements NotificationTarget {

    static final String SIGNATURE_HEADER = "X-Cairn-Signature";

    private final String arn;
    private final URI endpoint;
    private final String bearerToken;
    private final byte[] hmacSecret;
    private final Duration timeout;
    private final HttpClient client;

    WebhookTarget(String id, URI endpoint, String bearerToken, byte[] hmacSecret, Duration timeout) {
        if (!"http".equals(endpoint.getScheme()) && !"https".equals(endpoint.getScheme())) {
            throw new IllegalArgumentException("webhook " + id + ": the endpoint must be an http or https URL");
        }
        this.arn = TargetArn.of(id, "webhook");
        this.endpoint = endpoint;
        this.bearerToken = bearerToken;
        this.hmacSecret = hmacSecret == null ? null : hmacSecret.clone();
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public String arn() {
        return arn;
    }

    @Override
    public void deliver(String partitionKey, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (bearerToken != null) {
            b.header("Authorization", "Bearer " + bearerToken);
        }
        if (hmacSecret != null) {
            b.header(SIGNATURE_HEADER, signature(hmacSecret, body));
        }
        HttpResponse<Void> r = client.send(b.build(), HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() / 100 != 2) {
            throw new IOException("webhook " + endpoint + " answered " + r.statusCode());
        }
    }

    /** {@code sha256=} and the lower-case hex HMAC-SHA256 of {@code body} under {@code secret}. */
    static String signature(byte[] secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        // the JDK client's threads are daemons and its connections close when it is collected
    }

    @Override
    public String toString() {
        return arn + " -> " + endpoint + (bearerToken != null ? " (bearer token)" : hmacSecret != null
                ? " (HMAC-SHA256 signature)" : "");
    }
}
