package io.cairn.object;

import io.cairn.erasure.ReedSolomon;
import io.cairn.erasure.StripeLayout;
import io.cairn.storage.ShardId;
import io.cairn.storage.ShardStore;
import io.cairn.storage.ShardWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Streams one part of an object into k+m shards, stripe by stripe: a stripe is read from the body while
 * the previous one is being written, so memory is two stripes whatever the object size. A drive that
 * fails is dropped; when fewer than the write quorum remain, every shard is aborted and nothing is left.
 */
final class PartWriter {

    /** A committed part: its size, MD5, and which placement entries hold a committed shard. */
    record Written(long size, byte[] md5, boolean[] committed) {
    }

    private final DriveCalls calls;
    private final StripeLayout layout;
    private final ReedSolomon codec;
    private final int writeQuorum;

    PartWriter(DriveCalls calls, StripeLayout layout, ReedSolomon codec, int writeQuorum) {
        this.calls = calls;
        this.layout = layout;
        this.codec = codec;
        this.writeQuorum = writeQuorum;
    }

    /**
     * Writes the part to {@code placement} under (volume, key, dataDir, fileName). {@code expectedSize} is
     * the exact size, or -1 when unknown. On any failure no shard remains.
     */
    Written write(List<ShardStore> placement, String volume, String key, String dataDir, String fileName,
                  InputStream body, long expectedSize) {
        int n = layout.totalShards();
        ShardWriter[] writers = open(placement, new ShardId(volume, key, dataDir, fileName));
        boolean committed = false;
        try {
            MessageDigest md5 = md5();
            Stripe current = new Stripe();
            Stripe next = new Stripe();
            long total = 0;
            int len = current.fill(body);
            while (len > 0) {
                total += len;
                checkSize(total, expectedSize);
                // The request thread reads (and verifies) the next stripe of the body while another thread
                // hashes, encodes and writes this one: two cores busy, two stripes of memory.
                Stripe s = current;
                int l = len;
                Future<Void> work = calls.submit(() -> {
                    md5.update(s.data, 0, l);
                    s.encode(l);
                    awaitAppends(writers, appendAll(writers, s));
                    return null;
                });
                try {
                    len = next.fill(body);
                } catch (RuntimeException bodyFailed) {
                    try {
                        finish(work);
                    } catch (RuntimeException alsoFailed) {
                        bodyFailed.addSuppressed(alsoFailed);
                    }
                    throw bodyFailed;
                }
                finish(work);
                Stripe t = current;
                current = next;
                next = t;
            }
            if (expectedSize >= 0 && total != expectedSize) {
                throw new BodyReadException("body ended after " + total + " of " + expectedSize + " bytes", null);
            }
            boolean[] ok = commitAll(writers);
            committed = true;
            return new Written(total, md5.digest(), ok);
        } finally {
            if (!committed) {
                for (ShardWriter w : writers) {
                    abortQuietly(w);
                }
            }
        }
    }

