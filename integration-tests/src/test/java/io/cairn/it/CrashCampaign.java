package io.cairn.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A crash campaign against one {@code cairn server}: clients run a mixed load (PUT and overwrite of 0 B up to
 * {@code maxSize}, some multipart, DELETE, GET) on keys they own while the server is killed with SIGKILL at
 * random moments; after every restart each key's GET and HEAD and the bucket's listing are checked against the
 * model of acknowledged requests ({@link KeyModel}).
 */
final class CrashCampaign implements CampaignClient.Context {

    /** What to run; see {@link #fromSystemProperties()}. */
    record Settings(long seed, int rounds, int clients, int keysPerClient, int maxSize, int minRunMillis,
                    int maxRunMillis, String healInterval, boolean keepGoing, double multipartShare) {

        /**
         * {@code crash.seed} (random and printed when unset), {@code crash.rounds} (kills; 8), and the load:
         * more than 10 rounds selects the long run's (6 clients of 8 keys, up to 16 MiB, 1-8 s between kills),
         * else the short run's (4 clients of 6 keys, up to 6 MiB, 2-5 s); each is settable: {@code crash.clients},
         * {@code crash.keys} (per client), {@code crash.maxSize} (bytes), {@code crash.minRunMillis},
         * {@code crash.maxRunMillis}, {@code crash.healInterval} (the server's --heal-interval; 5s),
         * {@code crash.keepGoing} (count every violation instead of stopping at the first round with one) and
         * {@code crash.multipartShare} (of the uploads above 5 MiB, those sent as multipart; 0.4).
         */
        static Settings fromSystemProperties() {
            String seedProperty = System.getProperty("crash.seed");
            long seed = seedProperty == null || seedProperty.isBlank() ? new Random().nextLong()
                    : Long.parseLong(seedProperty.trim());
            int rounds = Integer.getInteger("crash.rounds", 8);
            boolean longRun = rounds > 10;
            return new Settings(seed, rounds,
                    Integer.getInteger("crash.clients", longRun ? 6 : 4),
                    Integer.getInteger("crash.keys", longRun ? 8 : 6),
                    Integer.getInteger("crash.maxSize", longRun ? 16 << 20 : 6 << 20),
                    Integer.getInteger("crash.minRunMillis", longRun ? 1000 : 2000),
                    Integer.getInteger("crash.maxRunMillis", longRun ? 8000 : 5000),
                    System.getProperty("crash.healInterval", "5s"),
                    Boolean.getBoolean("crash.keepGoing"),
                    Double.parseDouble(System.getProperty("crash.multipartShare", "0.4")));
        }

        String replay() {
            return "-Dcrash.seed=" + seed + " -Dcrash.rounds=" + rounds + " -Dcrash.clients=" + clients
                    + " -Dcrash.keys=" + keysPerClient + " -Dcrash.maxSize=" + maxSize + " -Dcrash.minRunMillis="
                    + minRunMillis + " -Dcrash.maxRunMillis=" + maxRunMillis + " -Dcrash.healInterval="
                    + healInterval + " -Dcrash.multipartShare=" + multipartShare;
        }
    }

    /** The outcome: counts of requests by outcome, kills, and every violation found with the key's history. */
    record Result(Settings settings, int kills, Map<String, Long> counts, List<String> violations, long millis,
                  long restartMillis, long verifyMillis, String histories) {
        String summary() {
            return "crash campaign seed " + settings.seed() + ": " + kills + " kills in " + millis / 1000 + " s ("
                    + restartMillis / 1000 + " s restarting, " + verifyMillis / 1000 + " s verifying), requests "
                    + counts + ", " + violations.size() + " violations";
        }
    }

    static final String BUCKET = "crash";

    private final Settings settings;
    private final CrashServer server;
    private final AfterKill afterKill;
    private final CampaignGate gate = new CampaignGate();
    private final List<KeyModel> keys = new ArrayList<>();
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private final List<String> violations = java.util.Collections.synchronizedList(new ArrayList<>());
    private volatile S3Client s3;
    private volatile int kills;
    private volatile int round;
    private long restartNanos;
    private long verifyNanos;

