package io.cairn.presign;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Builds SigV4 presigned URLs (X-Amz-* query authentication, payload UNSIGNED-PAYLOAD). */
public final class Presigner {
    private Presigner() {
    }

    /** A path-style URL for {@code method} on bucket/key, e.g. http://127.0.0.1:9000/bucket/key?X-Amz-... */
    public static URI presign(String method, URI endpoint, String bucket, String key, Duration expires,
                              SigningCredentials credentials, String region, Instant now) {
        String path = "/" + bucket + (key == null || key.isEmpty() ? "" : "/" + key);
        return presign(new PresignRequest(method, endpoint, path, Map.of(), Map.of(), expires, region, now),
                credentials);
    }

    public static URI presign(PresignRequest request, SigningCredentials credentials) {
        CredentialScope scope = new CredentialScope(SigV4.scopeDate(request.now()), request.region(), SigV4.SERVICE);
        String amzDate = SigV4.amzDate(request.now());

        TreeMap<String, String> headers = new TreeMap<>();
        headers.put("host", hostHeader(request.endpoint()));
        request.headers().forEach((name, value) -> headers.put(name.toLowerCase(Locale.ROOT), value));
        String signedHeaders = String.join(";", headers.keySet());

        List<Map.Entry<String, String>> query = new ArrayList<>();
        request.query().forEach((name, value) -> query.add(new SimpleEntry<>(name, value)));
        query.add(new SimpleEntry<>("X-Amz-Algorithm", SigV4.ALGORITHM));
        query.add(new SimpleEntry<>("X-Amz-Credential", scope.credential(credentials.accessKey())));
        query.add(new SimpleEntry<>("X-Amz-Date", amzDate));
        query.add(new SimpleEntry<>("X-Amz-Expires", Long.toString(request.expires().getSeconds())));
        query.add(new SimpleEntry<>("X-Amz-SignedHeaders", signedHeaders));
        String canonicalQuery = CanonicalRequest.canonicalQuery(query);

        String canonicalUri = CanonicalRequest.canonicalUri(request.path());
        CanonicalRequest canonical = new CanonicalRequest(request.method(), canonicalUri, canonicalQuery,
                CanonicalRequest.canonicalHeaders(new ArrayList<>(headers.keySet()), n -> List.of(headers.get(n))),
                signedHeaders, SigV4.UNSIGNED_PAYLOAD);
        byte[] key = SigningKeys.derive(credentials.secretKey(), scope);
        String signature = SigV4.signature(key, SigV4.stringToSign(amzDate, scope, canonical));

        URI endpoint = request.endpoint();
        String base = endpoint.getScheme() + "://" + endpoint.getRawAuthority();
        return URI.create(base + canonicalUri + '?' + canonicalQuery + "&X-Amz-Signature=" + signature);
    }

    /** The Host header a client sends for this endpoint: the port only when it is not the scheme's default. */
    public static String hostHeader(URI endpoint) {
        int port = endpoint.getPort();
        boolean defaultPort = port == -1
                || ("http".equalsIgnoreCase(endpoint.getScheme()) && port == 80)
                || ("https".equalsIgnoreCase(endpoint.getScheme()) && port == 443);
        return defaultPort ? endpoint.getHost() : endpoint.getHost() + ':' + port;
    }
}
