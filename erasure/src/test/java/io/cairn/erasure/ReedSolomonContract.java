package io.cairn.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What every kernel must do; each kernel's test class extends this and names its kernel. */
abstract class ReedSolomonContract {

    abstract ReedSolomon.Kernel kernel();

    ReedSolomon codec(int k, int m) {
        ReedSolomon rs = ReedSolomon.create(k, m, kernel());
        assertThat(rs.kernel()).isEqualTo(kernel());
        return rs;
    }

    /** How buffers are laid out in memory: the kernels take different paths for each. */
    enum Memory { HEAP, HEAP_SLICE, DIRECT, DIRECT_SLICE }

    static ByteBuffer buffer(Memory memory, byte[] content) {
        int pad = 7;
        ByteBuffer b = switch (memory) {
            case HEAP -> ByteBuffer.allocate(content.length);
            case DIRECT -> ByteBuffer.allocateDirect(content.length);
            // a slice has a non-zero arrayOffset; the position is moved past a prefix as well
            case HEAP_SLICE -> ByteBuffer.allocate(content.length + 2 * pad + 3).position(3).slice().position(pad);
            case DIRECT_SLICE -> ByteBuffer.allocateDirect(content.length + 2 * pad + 3).position(3).slice().position(pad);
        };
        if (memory == Memory.HEAP_SLICE || memory == Memory.DIRECT_SLICE) {
            for (int i = 0; i < b.capacity(); i++) {
                b.put(i, (byte) 0xEE);
            }
            b.limit(b.position() + content.length);
        }
        b.put(b.position(), content);
        return b;
    }

