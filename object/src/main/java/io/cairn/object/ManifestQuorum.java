package io.cairn.object;

import io.cairn.storage.NotFoundException;
import io.cairn.storage.ShardStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the copies of a manifest from a placement and decides what readers see: the manifest that at
 * least a read quorum of drives hold byte for byte, or "absent" when a read quorum has none. Anything else
 * is a quorum failure: never a guess.
 */
final class ManifestQuorum {

    /**
     * The outcome: {@code manifest} null when the key is absent; {@code agrees[i]} tells whether drive i
     * holds exactly the chosen state (a drive that disagrees is a heal candidate).
     */
    record Resolved(Manifest manifest, byte[] bytes, boolean[] agrees, boolean[] reachable) {
        boolean exists() {
            return manifest != null;
        }

        boolean allAgree() {
            for (boolean a : agrees) {
                if (!a) {
                    return false;
                }
            }
            return true;
        }
    }

    private final DriveCalls calls;
    private final ManifestOrder order = new ManifestOrder();

    ManifestQuorum(DriveCalls calls) {
        this.calls = calls;
    }

    Resolved read(List<ShardStore> drives, String volume, String key, int readQuorum) {
        List<DriveCalls.Outcome<byte[]>> outcomes = calls.onAll(drives, d -> d.readManifest(volume, key));
        return resolve(outcomes, readQuorum, volume + "/" + key);
    }

    static Resolved resolve(List<DriveCalls.Outcome<byte[]>> outcomes, int readQuorum, String what) {
        int n = outcomes.size();
        int absent = 0;
        boolean[] reachable = new boolean[n];
        List<byte[]> distinct = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            DriveCalls.Outcome<byte[]> o = outcomes.get(i);
            if (o.ok()) {
                reachable[i] = true;
                add(distinct, counts, o.value());
            } else if (o.error() instanceof NotFoundException) {
                reachable[i] = true;
                absent++;
            }
        }
        int best = -1;
        for (int i = 0; i < distinct.size(); i++) {
            if (best < 0 || counts.get(i) > counts.get(best)) {
                best = i;
            }
        }
        if (best >= 0 && counts.get(best) >= readQuorum && counts.get(best) >= absent) {
            byte[] chosen = distinct.get(best);
            boolean[] agrees = new boolean[n];
            for (int i = 0; i < n; i++) {
                DriveCalls.Outcome<byte[]> o = outcomes.get(i);
                agrees[i] = o.ok() && Arrays.equals(o.value(), chosen);
            }
            return new Resolved(Manifest.parse(chosen), chosen, agrees, reachable);
        }
        if (absent >= readQuorum) {
            boolean[] agrees = new boolean[n];
            for (int i = 0; i < n; i++) {
                agrees[i] = !outcomes.get(i).ok() && outcomes.get(i).error() instanceof NotFoundException;
            }
            return new Resolved(null, null, agrees, reachable);
        }
        throw new QuorumException("read quorum not reached for " + what + ": " + readQuorum
                + " needed, " + (best < 0 ? 0 : counts.get(best)) + " agree, " + absent + " absent of " + n);
    }

    private static void add(List<byte[]> distinct, List<Integer> counts, byte[] value) {
        for (int i = 0; i < distinct.size(); i++) {
            if (Arrays.equals(distinct.get(i), value)) {
                counts.set(i, counts.get(i) + 1);
                return;
            }
        }
        distinct.add(value);
        counts.add(1);
    }

    /**
     * Writes {@code bytes} as the manifest on the drives selected by {@code targets}, under the writer's
     * fencing token (-1: none); returns which succeeded. A null {@code bytes} deletes the manifest, under the
     * token too: a delete removes state as surely as a write replaces it. On each drive the change waits for
     * the changes of the key issued before it ({@link ManifestOrder}). Each drive that took the change passes
     * {@code crashPoint} (null: none), see {@link CrashPoints}.
     */
    boolean[] write(List<ShardStore> drives, boolean[] targets, String volume, String key, byte[] bytes,
                    long fencingToken, String crashPoint) {
        List<ShardStore> selected = new ArrayList<>(drives.size());
        for (int i = 0; i < drives.size(); i++) {
            selected.add(targets[i] ? drives.get(i) : null);
        }
        List<DriveCalls.Outcome<Boolean>> outcomes = calls.onAll(selected, d -> {
            Boolean done = order.apply(d, volume, key, fencingToken, () -> change(d, volume, key, bytes, fencingToken));
            if (crashPoint != null) {
                CrashPoints.pass(crashPoint);
            }
            return done;
        });
        boolean[] ok = new boolean[drives.size()];
        for (int i = 0; i < ok.length; i++) {
            ok[i] = targets[i] && outcomes.get(i).ok();
        }
        return ok;
    }

    private static Boolean change(ShardStore d, String volume, String key, byte[] bytes, long fencingToken) {
        if (bytes == null) {
            try {
                if (fencingToken < 0) {
                    d.deleteManifest(volume, key);
                } else {
                    d.deleteManifest(volume, key, fencingToken);
                }
            } catch (NotFoundException absent) {
                // already gone: the state we want
            }
        } else if (fencingToken < 0) {
            d.writeManifest(volume, key, bytes);
        } else {
            d.writeManifest(volume, key, bytes, fencingToken);
        }
        return Boolean.TRUE;
    }

    static int count(boolean[] flags) {
        int c = 0;
        for (boolean f : flags) {
            if (f) {
                c++;
            }
        }
        return c;
    }
}
