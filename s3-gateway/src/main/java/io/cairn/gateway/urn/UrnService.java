package io.cairn.gateway.urn;

import io.cairn.object.ObjectInfo;
import io.cairn.object.ObjectNotFoundException;
import io.cairn.object.ObjectService;
import io.cairn.presign.PostCondition;
import io.cairn.presign.PostForm;
import io.cairn.presign.PostPolicySigner;
import io.cairn.presign.PresignRequest;
import io.cairn.presign.Presigner;
import io.cairn.presign.SigningCredentials;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Minting and status of URNs. Minting writes (or extends) the reservation and signs, with the caller's
 * own credentials, a create-only PUT URL, a POST form and status/await URLs, all expiring together.
 * Blocking: runs on worker threads.
 */
public final class UrnService {

    /** How long a minted URL lives unless the caller asks otherwise. */
    static final Duration DEFAULT_EXPIRY = Duration.ofMinutes(15);
    /** The long-poll timeout baked into a minted await URL. */
    static final int AWAIT_SECONDS = 30;

    private final ObjectService objects;
    private final String region;
    private final Clock clock;

    public UrnService(ObjectService objects, String region, Clock clock) {
        this.objects = objects;
        this.region = region;
        this.clock = clock;
    }

    /**
     * What a caller asks to mint. {@code id} null: a fresh random id. {@code redirect}: where the POST form
     * sends the browser after the upload (success_action_redirect), or null for a 204.
     */
    record MintRequest(String namespace, String kind, String id, String contentType, Long maxSize,
                       Duration expires, boolean createOnly, String redirect) {
    }

    /** The state of a URN as status and await report it. */
    enum State { PENDING, COMMITTED, EXPIRED, UNKNOWN }

    /** A URN's state with, once committed, its object. */
    record Status(Urn urn, State state, ObjectInfo object, Instant expires) {
    }

    Map<String, Object> mint(MintRequest request, SigningCredentials signer, URI endpoint) {
        Urn urn = new Urn(request.namespace(), request.kind(),
                request.id() != null ? request.id() : RandomIds.next());
        objects.headBucket(urn.bucket());
        Instant now = clock.instant();
        Instant expires = now.plus(request.expires());
        String name = Reservation.configName(urn);
        Optional<Reservation> old = objects.getBucketConfig(urn.bucket(), name).map(Reservation::fromJson);
        long created = old.map(Reservation::createdAtMillis).orElse(now.toEpochMilli());
        long until = Math.max(expires.toEpochMilli(), old.map(Reservation::expiresAtMillis).orElse(0L));
        objects.putBucketConfig(urn.bucket(), name, new Reservation(urn.toString(), created, until,
                request.contentType(), request.maxSize(), request.createOnly()).toJson());

        Map<String, String> putHeaders = new TreeMap<>();
        if (request.contentType() != null) {
            putHeaders.put("content-type", request.contentType());
        }
        if (request.createOnly()) {
            putHeaders.put("if-none-match", "*");
        }
        URI put = Presigner.presign(new PresignRequest("PUT", endpoint, "/" + urn.bucket() + "/" + urn.key(),
                Map.of(), putHeaders, request.expires(), region, now), signer);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("urn", urn.toString());
        out.put("bucket", urn.bucket());
        out.put("key", urn.key());
        out.put("putUrl", put.toString());
        out.put("putHeaders", putHeaders);
        PostForm form = postForm(urn, request, signer, endpoint, now);
        out.put("post", Map.of("url", form.url(), "fields", form.fields()));
        out.put("statusUrl", presignGet(endpoint, "/-/urn/status", Map.of("urn", urn.toString()), request, signer, now));
        out.put("awaitUrl", presignGet(endpoint, "/-/urn/await",
                Map.of("urn", urn.toString(), "timeout", Integer.toString(AWAIT_SECONDS)), request, signer, now));
        out.put("expires", expires.toString());
        return out;
    }

    private PostForm postForm(Urn urn, MintRequest request, SigningCredentials signer, URI endpoint, Instant now) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("key", urn.key());
        if (request.contentType() != null) {
            fields.put("Content-Type", request.contentType());
        }
        if (request.redirect() != null) {
            fields.put("success_action_redirect", request.redirect());
        }
        List<PostCondition> conditions = request.maxSize() == null ? List.of()
                : List.of(new PostCondition.ContentLengthRange(0, request.maxSize()));
        return PostPolicySigner.sign(endpoint, urn.bucket(), fields, conditions, request.expires(), signer, region, now);
    }

    private String presignGet(URI endpoint, String path, Map<String, String> query, MintRequest request,
                              SigningCredentials signer, Instant now) {
        return Presigner.presign(new PresignRequest("GET", endpoint, path, query, Map.of(), request.expires(), region,
                now), signer).toString();
    }

    /** Committed when the object exists; else pending until the reservation expires (then it is removed). */
    Status status(Urn urn) {
        try {
            return new Status(urn, State.COMMITTED, objects.headObject(urn.bucket(), urn.key(), null), null);
        } catch (ObjectNotFoundException e) {
            // not uploaded (yet): the reservation decides
        }
        String name = Reservation.configName(urn);
        Optional<Reservation> r = objects.getBucketConfig(urn.bucket(), name).map(Reservation::fromJson);
        if (r.isEmpty()) {
            return new Status(urn, State.UNKNOWN, null, null);
        }
        Instant expires = Instant.ofEpochMilli(r.get().expiresAtMillis());
        if (r.get().expired(clock.instant())) {
            objects.deleteBucketConfig(urn.bucket(), name);
            return new Status(urn, State.EXPIRED, null, expires);
        }
        return new Status(urn, State.PENDING, null, expires);
    }

    /** The object layer committed {@code info}: its reservation, if any, has served its purpose. */
    void forget(ObjectInfo info) {
        int slash = info.key().indexOf('/');
        if (slash <= 0) {
            return;
        }
        try {
            Urn urn = new Urn(info.bucket(), info.key().substring(0, slash), info.key().substring(slash + 1));
            String name = Reservation.configName(urn);
            if (objects.getBucketConfig(urn.bucket(), name).isPresent()) {
                objects.deleteBucketConfig(urn.bucket(), name);
            }
        } catch (IllegalArgumentException notAUrnKey) {
            // an ordinary key
        }
    }
}
