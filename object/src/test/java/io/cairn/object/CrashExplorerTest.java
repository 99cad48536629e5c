package io.cairn.object;

import static org.junit.jupiter.api.Assertions.fail;

import io.cairn.erasure.StripeLayout;
import io.cairn.storage.FileShardStore;
import io.cairn.storage.ShardStore;
import io.cairn.storage.testing.InMemoryShardStore;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The object layer's commit protocol under crashes: a process runs a random mix of PUT, overwrite, multipart,
 * abandoned uploads, DELETE, GET and heal scans from two clients (each on its own keys) while a heal runs over
 * every key without rest, and dies at a random change to its drives (every later call of that process fails and
 * changes nothing); a new process over the same drives must then read every key as the acknowledged requests
 * say (a request that failed may have taken effect or not). Over drives in memory, over real files, and over
 * drives where some changes land after their caller timed out (a rename stuck in the file system).
 * {@code -Dexplorer.seeds=N}, {@code -Dexplorer.seed=S} and {@code -Dexplorer.crashes=C} explore more.
 */
class CrashExplorerTest {

    private static final String BUCKET = "b";
    /** Each client's keys; "n" and "n/x" belong to different clients, so their directories are shared. */
    private static final List<List<String>> CLIENT_KEYS = List.of(
            List.of("c0/k0", "c0/k1", "c0/d", "c0/d/leaf", "n"),
            List.of("c1/k0", "c1/k1", "n/x"));
    private static final StripeLayout LAYOUT = new StripeLayout(2, 2, 4096);
    /** Crashes per seed; {@code -Dexplorer.seeds=N} (and {@code explorer.seed}, the first) explore more. */
    private static final int CRASHES = Integer.getInteger("explorer.crashes", 12);

    @TempDir
    Path tmp;

    @Test
    void acknowledgedWritesSurviveACrashAtAnyChangeInMemory() throws Exception {
        int seeds = Integer.getInteger("explorer.seeds", 6);
        long first = Long.getLong("explorer.seed", 1);
        for (long seed = first; seed < first + seeds; seed++) {
            List<ShardStore> disks = new ArrayList<>();
            for (int i = 0; i < LAYOUT.totalShards(); i++) {
                disks.add(new InMemoryShardStore("d" + (i + 1)));
            }
            explore(seed, CRASHES, () -> disks);
        }
    }

    /** As above, with some changes landing after their caller timed out (a drive stuck in the file system). */
    @Test
    void acknowledgedWritesSurviveACrashAtAnyChangeWithSlowDrives() throws Exception {
        int seeds = Integer.getInteger("explorer.seeds", 2);
        long first = Long.getLong("explorer.seed", 1);
        double slow = Double.parseDouble(System.getProperty("explorer.slow", "0.2"));
        for (long seed = first; seed < first + seeds; seed++) {
            List<ShardStore> disks = new ArrayList<>();
            for (int i = 0; i < LAYOUT.totalShards(); i++) {
                disks.add(new InMemoryShardStore("d" + (i + 1)));
            }
            explore(seed, CRASHES, () -> disks, Duration.ofMillis(60), slow, 150);
        }
    }

    @Test
    void acknowledgedWritesSurviveACrashAtAnyChangeOnFiles() throws Exception {
        int seeds = Integer.getInteger("explorer.seeds", 2);
        long first = Long.getLong("explorer.seed", 1);
        for (long seed = first; seed < first + seeds; seed++) {
            Path root = Files.createDirectories(tmp.resolve("seed-" + seed));
            explore(seed, CRASHES, () -> {
                List<ShardStore> drives = new ArrayList<>();
                for (int i = 0; i < LAYOUT.totalShards(); i++) {
                    drives.add(new FileShardStore(root.resolve("d" + (i + 1))));
                }
                return drives;
            });
        }
    }

    /**
     * One history of {@code crashes} crashes from {@code seed} over the drives {@code open} gives at every start;
     * fails with the history of a key gone wrong.
     */
    static void explore(long seed, int crashes, Supplier<List<ShardStore>> open) throws Exception {
        explore(seed, crashes, open, Duration.ofSeconds(20), 0, 0);
    }

