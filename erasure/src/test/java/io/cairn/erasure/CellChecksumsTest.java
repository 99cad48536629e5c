package io.cairn.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CellChecksumsTest {

    /** The CRC-32C check value (RFC 3720 / iSCSI): the checksum of "123456789". */
    private static final int CHECK = 0xE3069283;
    private static final byte[] DIGITS = "123456789".getBytes(StandardCharsets.US_ASCII);

    @Test
    void checkValueOnEveryBufferKind() {
        assertThat(CellChecksums.crc32c(ByteBuffer.wrap(DIGITS))).isEqualTo(CHECK);
        assertThat(CellChecksums.crc32c(DIGITS, 0, 9)).isEqualTo(CHECK);
        ByteBuffer direct = ByteBuffer.allocateDirect(9).put(DIGITS).flip();
        assertThat(CellChecksums.crc32c(direct)).isEqualTo(CHECK);
        assertThat(CellChecksums.crc32c(ByteBuffer.wrap(DIGITS).asReadOnlyBuffer())).isEqualTo(CHECK);
        assertThat(CellChecksums.hex(CHECK)).isEqualTo("e3069283");
        assertThat(CellChecksums.crc32c(ByteBuffer.allocate(0))).isZero();
    }

    @Test
    void onlyTheBytesBetweenPositionAndLimitCountAndNothingMoves() {
        byte[] padded = "xx123456789yyy".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer slice = ByteBuffer.wrap(padded).position(1).slice().position(1).limit(10);
        assertThat(CellChecksums.crc32c(slice)).isEqualTo(CHECK);
        assertThat(slice.position()).isEqualTo(1);
        assertThat(slice.limit()).isEqualTo(10);
        ByteBuffer direct = ByteBuffer.allocateDirect(padded.length).put(padded).position(2).limit(11);
        assertThat(CellChecksums.crc32c(direct)).isEqualTo(CHECK);
        assertThat(direct.position()).isEqualTo(2);
        assertThat(direct.limit()).isEqualTo(11);
        assertThat(CellChecksums.matches(direct, CHECK)).isTrue();
        direct.put(5, (byte) '0');
        assertThat(CellChecksums.matches(direct, CHECK)).isFalse();
    }
}