    /** What happens to the drives between a kill and the restart, besides the kill itself. */
    interface AfterKill {
        void apply(int kill) throws Exception;
    }

    CrashCampaign(Settings settings, CrashServer server) {
        this(settings, server, kill -> { });
    }

    /** {@code afterKill} runs after each kill, with no request in flight, before the restart (a power loss). */
    CrashCampaign(Settings settings, CrashServer server, AfterKill afterKill) {
        this.settings = settings;
        this.server = server;
        this.afterKill = afterKill;
    }

    Result run() throws Exception {
        long start = System.currentTimeMillis();
        Random random = new Random(settings.seed());
        server.start();
        s3 = server.client();
        s3.createBucket(b -> b.bucket(BUCKET));
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < settings.clients(); c++) {
            List<KeyModel> own = new ArrayList<>();
            for (int k = 0; k < settings.keysPerClient(); k++) {
                // nested names (one key the parent "directory" of another), so deletes prune directories that
                // other keys' files live below
                String name = switch (k % 3) {
                    case 0 -> "c" + c + "/k" + k + "/leaf";
                    case 1 -> "c" + c + "/k" + (k - 1);
                    default -> "c" + c + "/k" + k;
                };
                own.add(new KeyModel(name));
            }
            keys.addAll(own);
            Thread t = new Thread(new CampaignClient(this, c, own, settings.seed(), settings.maxSize(),
                    settings.multipartShare()),
                    "crash-client-" + c);
            t.setDaemon(true);
            threads.add(t);
        }
        threads.forEach(Thread::start);
        try {
            for (round = 1; round <= settings.rounds(); round++) {
                int runFor = settings.minRunMillis()
                        + random.nextInt(settings.maxRunMillis() - settings.minRunMillis() + 1);
                Thread.sleep(runFor);
                // closed first: every request in flight now was cut by this kill
                gate.close();
                kills++;
                server.kill();
                if (!gate.awaitEmpty(180_000)) {
                    throw new IllegalStateException("clients still busy 180 s after kill " + kills);
                }
                s3.close();
                afterKill.apply(kills);
                long restart = System.nanoTime();
                server.start();
                s3 = server.client();
                long verify = System.nanoTime();
                verify();
                restartNanos += verify - restart;
                verifyNanos += System.nanoTime() - verify;
                // progress of a long run, in case it does not get to its end
                System.out.println("crash campaign seed " + settings.seed() + ": round " + round + " of "
                        + settings.rounds() + ", requests " + new TreeMap<>(counts) + ", " + violations.size()
                        + " violations");
                if (!violations.isEmpty() && !settings.keepGoing()) {
                    break;
                }
                gate.open();
            }
        } finally {
            gate.stop();
            for (Thread t : threads) {
                t.join(180_000);
            }
            s3.close();
        }
        Map<String, Long> totals = new TreeMap<>();
        counts.forEach((k, v) -> totals.put(k, v.get()));
        StringBuilder histories = new StringBuilder();
        for (KeyModel key : keys) {
            histories.append(key.key).append(":\n").append(key.history());
        }
        return new Result(settings, kills, totals, List.copyOf(violations), System.currentTimeMillis() - start,
                restartNanos / 1_000_000, verifyNanos / 1_000_000, histories.toString());
    }

    /** Checks every key's GET and HEAD against its model, then the listing against what the GETs found. */
    private void verify() {
        Set<String> present = new TreeSet<>();
        for (KeyModel key : keys) {
            String when = "after restart " + kills;
            KeyModel.State got;
            KeyModel.State headed;
            try {
                got = get(key.key);
                headed = head(key.key);
            } catch (RuntimeException e) {
                key.note("verify " + when + ": unreadable: " + e);
                report(key, "unreadable after restart " + kills + ": " + e, key.allowed().toString());
                continue;
            }
            if (!got.absent()) {
                present.add(key.key);
            }
            KeyModel.Violation v = key.judge(got);
            key.note("verify " + when + ": GET " + got + ", HEAD " + headed + (v == null ? "" : " -> " + v));
            if (v != null) {
                violation(key, v, got, "read " + when);
                key.settle(got, "settled on what the restart found, to go on");
            } else if (got.absent() != headed.absent() || !got.absent() && (got.size() != headed.size()
                    || !java.util.Objects.equals(got.etag(), headed.etag()))) {
                report(key, "HEAD disagrees with GET " + when + ": GET " + got + " ETag " + got.etag() + ", HEAD "
                        + headed + " ETag " + headed.etag(), key.allowed().toString());
            } else if (!got.absent() && !expectedEtag(key, got)) {
                report(key, "wrong ETag " + when + ": " + got.etag(), key.allowed().toString());
            }
        }
        Set<String> listed = new TreeSet<>();
        for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(BUCKET)).contents()) {
            listed.add(o.key());
        }
        if (!listed.equals(present)) {
            Set<String> extra = new TreeSet<>(listed);
            extra.removeAll(present);
            Set<String> missing = new TreeSet<>(present);
            missing.removeAll(listed);
            violations.add("round " + round + ": listing after restart " + kills + " differs from the GETs: listed but"
                    + " absent " + extra + ", present but not listed " + missing);
        }
    }

    private static boolean expectedEtag(KeyModel key, KeyModel.State got) {
        return key.allowed().stream().filter(s -> s.sameContent(got)).anyMatch(s -> s.etag().equals(got.etag()));
    }

    private KeyModel.State get(String key) {
        try {
            ResponseBytes<GetObjectResponse> r = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key));
            byte[] data = r.asByteArray();
            return new KeyModel.State(data.length, CampaignClient.sha256(data),
                    CampaignClient.unquote(r.response().eTag()));
        } catch (NoSuchKeyException e) {
            return KeyModel.State.ABSENT;
        }
    }

    private KeyModel.State head(String key) {
        try {
            HeadObjectResponse r = s3.headObject(b -> b.bucket(BUCKET).key(key));
            return new KeyModel.State(r.contentLength(), "?", CampaignClient.unquote(r.eTag()));
        } catch (NoSuchKeyException e) {
            return KeyModel.State.ABSENT;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return KeyModel.State.ABSENT;
            }
            throw e;
        }
    }

    @Override
    public void violation(KeyModel key, KeyModel.Violation violation, KeyModel.State observed, String when) {
        report(key, violation.description + " (" + when + ", found " + observed + ")", key.allowed().toString());
    }

    private void report(KeyModel key, String what, String allowed) {
        violations.add("round " + round + ": key " + key.key + ": " + what + "; allowed " + allowed
                + "\n  history of " + key.key + " (client side):\n" + key.history()
                + "  the server's access log of " + key.key + " (starts marked):\n" + serverLines(key.key));
    }

    /** The server's log lines of {@code key} and its starts, the last 60: acknowledged changes survive a kill. */
    private String serverLines(String key) {
        String needle = " key=" + key + " ";
        List<String> lines = server.readLog().lines()
                .filter(l -> l.contains(needle) || l.startsWith("---- start")).toList();
        StringBuilder b = new StringBuilder();
        for (String line : lines.subList(Math.max(0, lines.size() - 60), lines.size())) {
            b.append("    ").append(line).append('\n');
        }
        return b.toString();
    }

    @Override
    public CampaignGate gate() {
        return gate;
    }

    @Override
    public S3Client s3() {
        return s3;
    }

    @Override
    public String bucket() {
        return BUCKET;
    }

    @Override
    public void count(String what) {
        counts.computeIfAbsent(what, k -> new AtomicLong()).incrementAndGet();
    }
}
