package io.cairn.it;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * One client of the crash campaign: owns its keys, sends one request at a time (so a key never has two in
 * flight) and records every outcome in the keys' models. Its schedule (keys, operations, sizes, contents)
 * follows from the campaign seed and the client's number alone.
 */
final class CampaignClient implements Runnable {

    static final int PART_SIZE = 5 * 1024 * 1024;

    /** What a client needs from the campaign that runs it. */
    interface Context {
        CampaignGate gate();

        /** The client of the server running now. */
        S3Client s3();

        String bucket();

        void count(String what);

        /** A read during the run returned a state the model does not allow. */
        void violation(KeyModel key, KeyModel.Violation violation, KeyModel.State observed, String when);
    }

    private final Context ctx;
    private final int number;
    private final List<KeyModel> keys;
    private final long seed;
    private final int maxSize;
    private final double multipartShare;
    private final Random random;
    private int ops;

    /** {@code multipartShare}: the share of uploads above the part size (5 MiB) sent as multipart uploads. */
    CampaignClient(Context ctx, int number, List<KeyModel> keys, long seed, int maxSize, double multipartShare) {
        this.ctx = ctx;
        this.number = number;
        this.keys = keys;
        this.seed = seed;
        this.maxSize = maxSize;
        this.multipartShare = multipartShare;
        this.random = new Random(seed * 31 + number);
    }