    static void explore(long seed, int crashes, Supplier<List<ShardStore>> open, Duration driveTimeout,
                        double slowChance, long slowMillis) throws Exception {
        Random random = new Random(seed);
        Map<String, Model> models = new LinkedHashMap<>();
        CLIENT_KEYS.forEach(keys -> keys.forEach(k -> models.put(k, new Model(k))));
        Supplier<Process> start = () -> {
            Process started = new Process(open.get(), driveTimeout);
            started.power.slow(slowChance, slowMillis);
            return started;
        };
        Process p = start.get();
        p.service.createBucket(BUCKET);
        for (int crash = 1; crash <= crashes; crash++) {
            p.power.offAfter(1 + random.nextInt(80));
            runUntilCrash(p, models, random, seed, crash);
            p.close();
            // read back by a process with time to spare: a read that times out proves nothing here
            try (Process reader = new Process(open.get(), Duration.ofSeconds(20))) {
                verify(reader, models, seed, crash);
            }
            p = start.get();
        }
        p.close();
    }

    /** The clients, each on its own keys, and a heal that never rests, until the process dies. */
    private static void runUntilCrash(Process p, Map<String, Model> models, Random random, long seed, int crash)
            throws InterruptedException {
        List<Thread> clients = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (List<String> keys : CLIENT_KEYS) {
            Random r = new Random(random.nextLong());
            clients.add(start(() -> {
                try {
                    for (int op = 0; op < 200 && !p.power.isOff(); op++) {
                        step(p, models.get(keys.get(r.nextInt(keys.size()))), r, seed, crash);
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }));
        }
        Random hr = new Random(random.nextLong());
        List<String> all = new ArrayList<>(models.keySet());
        Thread healer = start(() -> {
            while (!p.power.isOff() && clients.stream().anyMatch(Thread::isAlive)) {
                try {
                    p.service.healObject(BUCKET, all.get(hr.nextInt(all.size())));
                    Thread.sleep(1);
                } catch (RuntimeException e) {
                    // a key being written, or the process dying
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        for (Thread t : clients) {
            t.join(120_000);
        }
        healer.join(120_000);
        if (!failures.isEmpty()) {
            throw new AssertionError(failures.get(0));
        }
    }

    private static Thread start(Runnable r) {
        Thread t = new Thread(r);
        t.start();
        return t;
    }

    /** Every key read by the restarted process must be a state its model allows; reads queue heals. */
    private static void verify(Process p, Map<String, Model> models, long seed, int crash) {
        for (Model m : models.values()) {
            String got;
            try {
                got = read(p.service, m.key);
            } catch (RuntimeException e) {
                fail("seed " + seed + ", crash " + crash + ", key " + m.key + ": unreadable after the crash: " + e
                        + "\n" + m.history());
                return;
            }
            m.log("after crash " + crash + ": read " + show(got));
            String violation = m.judge(got);
            if (violation != null) {
                fail("seed " + seed + ", crash " + crash + ", key " + m.key + ": " + violation + " (read "
                        + show(got) + ", allowed " + m.allowedText() + ")\n" + m.history());
            }
        }
        p.service.awaitHeals();
    }

    private static void step(Process p, Model m, Random random, long seed, int crash) {
        double r = random.nextDouble();
        ErasureObjectService s = p.service;
        try {
            if (r < 0.40) {
                byte[] data = content(random);
                String d = digest(data);
                m.attempt(d, "PUT " + show(d));
                s.putObject(BUCKET, m.key, new ByteArrayInputStream(data), data.length, PutOptions.of(Map.of()));
                m.acknowledged(d);
            } else if (r < 0.55) {
                multipart(s, m, random);
            } else if (r < 0.70) {
                m.attempt(null, "DELETE");
                s.deleteObject(BUCKET, m.key, null);
                m.acknowledged(null);
            } else if (r < 0.95) {
                String got = read(s, m.key);
                m.log("GET " + show(got));
                String violation = m.judge(got);
                if (violation != null) {
                    fail("seed " + seed + ", before crash " + crash + ", key " + m.key + ": " + violation
                            + " while running (read " + show(got) + ", allowed " + m.allowedText() + ")\n"
                            + m.history());
                }
            } else {
                s.healAll(BUCKET, null, 0, x -> { });
                m.log("heal scan");
            }
        } catch (RuntimeException e) {
            m.failed(e);
        }
    }

    private static void multipart(ErasureObjectService s, Model m, Random random) {
        int parts = 1 + random.nextInt(3);
        List<byte[]> bodies = new ArrayList<>();
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < parts; i++) {
            byte[] b = new byte[1024 + random.nextInt(6000)];
            random.nextBytes(b);
            bodies.add(b);
            all.writeBytes(b);
        }
        String d = digest(all.toByteArray());
        boolean abandon = random.nextDouble() < 0.2;
        String id = s.createMultipartUpload(BUCKET, m.key, Map.of());
        List<CompletedPart> done = new ArrayList<>();
        for (int i = 0; i < parts; i++) {
            PartInfo info = s.uploadPart(BUCKET, m.key, id, i + 1, new ByteArrayInputStream(bodies.get(i)),
                    bodies.get(i).length, Map.of());
            done.add(new CompletedPart(i + 1, info.etag()));
        }
        if (abandon) {
            m.log("multipart " + show(d) + " aborted");
            s.abortMultipartUpload(BUCKET, m.key, id);
            return;
        }
        m.attempt(d, "MULTIPART " + show(d) + " in " + parts + " parts");
        s.completeMultipartUpload(BUCKET, m.key, id, done, PutOptions.of(Map.of()));
        m.acknowledged(d);
    }

    private static byte[] content(Random random) {
        double p = random.nextDouble();
        int size = p < 0.1 ? 0 : p < 0.4 ? 1 + random.nextInt(512) : 513 + random.nextInt(20_000);
        byte[] b = new byte[size];
        random.nextBytes(b);
        return b;
    }

    /** The digest of the key's content, null when absent. */
    static String read(ErasureObjectService s, String key) {
        try (ObjectContent c = s.getObject(BUCKET, key, null, null)) {
            ByteBuffer all = ByteBuffer.allocate((int) c.length());
            for (ByteBuffer b = c.next(); b != null; b = c.next()) {
                all.put(b);
            }
            return digest(all.array());
        } catch (ObjectNotFoundException e) {
            return null;
        }
    }

    static String digest(byte[] data) {
        return ObjectLayerFixture.sha256(data);
    }

    static String show(String digest) {
        return digest == null ? "absent" : digest.substring(0, 10);
    }

    /** One process: its power switch, its drives behind it, and an object layer over them. */
    static final class Process implements AutoCloseable {
        final PoweredStore.Power power = new PoweredStore.Power();
        final ErasureObjectService service;

        Process(List<ShardStore> disks, Duration driveTimeout) {
            List<ShardStore> drives = new ArrayList<>();
            for (ShardStore d : disks) {
                drives.add(new PoweredStore(d, power));
            }
            service = new ErasureObjectService(drives, LAYOUT, ErasureObjectService.Options.defaults()
                    .withDriveTimeout(driveTimeout).withMinPartSize(1024).withInlineLimit(512));
        }

        @Override
        public void close() {
            power.off();
            power.awaitLanded();
            service.close();
        }
    }

    /** What a key may hold (a digest, null for absent) and how it got there. */
    static final class Model {
        final String key;
        private String acknowledged;
        private final Set<String> uncertain = new LinkedHashSet<>();
        private final Set<String> everWritten = new LinkedHashSet<>();
        private final List<String> history = new ArrayList<>();
        private String pending;
        private boolean pendingSet;

        Model(String key) {
            this.key = key;
        }

        void attempt(String digest, String what) {
            pending = digest;
            pendingSet = true;
            everWritten.add(String.valueOf(digest));
            log(what);
        }

        void acknowledged(String digest) {
            acknowledged = digest;
            uncertain.clear();
            pendingSet = false;
            log("  -> ok");
        }

        void failed(RuntimeException e) {
            if (pendingSet) {
                uncertain.add(String.valueOf(pending));
                pendingSet = false;
            }
            log("  -> failed: " + e);
        }

        void log(String line) {
            history.add(line);
        }

        Set<String> allowed() {
            Set<String> a = new LinkedHashSet<>();
            a.add(String.valueOf(acknowledged));
            a.addAll(uncertain);
            return a;
        }

        String allowedText() {
            return allowed().stream().map(x -> x.equals("null") ? "absent" : x.substring(0, 10)).toList().toString();
        }

        String judge(String got) {
            if (allowed().contains(String.valueOf(got))) {
                return null;
            }
            if (got == null) {
                return "lost";
            }
            if (!everWritten.contains(got)) {
                return "torn";
            }
            return allowed().equals(Set.of("null")) ? "resurrected" : "rolled back";
        }

        String history() {
            StringBuilder b = new StringBuilder("history of ").append(key).append(":\n");
            for (String h : history) {
                b.append("  ").append(h).append('\n');
            }
            return b.toString();
        }
    }
}