    /** Waits for a stripe's work and rethrows its failure as it was thrown. */
    private static void finish(Future<Void> work) {
        try {
            work.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new QuorumException("writing a stripe failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            work.cancel(true);
            throw new QuorumException("interrupted");
        }
    }

    private ShardWriter[] open(List<ShardStore> placement, ShardId id) {
        List<DriveCalls.Outcome<ShardWriter>> opened =
                calls.onAll(placement, d -> d.createShard(id, layout.cellSize()));
        ShardWriter[] writers = new ShardWriter[opened.size()];
        for (int i = 0; i < writers.length; i++) {
            writers[i] = opened.get(i).ok() ? opened.get(i).value() : null;
        }
        requireQuorum(writers, "open");
        return writers;
    }

    private List<Future<Void>> appendAll(ShardWriter[] writers, Stripe stripe) {
        List<Future<Void>> futures = new ArrayList<>(writers.length);
        for (int i = 0; i < writers.length; i++) {
            ShardWriter w = writers[i];
            ByteBuffer cell = stripe.cell(i);
            futures.add(w == null ? null : calls.submit(() -> {
                w.append(cell);
                return null;
            }));
        }
        return futures;
    }

    private void awaitAppends(ShardWriter[] writers, List<Future<Void>> futures) {
        long deadline = System.nanoTime() + calls.timeout().toNanos();
        for (int i = 0; i < futures.size(); i++) {
            Future<Void> f = futures.get(i);
            if (f != null && !calls.await(f, deadline, "append shard " + i).ok()) {
                abortQuietly(writers[i]);
                writers[i] = null;
            }
        }
        requireQuorum(writers, "write");
    }

    private boolean[] commitAll(ShardWriter[] writers) {
        List<DriveCalls.Outcome<Boolean>> outcomes = calls.onEach(writers.length, i -> {
            if (writers[i] == null) {
                return Boolean.FALSE;
            }
            writers[i].commit();
            return Boolean.TRUE;
        });
        boolean[] ok = new boolean[writers.length];
        for (int i = 0; i < ok.length; i++) {
            ok[i] = outcomes.get(i).ok() && outcomes.get(i).value();
            if (!ok[i] && writers[i] != null) {
                abortQuietly(writers[i]);
            }
        }
        if (ManifestQuorum.count(ok) < writeQuorum) {
            throw new QuorumException("write quorum not reached at commit: " + ManifestQuorum.count(ok)
                    + " of " + writeQuorum + " needed");
        }
        return ok;
    }

    private void requireQuorum(ShardWriter[] writers, String stage) {
        long alive = Arrays.stream(writers).filter(w -> w != null).count();
        if (alive < writeQuorum) {
            throw new QuorumException("write quorum lost at " + stage + ": " + alive + " drives left, "
                    + writeQuorum + " needed");
        }
    }

    private static void checkSize(long total, long expected) {
        if (expected >= 0 && total > expected) {
            throw new BodyReadException("body longer than its declared " + expected + " bytes", null);
        }
    }

    private static void abortQuietly(ShardWriter w) {
        if (w != null) {
            try {
                w.abort();
            } catch (RuntimeException ignored) {
                // the drive is failing anyway; its temp files are cleaned at its next start
            }
        }
    }

    static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One stripe's buffers: k data cells in one array, m parity cells. */
    private final class Stripe {
        final byte[] data = new byte[(int) layout.stripeDataSize()];
        final ByteBuffer[] parity = new ByteBuffer[layout.parityShards()];
        int cellLength;

        Stripe() {
            for (int j = 0; j < parity.length; j++) {
                parity[j] = ByteBuffer.allocate(layout.cellSize());
            }
        }

        /** Reads up to a full stripe from the body; returns the bytes read (0 at the end). */
        int fill(InputStream body) {
            int off = 0;
            try {
                while (off < data.length) {
                    int r = body.read(data, off, data.length - off);
                    if (r < 0) {
                        break;
                    }
                    off += r;
                }
            } catch (IOException e) {
                throw new BodyReadException("reading the body failed: " + e.getMessage(), e);
            }
            return off;
        }

        void encode(int len) {
            int k = layout.dataShards();
            cellLength = len == data.length ? layout.cellSize() : (len + k - 1) / k;
            Arrays.fill(data, len, k * cellLength, (byte) 0);
            ByteBuffer[] cells = new ByteBuffer[k];
            for (int j = 0; j < k; j++) {
                cells[j] = ByteBuffer.wrap(data, j * cellLength, cellLength).slice();
            }
            ByteBuffer[] out = new ByteBuffer[parity.length];
            for (int j = 0; j < parity.length; j++) {
                out[j] = parity[j].duplicate().clear().limit(cellLength);
            }
            codec.encode(cells, out);
        }

        ByteBuffer cell(int i) {
            int k = layout.dataShards();
            if (i < k) {
                return ByteBuffer.wrap(data, i * cellLength, cellLength).slice();
            }
            return parity[i - k].duplicate().clear().limit(cellLength).slice();
        }
    }
}