    @Override
    public void run() {
        try {
            for (int kills = ctx.gate().enter(); kills >= 0; kills = ctx.gate().enter()) {
                try {
                    step(kills);
                } finally {
                    ctx.gate().exit();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void step(int kills) {
        KeyModel key = keys.get(random.nextInt(keys.size()));
        String op = "c" + number + "#" + (++ops);
        double p = random.nextDouble();
        if (p < 0.50) {
            int size = nextSize();
            long contentSeed = seed ^ ((long) number << 40) ^ ops * 0x9E3779B97F4A7C15L;
            if (size > PART_SIZE && random.nextDouble() < multipartShare) {
                multipart(key, op, size, contentSeed, random.nextDouble() < 0.1, kills);
            } else {
                put(key, op, size, contentSeed, kills);
            }
        } else if (p < 0.65) {
            delete(key, op, kills);
        } else {
            get(key, op, kills);
        }
    }

    private int nextSize() {
        double p = random.nextDouble();
        if (p < 0.08) {
            return 0;
        } else if (p < 0.35) {
            return 1 + random.nextInt(16 * 1024);
        } else if (p < 0.65) {
            return 16 * 1024 + random.nextInt(1024 * 1024 - 16 * 1024);
        }
        int bigFrom = Math.min(maxSize, 1024 * 1024);
        if (p < 0.85 || maxSize <= PART_SIZE) {
            return bigFrom + random.nextInt(Math.min(maxSize, PART_SIZE) - bigFrom + 1);
        }
        return PART_SIZE + random.nextInt(maxSize - PART_SIZE + 1);
    }

    private void put(KeyModel key, String op, int size, long contentSeed, int kills) {
        byte[] data = content(contentSeed, size);
        KeyModel.State after = new KeyModel.State(size, sha256(data), hex(md5(data)));
        try {
            var r = ctx.s3().putObject(b -> b.bucket(ctx.bucket()).key(key.key), RequestBody.fromBytes(data));
            key.acknowledged(after, op + " PUT " + after + " -> ok " + requestId(r.responseMetadata().requestId()));
            ctx.count("put");
        } catch (RuntimeException e) {
            key.uncertain(after, op + " PUT " + after + " -> " + failure(e, kills));
            ctx.count(cut(kills) ? "cut by a kill" : "failed");
        }
    }

    /** Create, upload parts, complete; {@code abandon}: abort after the first part instead. */
    private void multipart(KeyModel key, String op, int size, long contentSeed, boolean abandon, int kills) {
        byte[] data = content(contentSeed, size);
        int parts = (size + PART_SIZE - 1) / PART_SIZE;
        MessageDigest partMd5s = md5Digest();
        for (int i = 0; i < parts; i++) {
            int from = i * PART_SIZE;
            partMd5s.update(md5(java.util.Arrays.copyOfRange(data, from, Math.min(size, from + PART_SIZE))));
        }
        KeyModel.State after = new KeyModel.State(size, sha256(data), hex(partMd5s.digest()) + "-" + parts);
        S3Client s3 = ctx.s3();
        String uploadId = null;
        boolean completeSent = false;
        try {
            uploadId = s3.createMultipartUpload(b -> b.bucket(ctx.bucket()).key(key.key)).uploadId();
            List<CompletedPart> done = new ArrayList<>();
            for (int i = 0; i < parts; i++) {
                int from = i * PART_SIZE;
                byte[] part = java.util.Arrays.copyOfRange(data, from, Math.min(size, from + PART_SIZE));
                int number = i + 1;
                String id = uploadId;
                String etag = s3.uploadPart(b -> b.bucket(ctx.bucket()).key(key.key).uploadId(id).partNumber(number),
                        RequestBody.fromBytes(part)).eTag();
                done.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
                if (abandon) {
                    s3.abortMultipartUpload(b -> b.bucket(ctx.bucket()).key(key.key).uploadId(id));
                    key.note(op + " multipart upload " + id + " of " + after + " -> aborted after part 1 (no change)");
                    ctx.count("abort");
                    return;
                }
            }
            String id = uploadId;
            completeSent = true;
            var r = s3.completeMultipartUpload(b -> b.bucket(ctx.bucket()).key(key.key).uploadId(id)
                    .multipartUpload(m -> m.parts(done)));
            key.acknowledged(after, op + " MULTIPART " + after + " in " + parts + " parts, upload " + id + " -> ok "
                    + requestId(r.responseMetadata().requestId()));
            ctx.count("multipart");
        } catch (RuntimeException e) {
            String what = op + " MULTIPART " + after + " upload " + uploadId;
            if (completeSent) {
                key.uncertain(after, what + " -> complete " + failure(e, kills));
            } else {
                key.note(what + " -> " + failure(e, kills) + " before completion (no change)");
                abortQuietly(s3, key, uploadId);
            }
            ctx.count(cut(kills) ? "cut by a kill" : "failed");
        }
    }

    private void abortQuietly(S3Client s3, KeyModel key, String uploadId) {
        if (uploadId == null) {
            return;
        }
        try {
            s3.abortMultipartUpload(b -> b.bucket(ctx.bucket()).key(key.key).uploadId(uploadId));
        } catch (RuntimeException ignored) {
            // the server may be down; the upload stays behind, which the key's state does not see
        }
    }

    private void delete(KeyModel key, String op, int kills) {
        try {
            var r = ctx.s3().deleteObject(b -> b.bucket(ctx.bucket()).key(key.key));
            key.acknowledged(KeyModel.State.ABSENT, op + " DELETE -> ok " + requestId(r.responseMetadata().requestId()));
            ctx.count("delete");
        } catch (RuntimeException e) {
            key.uncertain(KeyModel.State.ABSENT, op + " DELETE -> " + failure(e, kills));
            ctx.count(cut(kills) ? "cut by a kill" : "failed");
        }
    }

    private void get(KeyModel key, String op, int kills) {
        KeyModel.State observed;
        String id;
        try {
            ResponseBytes<GetObjectResponse> r = ctx.s3().getObjectAsBytes(b -> b.bucket(ctx.bucket()).key(key.key));
            byte[] data = r.asByteArray();
            observed = new KeyModel.State(data.length, sha256(data), unquote(r.response().eTag()));
            id = r.response().responseMetadata().requestId();
        } catch (NoSuchKeyException e) {
            observed = KeyModel.State.ABSENT;
            id = e.requestId();
        } catch (RuntimeException e) {
            key.note(op + " GET -> " + failure(e, kills));
            ctx.count(cut(kills) ? "cut by a kill" : "failed");
            return;
        }
        key.note(op + " GET -> " + observed + " " + requestId(id));
        ctx.count("get");
        KeyModel.Violation v = key.judge(observed);
        if (v != null) {
            ctx.violation(key, v, observed, "read by " + op + " while running");
        }
    }

    private boolean cut(int killsBefore) {
        return ctx.gate().closes() != killsBefore;
    }

    private String failure(RuntimeException e, int killsBefore) {
        String id = e instanceof S3Exception s3e ? " " + requestId(s3e.requestId()) : "";
        String message = String.valueOf(e.getMessage());
        if (message.length() > 160) {
            message = message.substring(0, 160) + "...";
        }
        return (cut(killsBefore) ? "CUT by kill " + ctx.gate().closes() : "FAILED") + ": " + e.getClass().getSimpleName()
                + ": " + message + id;
    }

    private static String requestId(String id) {
        return "request " + id;
    }

    static String unquote(String etag) {
        if (etag == null) {
            return null;
        }
        return etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"")
                ? etag.substring(1, etag.length() - 1) : etag;
    }

    static byte[] content(long contentSeed, int size) {
        byte[] data = new byte[size];
        new SplittableRandom(contentSeed).nextBytes(data);
        return data;
    }

    static String sha256(byte[] data) {
        try {
            return hex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] md5(byte[] data) {
        return md5Digest().digest(data);
    }

    private static MessageDigest md5Digest() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
