package io.cairn.gateway.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.gateway.checksum.ChecksumAlgorithm;
import io.cairn.gateway.checksum.RunningChecksum;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CrcCombineTest {

    private static long crc(ChecksumAlgorithm algorithm, byte[] data, int from, int to) {
        RunningChecksum running = algorithm.start();
        running.update(data, from, to - from);
        return CrcCombine.fromBytes(running.finish());
    }

    @ParameterizedTest
    @EnumSource(value = ChecksumAlgorithm.class, names = {"CRC32", "CRC32C", "CRC64NVME"})
    void combiningPieceCrcsGivesTheCrcOfTheWhole(ChecksumAlgorithm algorithm) {
        long[] p = CrcCombine.parameters(algorithm);
        byte[] data = new byte[100_003];
        new Random(7).nextBytes(data);
        int[][] cuts = {{0, 1, 100_003}, {0, 50_000, 100_003}, {0, 99_999, 100_003}, {0, 17, 4096, 100_003}};
        for (int[] cut : cuts) {
            long combined = crc(algorithm, data, cut[0], cut[1]);
            for (int i = 1; i + 1 < cut.length; i++) {
                combined = CrcCombine.combine(combined, crc(algorithm, data, cut[i], cut[i + 1]),
                        cut[i + 1] - cut[i], p[0], (int) p[1]);
            }
            assertThat(combined).isEqualTo(crc(algorithm, data, 0, data.length));
        }
    }

    @ParameterizedTest
    @EnumSource(value = ChecksumAlgorithm.class, names = {"CRC32", "CRC32C", "CRC64NVME"})
    void anEmptySecondPieceChangesNothing(ChecksumAlgorithm algorithm) {
        long[] p = CrcCombine.parameters(algorithm);
        byte[] data = "abc".getBytes(StandardCharsets.US_ASCII);
        long whole = crc(algorithm, data, 0, 3);
        assertThat(CrcCombine.combine(whole, crc(algorithm, data, 0, 0), 0, p[0], (int) p[1])).isEqualTo(whole);
    }
}
