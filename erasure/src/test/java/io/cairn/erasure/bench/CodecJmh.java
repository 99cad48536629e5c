package io.cairn.erasure.bench;

import io.cairn.erasure.ReedSolomon;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH view of the codec: one 1 MiB stripe (cache-resident), per scheme and kernel. Throughput in
 * stripes per second; multiply by 1 MiB for data MiB/s. Run from the repository root:
 *
 * <pre>
 * mvn -o -q -pl erasure test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/jmh.classpath \
 *   && java --add-modules jdk.incubator.vector -cp erasure/target/classes:erasure/target/test-classes:$(cat erasure/target/jmh.classpath) \
 *      org.openjdk.jmh.Main CodecJmh
 * </pre>
 * (append JMH options as usual, e.g. {@code -p scheme=8+4 -p kernel=VECTOR -f 1 -wi 2 -i 3}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class CodecJmh {

    @Param({"4+2", "8+4", "12+4"})
    public String scheme;

    @Param({"VECTOR", "SCALAR"})
    public String kernel;

    private ReedSolomon codec;
    private ByteBuffer[] data;
    private ByteBuffer[] parity;
    private ByteBuffer[] shards;
    private boolean[] present;

    @Setup
    public void setUp() {
        String[] km = scheme.split("\\+");
        int k = Integer.parseInt(km[0]);
        int m = Integer.parseInt(km[1]);
        codec = ReedSolomon.create(k, m, ReedSolomon.Kernel.valueOf(kernel));
        int cell = ((1 << 20) + k - 1) / k;
        Random random = new Random(1);
        data = new ByteBuffer[k];
        parity = new ByteBuffer[m];
        for (int i = 0; i < k; i++) {
            byte[] bytes = new byte[cell];
            random.nextBytes(bytes);
            data[i] = ByteBuffer.wrap(bytes);
        }
        for (int i = 0; i < m; i++) {
            parity[i] = ByteBuffer.allocate(cell);
        }
        codec.encode(data, parity);
        shards = new ByteBuffer[k + m];
        System.arraycopy(data, 0, shards, 0, k);
        System.arraycopy(parity, 0, shards, k, m);
        present = new boolean[k + m];
        for (int i = 0; i < k + m; i++) {
            present[i] = i >= m;    // lose the first m data shards: the worst case
        }
    }

    @Benchmark
    public ByteBuffer[] encode() {
        codec.encode(data, parity);
        return parity;
    }

    @Benchmark
    public ByteBuffer[] reconstructWorstCase() {
        codec.reconstruct(shards, present, true);
        return shards;
    }
}
