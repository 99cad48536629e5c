package io.cairn.gateway.auth;

import io.cairn.gateway.auth.AuthException.Reason;
import io.cairn.presign.CanonicalRequest;
import io.cairn.presign.CredentialScope;
import io.cairn.presign.SigV4;
import io.cairn.presign.SigningKeys;
import io.cairn.presign.UriEncoding;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates S3 requests signed with SigV4, from the request head alone: the Authorization header
 * (AWS4-HMAC-SHA256) or a presigned URL (X-Amz-* query parameters).
 *
 * <p>Regions: a credential scope must name the configured region or "us-east-1". Clients that were
 * never told a region sign with us-east-1, and accepting it costs nothing because the signing key
 * depends on the region anyway; any other region is refused as AWS does (AuthorizationHeaderMalformed,
 * "the region 'x' is wrong; expecting 'y'"). The service must be "s3".
 */
public final class RequestAuthenticator {
    /** Largest distance between the request date and our clock, as in S3. */
    static final Duration MAX_SKEW = Duration.ofMinutes(15);
    static final String DEFAULT_REGION = "us-east-1";
    private static final Logger log = LoggerFactory.getLogger(RequestAuthenticator.class);

    private final CredentialStore credentials;
    private final Clock clock;
    private final String region;

    public RequestAuthenticator(CredentialStore credentials, Clock clock, String region) {
        this.credentials = credentials;
        this.clock = clock;
        this.region = region;
    }

    /**
     * Authenticates from the request head only (method, raw URI with query, headers), before any body
     * byte is read or 100-continue is sent. Anonymous requests (no Authorization header, no
     * X-Amz-Signature query) return {@link AuthResult#anonymousRequest()}.
     */
    public AuthResult authenticate(HttpRequest request) throws AuthException {
        String uri = stripSchemeAndAuthority(request.uri());
        int q = uri.indexOf('?');
        String rawPath = q < 0 ? uri : uri.substring(0, q);
        String rawQuery = q < 0 ? "" : uri.substring(q + 1);
        List<Map.Entry<String, String>> params = CanonicalRequest.parseQuery(rawQuery, Set.of());
        Map<String, String> query = new HashMap<>();
        params.forEach(p -> query.putIfAbsent(p.getKey(), p.getValue()));

        String authorization = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        boolean presigned = query.containsKey(PresignedQuery.SIGNATURE);
        if (authorization != null && presigned) {
            throw new AuthException(Reason.AMBIGUOUS_AUTHENTICATION, "Only one auth mechanism allowed; only the "
                    + "X-Amz-Algorithm query parameter or the Authorization header should be specified");
        }
        if (authorization != null) {
            return fromHeader(request, rawPath, params, AuthorizationHeader.parse(authorization.strip()));
        }
        if (presigned) {
            return fromQuery(request, rawPath, params, PresignedQuery.parse(query));
        }
        if (query.containsKey("AWSAccessKeyId") && query.containsKey("Signature")) {
            throw new AuthException(Reason.SIGV2_NOT_SUPPORTED,
                    "Signature Version 2 is not supported. Please use AWS4-HMAC-SHA256.");
        }
        PayloadMode mode = payloadMode(request.headers().get(BodyExpectations.CONTENT_SHA256));
        if (mode.signedChunks()) {
            throw new AuthException(Reason.SIGNED_PAYLOAD_WITHOUT_SIGNATURE,
                    "A signed aws-chunked body needs a signed request");
        }
        return AuthResult.anonymousRequest();
    }

    private AuthResult fromHeader(HttpRequest request, String rawPath, List<Map.Entry<String, String>> params,
                                  AuthorizationHeader header) throws AuthException {
        HttpHeaders headers = request.headers();
        String amzDateHeader = headers.get("x-amz-date");
        Instant date = amzDateHeader != null
                ? RequestDates.parseAmzDate(amzDateHeader)
                : RequestDates.parseHttpDate(headers.get(HttpHeaderNames.DATE));
        if (date == null) {
            throw new AuthException(Reason.MISSING_DATE,
                    "AWS authentication requires a valid Date or x-amz-date header");
        }
        checkScope(header.scope(), date, Reason.AUTHORIZATION_HEADER_MALFORMED);
        Instant now = clock.instant();
        if (Duration.between(date, now).abs().compareTo(MAX_SKEW) > 0) {
            throw new AuthException(Reason.REQUEST_TIME_TOO_SKEWED,
                    "The difference between the request time and the current time is too large.");
        }
        String payloadHash = headers.get(BodyExpectations.CONTENT_SHA256);
        if (payloadHash == null) {
            throw new AuthException(Reason.MISSING_CONTENT_SHA256,
                    "Missing required header for this request: x-amz-content-sha256");
        }
        payloadMode(payloadHash);
        Credentials user = lookup(header.accessKey());
        CanonicalRequest canonical = canonicalRequest(request, rawPath, params, header.signedHeaders(), payloadHash);
        String amzDate = SigV4.amzDate(date);
        byte[] key = SigningKeys.derive(user.secretKey(), header.scope());
        checkSignature(key, amzDate, header.scope(), canonical, header.signature());
        requireSigned(headers, header.signedHeaders());
        return AuthResult.signed(user, credentials.isRoot(user.accessKey()),
                new ChunkSigningContext(key, amzDate, header.scope(), header.signature()));
    }