    static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.get(b.position(), out);
        return out;
    }

    static byte[][] randomShards(Random random, int count, int length) {
        byte[][] shards = new byte[count][length];
        for (byte[] s : shards) {
            random.nextBytes(s);
        }
        return shards;
    }

    /** Data and parity, computed by the scalar kernel (itself checked against the math below). */
    static byte[][] encodedStripe(int k, int m, byte[][] data) {
        ReedSolomon reference = ReedSolomon.create(k, m, ReedSolomon.Kernel.SCALAR);
        ByteBuffer[] in = new ByteBuffer[k];
        ByteBuffer[] parity = new ByteBuffer[m];
        for (int i = 0; i < k; i++) {
            in[i] = ByteBuffer.wrap(data[i]);
        }
        for (int p = 0; p < m; p++) {
            parity[p] = ByteBuffer.allocate(data[0].length);
        }
        reference.encode(in, parity);
        byte[][] all = new byte[k + m][];
        System.arraycopy(data, 0, all, 0, k);
        for (int p = 0; p < m; p++) {
            all[k + p] = parity[p].array();
        }
        return all;
    }

    /** Encodes with the kernel under test and checks against the reference, then rebuilds the lost shards. */
    void roundTrip(ReedSolomon rs, byte[][] expected, List<Integer> lost, Memory memory) {
        int k = rs.dataShards();
        int m = rs.parityShards();
        ByteBuffer[] data = new ByteBuffer[k];
        ByteBuffer[] parity = new ByteBuffer[m];
        for (int i = 0; i < k; i++) {
            data[i] = buffer(memory, expected[i]);
        }
        for (int p = 0; p < m; p++) {
            parity[p] = buffer(memory, new byte[expected[0].length]);
        }
        int[] positions = positions(data, parity);
        rs.encode(data, parity);
        assertThat(positions(data, parity)).isEqualTo(positions);
        for (int p = 0; p < m; p++) {
            assertThat(bytes(parity[p])).as("parity %d", p).isEqualTo(expected[k + p]);
        }
        ByteBuffer[] shards = new ByteBuffer[k + m];
        boolean[] present = new boolean[k + m];
        for (int i = 0; i < k + m; i++) {
            boolean gone = lost.contains(i);
            present[i] = !gone;
            shards[i] = buffer(memory, gone ? garbage(expected[i].length) : expected[i]);
        }
        int[] before = positions(shards);
        rs.reconstruct(shards, present, false);
        assertThat(positions(shards)).isEqualTo(before);
        for (int i = 0; i < k + m; i++) {
            assertThat(bytes(shards[i])).as("shard %d after losing %s", i, lost).isEqualTo(expected[i]);
        }
    }

    static byte[] garbage(int length) {
        byte[] g = new byte[length];
        Arrays.fill(g, (byte) 0x5A);
        return g;
    }

    static int[] positions(ByteBuffer[]... groups) {
        return Stream.of(groups).flatMap(Stream::of).flatMapToInt(b -> IntStream.of(b.position(), b.limit())).toArray();
    }

    static List<List<Integer>> subsetsUpTo(int n, int max) {
        List<List<Integer>> out = new ArrayList<>();
        for (int mask = 1; mask < (1 << n); mask++) {
            if (Integer.bitCount(mask) <= max) {
                List<Integer> s = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    if ((mask & (1 << i)) != 0) {
                        s.add(i);
                    }
                }
                out.add(s);
            }
        }
        return out;
    }

    static List<Integer> randomLoss(Random random, int n, int count) {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(i);
        }
        Collections.shuffle(all, random);
        return all.subList(0, count);
    }

    static Stream<Arguments> smallSchemes() {
        List<Arguments> out = new ArrayList<>();
        for (int[] km : new int[][] {{2, 1}, {4, 2}, {6, 3}}) {
            for (Memory memory : Memory.values()) {
                out.add(Arguments.of(km[0], km[1], memory));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}+{1} {2}")
    @MethodSource("smallSchemes")
    void everyErasurePatternOfSmallSchemesIsRebuilt(int k, int m, Memory memory) {
        Random random = new Random(k * 31 + m);
        ReedSolomon rs = codec(k, m);
        for (int length : new int[] {1, 17, 100, 259}) {
            byte[][] stripe = encodedStripe(k, m, randomShards(random, k, length));
            for (List<Integer> lost : subsetsUpTo(k + m, m)) {
                roundTrip(rs, stripe, lost, memory);
            }
        }
    }

    static Stream<Arguments> largeSchemes() {
        return Stream.of(Arguments.of(10, 4, 40, 33), Arguments.of(16, 16, 30, 19),
                Arguments.of(200, 50, 6, 5), Arguments.of(1, 1, 1, 40), Arguments.of(255, 1, 4, 3),
                Arguments.of(1, 255, 4, 3), Arguments.of(128, 128, 3, 2));
    }

    @ParameterizedTest(name = "{0}+{1}")
    @MethodSource("largeSchemes")
    void randomErasurePatternsOfLargeSchemesAreRebuilt(int k, int m, int patterns, int length) {
        Random random = new Random(k * 1000 + m);
        ReedSolomon rs = codec(k, m);
        byte[][] stripe = encodedStripe(k, m, randomShards(random, k, length));
        for (int i = 0; i < patterns; i++) {
            int count = i == 0 ? m : 1 + random.nextInt(m);
            Memory memory = Memory.values()[i % Memory.values().length];
            roundTrip(rs, stripe, randomLoss(random, k + m, count), memory);
        }
    }

    @ParameterizedTest(name = "length {0}")
    @ValueSource(ints = {0, 1, 15, 16, 17, 31, 33, 4097, 40_003, 100_000})
    void oddLengthsMatchTheReferenceOnEveryMemoryKind(int length) {
        Random random = new Random(length);
        ReedSolomon rs = codec(6, 5);
        byte[][] stripe = encodedStripe(6, 5, randomShards(random, 6, length));
        for (Memory memory : Memory.values()) {
            roundTrip(rs, stripe, List.of(0, 2, 5, 7, 10), memory);
        }
    }

    @Test
    void allocatingReconstructFillsNullSlotsWithNewBuffers() {
        Random random = new Random(5);
        ReedSolomon rs = codec(4, 2);
        byte[][] stripe = encodedStripe(4, 2, randomShards(random, 4, 1001));
        ByteBuffer[] shards = new ByteBuffer[6];
        for (int i = 0; i < 6; i++) {
            shards[i] = i == 1 || i == 4 ? null : buffer(Memory.DIRECT_SLICE, stripe[i]);
        }
        ByteBuffer survivor = shards[0];
        rs.reconstruct(shards);
        assertThat(shards[0]).isSameAs(survivor);
        assertThat(shards[1].hasArray()).isTrue();
        assertThat(shards[1].remaining()).isEqualTo(1001);
        for (int i = 0; i < 6; i++) {
            assertThat(bytes(shards[i])).isEqualTo(stripe[i]);
        }
    }

    @Test
    void dataOnlyReconstructLeavesMissingParityUntouched() {
        Random random = new Random(6);
        ReedSolomon rs = codec(5, 3);
        byte[][] stripe = encodedStripe(5, 3, randomShards(random, 5, 77));
        ByteBuffer[] shards = new ByteBuffer[8];
        boolean[] present = {true, false, true, false, true, true, false, true};
        for (int i = 0; i < 8; i++) {
            shards[i] = buffer(Memory.HEAP_SLICE, present[i] ? stripe[i] : garbage(77));
        }
        rs.reconstruct(shards, present, true);
        assertThat(bytes(shards[1])).isEqualTo(stripe[1]);
        assertThat(bytes(shards[3])).isEqualTo(stripe[3]);
        assertThat(bytes(shards[6])).isEqualTo(garbage(77));
    }

    @Test
    void losingMoreThanParityThrowsNotEnoughShards() {
        ReedSolomon rs = codec(4, 2);
        ByteBuffer[] shards = new ByteBuffer[6];
        for (int i = 0; i < 6; i++) {
            shards[i] = i < 3 ? null : ByteBuffer.allocate(8);
        }
        assertThatThrownBy(() -> rs.reconstruct(shards)).isInstanceOf(NotEnoughShardsException.class)
                .hasMessage("only 3 of 6 shards present, 4 needed to rebuild");
        assertThat(shards[0]).isNull();
        ByteBuffer[] all = new ByteBuffer[6];
        for (int i = 0; i < 6; i++) {
            all[i] = ByteBuffer.allocate(8);
        }
        boolean[] present = {false, true, true, false, true, false};
        assertThatThrownBy(() -> rs.reconstruct(all, present, true)).isInstanceOf(NotEnoughShardsException.class);
    }

    @Test
    void badArgumentsAreRejected() {
        ReedSolomon rs = codec(2, 1);
        ByteBuffer[] data = {ByteBuffer.allocate(4), ByteBuffer.allocate(5)};
        assertThatThrownBy(() -> rs.encode(data, new ByteBuffer[] {ByteBuffer.allocate(4)}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("differ in length");
        assertThatThrownBy(() -> rs.encode(new ByteBuffer[] {ByteBuffer.allocate(4)}, new ByteBuffer[] {ByteBuffer.allocate(4)}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("data has 1 buffers, expected 2");
        ByteBuffer[] ok = {ByteBuffer.allocate(4).asReadOnlyBuffer(), ByteBuffer.allocate(4).asReadOnlyBuffer()};
        assertThatThrownBy(() -> rs.encode(ok, new ByteBuffer[] {ByteBuffer.allocate(4).asReadOnlyBuffer()}))
                .isInstanceOf(ReadOnlyBufferException.class);
        assertThatThrownBy(() -> ReedSolomon.create(200, 57, kernel())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReedSolomon.create(4, 0, kernel())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readOnlyInputsAreAccepted() {
        Random random = new Random(8);
        ReedSolomon rs = codec(3, 2);
        byte[][] stripe = encodedStripe(3, 2, randomShards(random, 3, 50));
        ByteBuffer[] data = new ByteBuffer[3];
        for (int i = 0; i < 3; i++) {
            data[i] = ByteBuffer.wrap(stripe[i]).asReadOnlyBuffer();
        }
        ByteBuffer[] parity = {ByteBuffer.allocate(50), ByteBuffer.allocate(50)};
        rs.encode(data, parity);
        assertThat(parity[0].array()).isEqualTo(stripe[3]);
        assertThat(parity[1].array()).isEqualTo(stripe[4]);
    }

    @Test
    void decodeMatricesAreCachedPerErasurePattern() {
        Random random = new Random(9);
        ReedSolomon rs = codec(4, 2);
        byte[][] stripe = encodedStripe(4, 2, randomShards(random, 4, 10));
        roundTrip(rs, stripe, List.of(1, 3), Memory.HEAP);
        roundTrip(rs, stripe, List.of(1, 3), Memory.DIRECT);
        assertThat(rs.cachedDecodePlans()).isEqualTo(1);
        roundTrip(rs, stripe, List.of(0), Memory.HEAP);
        assertThat(rs.cachedDecodePlans()).isEqualTo(2);
    }

    @Test
    void oneInstanceIsSafeToShareBetweenThreads() throws Exception {
        ReedSolomon rs = codec(8, 4);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int seed = t;
                results.add(pool.submit(() -> {
                    Random random = new Random(seed);
                    for (int i = 0; i < 60; i++) {
                        byte[][] stripe = encodedStripe(8, 4, randomShards(random, 8, 1000 + random.nextInt(40_000)));
                        Memory memory = Memory.values()[random.nextInt(Memory.values().length)];
                        roundTrip(rs, stripe, randomLoss(random, 12, 1 + random.nextInt(4)), memory);
                    }
                    return null;
                }));
            }
            for (Future<?> f : results) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
