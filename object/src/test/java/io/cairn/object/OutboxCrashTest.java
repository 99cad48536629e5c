package io.cairn.object;

import static org.junit.jupiter.api.Assertions.fail;

import io.cairn.erasure.StripeLayout;
import io.cairn.storage.ShardStore;
import io.cairn.storage.testing.InMemoryShardStore;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The outbox under crashes: a process writes (PUT, DELETE, metadata changes) with an outbox hook that wants
 * every change, and dies at a random change to its drives. A new process then reads every key's outbox
 * (deciding the entries the crash left pending), "delivers" and acknowledges some of them, and checks, for every
 * key, against what the clients were told: every acknowledged change has its entry, in order, and the last
 * entry of the key says what the key now holds, so no change committed without its entry and no entry is
 * left of a change that did not commit. {@code -Doutbox.seeds=N -Doutbox.crashes=C} explore more.
 */
class OutboxCrashTest {

    private static final String BUCKET = "b";
    private static final List<String> KEYS = List.of("a", "a/x", "b");
    private static final StripeLayout LAYOUT = new StripeLayout(2, 2, 4096);

    /** Wants every change; its event is the change's kind. */
    static final CommitEvents ALL = change -> new CommitEvents.Intent(change.kind().name(), List.of("t"));

    /** One change as the client saw it: its ETag (null: a removal), acknowledged or cut by the crash. */
    record Change(String etag, boolean acknowledged) {
    }

    @Test
    void everyCommittedChangeHasItsEntryAndNoOtherOne() {
        int seeds = Integer.getInteger("outbox.seeds", 8);
        int crashes = Integer.getInteger("outbox.crashes", 10);
        for (long seed = 1; seed <= seeds; seed++) {
            explore(seed, crashes, Duration.ofSeconds(20), 0);
        }
    }

    /** The same with a share of the drive changes landing after their caller gave up at a short timeout. */
    @Test
    void everyCommittedChangeHasItsEntryAndNoOtherOneWithSlowDrives() {
        int seeds = Integer.getInteger("outbox.seeds", 3);
        int crashes = Integer.getInteger("outbox.crashes", 10);
        for (long seed = 1; seed <= seeds; seed++) {
            explore(seed, crashes, Duration.ofMillis(60), 0.2);
        }
    }

    private static void explore(long seed, int crashes, Duration timeout, double slow) {
        Random random = new Random(seed);
        List<ShardStore> disks = new ArrayList<>();
        for (int i = 0; i < LAYOUT.totalShards(); i++) {
            disks.add(new InMemoryShardStore("d" + (i + 1)));
        }
        Map<String, List<Change>> history = new LinkedHashMap<>();
        Map<String, TreeMap<Long, OutboxEntry>> delivered = new LinkedHashMap<>();
        KEYS.forEach(k -> {
            history.put(k, new ArrayList<>());
            delivered.put(k, new TreeMap<>());
        });
        try (CrashExplorerTest.Process setup = new CrashExplorerTest.Process(disks, Duration.ofSeconds(20))) {
            setup.service.createBucket(BUCKET);
        }
        for (int crash = 1; crash <= crashes; crash++) {
            try (CrashExplorerTest.Process p = new CrashExplorerTest.Process(disks, timeout)) {
                p.power.slow(slow, 150);
                p.service.commitEvents(ALL);
                p.power.offAfter(1 + random.nextInt(120));
                while (!p.power.isOff()) {
                    step(p.service, random, history);
                }
            }
            try (CrashExplorerTest.Process reader = new CrashExplorerTest.Process(disks, Duration.ofSeconds(20))) {
                reader.service.commitEvents(ALL);
                for (String name : reader.service.outboxNames(null, 1000)) {
                    OutboxBatch batch = reader.service.outboxEntries(name);
                    for (OutboxEntry e : batch.entries()) {
                        delivered.get(e.key()).put(e.sequencer(), e);
                        if (random.nextInt(3) == 0) {
                            reader.service.acknowledgeOutboxEntry(e.bucket(), e.key(), e.sequencer());
                        }
                    }
                }
                for (String key : KEYS) {
                    check(reader.service, key, history.get(key), new ArrayList<>(delivered.get(key).values()),
                            seed, crash);
                }
            }
        }
    }

    private static void step(ErasureObjectService s, Random random, Map<String, List<Change>> history) {
        String key = KEYS.get(random.nextInt(KEYS.size()));
        List<Change> h = history.get(key);
        int op = random.nextInt(10);
        byte[] data = new byte[random.nextInt(2000)];
        random.nextBytes(data);
        String etag = HexFormat.of().formatHex(PartWriter.md5().digest(data));
        try {
            if (op < 6) {
                s.putObject(BUCKET, key, new ByteArrayInputStream(data), data.length, PutOptions.of(Map.of()));
                h.add(new Change(etag, true));
            } else if (op < 9) {
                s.deleteObject(BUCKET, key, null);
                h.add(new Change(null, true));
            } else {
                s.updateMetadata(BUCKET, key, null, Map.of("x-amz-meta-n", Long.toString(random.nextLong())));
            }
        } catch (ObjectNotFoundException e) {
            // a metadata change of an absent key: nothing happened
        } catch (RuntimeException e) {
            if (op < 9) {
                h.add(new Change(op < 6 ? etag : null, false));
            }
        }
    }

    /**
     * The entries of a key against its history: the acknowledged changes that surely changed something (every
     * PUT; a DELETE right after an acknowledged PUT) appear in order among the entries, every entry is one of the
     * key's changes, and the last entry matches the key's state.
     */
    private static void check(ErasureObjectService s, String key, List<Change> history, List<OutboxEntry> entries,
                              long seed, int crash) {
        String context = "seed " + seed + ", crash " + crash + ", key " + key + ": history " + history
                + ", entries " + entries.stream().map(e -> e.kind() + ":" + e.etag()).toList();
        int i = 0;
        List<Change> required = new ArrayList<>();
        for (int j = 0; j < history.size(); j++) {
            Change c = history.get(j);
            if (c.acknowledged() && (c.etag() != null || j > 0 && history.get(j - 1).acknowledged()
                    && history.get(j - 1).etag() != null)) {
                required.add(c);
            }
        }
        for (OutboxEntry e : entries) {
            boolean removal = e.kind() == ChangeKind.DELETE;
            if (!removal && history.stream().noneMatch(c -> e.etag().equals(c.etag()))) {
                fail("an entry of a change never made: " + context);
            }
            if (i < required.size() && (required.get(i).etag() == null ? removal
                    : !removal && required.get(i).etag().equals(e.etag()))) {
                i++;
            }
        }
        if (i < required.size()) {
            fail("acknowledged change " + required.get(i) + " has no entry in order: " + context);
        }
        String now;
        try {
            now = s.headObject(BUCKET, key, null).etag();
        } catch (ObjectNotFoundException e) {
            now = null;
        }
        OutboxEntry last = entries.isEmpty() ? null : entries.get(entries.size() - 1);
        String said = last == null || last.kind() == ChangeKind.DELETE ? null : last.etag();
        if (!java.util.Objects.equals(now, said)) {
            fail("the key holds " + now + " but its last entry says " + said + ": " + context);
        }
    }
}