    private AuthResult fromQuery(HttpRequest request, String rawPath, List<Map.Entry<String, String>> params,
                                 PresignedQuery presigned) throws AuthException {
        checkScope(presigned.scope(), presigned.date(), Reason.AUTHORIZATION_QUERY_MALFORMED);
        Instant now = clock.instant();
        if (now.isAfter(presigned.date().plusSeconds(presigned.expiresSeconds()))) {
            throw new AuthException(Reason.EXPIRED_PRESIGNED, "Request has expired");
        }
        if (presigned.date().minus(MAX_SKEW).isAfter(now)) {
            throw new AuthException(Reason.PRESIGNED_NOT_YET_VALID, "Request is not valid yet");
        }
        PayloadMode mode = payloadMode(request.headers().get(BodyExpectations.CONTENT_SHA256));
        if (mode.signedChunks()) {
            throw new AuthException(Reason.AUTHORIZATION_QUERY_MALFORMED,
                    "A presigned URL cannot carry a signed aws-chunked body");
        }
        Credentials user = lookup(presigned.accessKey());
        List<Map.Entry<String, String>> signedParams = params.stream()
                .filter(p -> !PresignedQuery.SIGNATURE.equals(p.getKey())).toList();
        CanonicalRequest canonical = canonicalRequest(request, rawPath, signedParams, presigned.signedHeaders(),
                presigned.payloadHash());
        byte[] key = SigningKeys.derive(user.secretKey(), presigned.scope());
        checkSignature(key, SigV4.amzDate(presigned.date()), presigned.scope(), canonical, presigned.signature());
        requireSigned(request.headers(), presigned.signedHeaders());
        return AuthResult.signed(user, credentials.isRoot(user.accessKey()), null);
    }

    /**
     * Refuses {@code x-amz-*} headers that the signature does not cover, as S3 does: anyone on the way could
     * have added them (an ACL, a copy source, SSE or lock settings) to a request signed without them. The
     * payload hash header is exempt: its value is part of the signed string whether or not it is listed.
     */
    private static void requireSigned(HttpHeaders headers, List<String> signedHeaders) throws AuthException {
        Set<String> unsigned = new TreeSet<>();
        for (String name : headers.names()) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith("x-amz-") && !lower.equals(BodyExpectations.CONTENT_SHA256)
                    && !signedHeaders.contains(lower)) {
                unsigned.add(lower);
            }
        }
        if (!unsigned.isEmpty()) {
            throw new AuthException(Reason.HEADERS_NOT_SIGNED,
                    "There were headers present in the request which were not signed: " + String.join(", ", unsigned));
        }
    }

    private void checkScope(CredentialScope scope, Instant date, Reason malformed) throws AuthException {
        if (!scope.region().equals(region) && !scope.region().equals(DEFAULT_REGION)) {
            throw new AuthException(malformed, "The authorization header is malformed; the region '"
                    + scope.region() + "' is wrong; expecting '" + region + "'");
        }
        if (!SigV4.SERVICE.equals(scope.service())) {
            throw new AuthException(malformed, "The authorization header is malformed; incorrect service \""
                    + scope.service() + "\". This endpoint belongs to \"s3\".");
        }
        if (!scope.date().equals(SigV4.scopeDate(date))) {
            throw new AuthException(malformed, "The authorization header is malformed; Invalid credential date \""
                    + scope.date() + "\". This date is not the same as the request date.");
        }
    }

    private Credentials lookup(String accessKey) throws AuthException {
        return credentials.lookup(accessKey).orElseThrow(() -> new AuthException(Reason.INVALID_ACCESS_KEY_ID,
                "The AWS Access Key Id you provided does not exist in our records."));
    }

    private static PayloadMode payloadMode(String contentSha256) throws AuthException {
        PayloadMode mode = PayloadMode.of(contentSha256);
        if (mode == null) {
            throw new AuthException(Reason.INVALID_CONTENT_SHA256,
                    "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-... or a valid sha256 value.");
        }
        return mode;
    }

    private static CanonicalRequest canonicalRequest(HttpRequest request, String rawPath,
                                                     List<Map.Entry<String, String>> params,
                                                     List<String> signedHeaders, String payloadHash) {
        HttpHeaders headers = request.headers();
        return new CanonicalRequest(request.method().name(),
                CanonicalRequest.canonicalUri(UriEncoding.decode(rawPath, false)),
                CanonicalRequest.canonicalQuery(params),
                CanonicalRequest.canonicalHeaders(signedHeaders, headers::getAll),
                String.join(";", signedHeaders), payloadHash);
    }

    private static void checkSignature(byte[] key, String amzDate, CredentialScope scope, CanonicalRequest canonical,
                                       String presented) throws AuthException {
        String stringToSign = SigV4.stringToSign(amzDate, scope, canonical);
        if (!SigV4.signaturesMatch(SigV4.signature(key, stringToSign), presented)) {
            if (log.isDebugEnabled()) {
                log.debug("signature mismatch; canonical request:\n{}\nstring to sign:\n{}", canonical.text(),
                        stringToSign);
            }
            throw new AuthException(Reason.SIGNATURE_DOES_NOT_MATCH, "The request signature we calculated does not "
                    + "match the signature you provided. Check your key and signing method.");
        }
    }

    /** Proxies may send the absolute form "http://host/path?q"; the signature covers only path and query. */
    private static String stripSchemeAndAuthority(String uri) {
        int scheme = uri.indexOf("://");
        if (scheme < 0 || uri.startsWith("/")) {
            return uri;
        }
        int slash = uri.indexOf('/', scheme + 3);
        int question = uri.indexOf('?', scheme + 3);
        if (slash < 0 || (question >= 0 && question < slash)) {
            return "/" + (question < 0 ? "" : uri.substring(question));
        }
        return uri.substring(slash);
    }
}
