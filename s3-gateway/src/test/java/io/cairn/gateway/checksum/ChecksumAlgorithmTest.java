package io.cairn.gateway.checksum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChecksumAlgorithmTest {
    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void crc64NvmeCheckValue() {
        Crc64Nvme crc = new Crc64Nvme();
        crc.update(ascii("123456789"), 0, 9);
        assertThat(crc.getValue()).isEqualTo(0xAE8B14860A799888L);
        assertThat(ChecksumAlgorithm.CRC64NVME.base64Of(ascii("123456789")))
                .isEqualTo(Base64.getEncoder().encodeToString(new byte[] {(byte) 0xAE, (byte) 0x8B, 0x14,
                        (byte) 0x86, 0x0A, 0x79, (byte) 0x98, (byte) 0x88}));
        assertThat(ChecksumAlgorithm.CRC64NVME.base64Of(new byte[0])).isEqualTo("AAAAAAAAAAA=");
    }

    @Test
    void crc64SlicedPathEqualsBytewisePath() {
        byte[] data = new byte[10_007];
        new Random(7).nextBytes(data);
        Crc64Nvme sliced = new Crc64Nvme();
        sliced.update(data, 0, data.length);
        Crc64Nvme bytewise = new Crc64Nvme();
        for (byte b : data) {
            bytewise.update(b);
        }
        Crc64Nvme split = new Crc64Nvme();
        split.update(data, 0, 13);
        split.update(data, 13, data.length - 13);
        assertThat(sliced.getValue()).isEqualTo(bytewise.getValue()).isEqualTo(split.getValue());
    }

    @Test
    void knownValuesAsS3SendsThem() {
        assertThat(ChecksumAlgorithm.CRC32.base64Of(ascii("abc"))).isEqualTo("NSRBwg==");
        assertThat(ChecksumAlgorithm.CRC32.base64Of(new byte[0])).isEqualTo("AAAAAA==");
        byte[] as = new byte[66560];
        Arrays.fill(as, (byte) 'a');
        // From the S3 trailing-header example: 64 KiB + 1 KiB of 'a'.
        assertThat(ChecksumAlgorithm.CRC32C.base64Of(as)).isEqualTo("sOO8/Q==");
        assertThat(ChecksumAlgorithm.SHA1.base64Of(ascii("abc"))).isEqualTo("qZk+NkcGgWq6PiVxeFDCbJzQ2J0=");
        assertThat(ChecksumAlgorithm.SHA256.base64Of(ascii("abc")))
                .isEqualTo("ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=");
    }

    @Test
    void namesAndHeaders() {
        assertThat(ChecksumAlgorithm.CRC32C.headerName()).isEqualTo("x-amz-checksum-crc32c");
        assertThat(ChecksumAlgorithm.fromHeaderName("X-Amz-Checksum-CRC64NVME")).contains(ChecksumAlgorithm.CRC64NVME);
        assertThat(ChecksumAlgorithm.fromHeaderName("x-amz-checksum-md5")).isEmpty();
        assertThat(ChecksumAlgorithm.fromName("sha256")).contains(ChecksumAlgorithm.SHA256);
    }

    @Test
    void compositeIsTheChecksumOfBinaryPartChecksums() {
        String p1 = ChecksumAlgorithm.CRC32.base64Of(ascii("part one"));
        String p2 = ChecksumAlgorithm.CRC32.base64Of(ascii("part two"));
        byte[] concat = new byte[8];
        System.arraycopy(Base64.getDecoder().decode(p1), 0, concat, 0, 4);
        System.arraycopy(Base64.getDecoder().decode(p2), 0, concat, 4, 4);
        assertThat(CompositeChecksum.of(ChecksumAlgorithm.CRC32, List.of(p1, p2)))
                .isEqualTo(ChecksumAlgorithm.CRC32.base64Of(concat) + "-2");
        assertThatThrownBy(() -> CompositeChecksum.of(ChecksumAlgorithm.SHA256, List.of(p1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
