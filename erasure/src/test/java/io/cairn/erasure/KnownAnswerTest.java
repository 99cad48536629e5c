package io.cairn.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Parity bytes worked out by hand, so the coding matrix cannot drift unnoticed (a drift would make
 * every stored shard unreadable).
 *
 * <p>k=1: the Vandermonde column is all ones, the top square is [1], so parity equals data.
 * k=2: rows (1,0), (1,1), (1,2), (1,3); the top square [[1,0],[1,1]] is its own inverse in
 * characteristic 2, so parity rows are (1,2)·inv = (3,2) and (1,3)·inv = (2,3):
 * p0 = 3·d0 + 2·d1 and p1 = 2·d0 + 3·d1. With 2·0x80 = 0x100 - 0x11D = 0x1D and 3·0x80 = 0x1D + 0x80 = 0x9D.
 */
class KnownAnswerTest {

    @ParameterizedTest
    @EnumSource(value = ReedSolomon.Kernel.class, names = {"SCALAR", "VECTOR"})
    void oneDataShardIsMirrored(ReedSolomon.Kernel kernel) {
        byte[] data = {0, 1, 2, (byte) 0x80, (byte) 0xFF};
        ByteBuffer parity = ByteBuffer.allocate(5);
        ReedSolomon.create(1, 1, kernel).encode(new ByteBuffer[] {ByteBuffer.wrap(data)}, new ByteBuffer[] {parity});
        assertThat(parity.array()).containsExactly(0, 1, 2, 0x80, 0xFF);
    }

    @ParameterizedTest
    @EnumSource(value = ReedSolomon.Kernel.class, names = {"SCALAR", "VECTOR"})
    void twoPlusTwoParityFollowsTheMatrix(ReedSolomon.Kernel kernel) {
        // 20 bytes so the vector kernel handles the first 16 and the scalar tail the rest
        byte[] d0 = new byte[20];
        byte[] d1 = new byte[20];
        d0[0] = (byte) 0x80;            // p0 = 3*0x80 = 0x9D, p1 = 2*0x80 = 0x1D
        d1[1] = (byte) 0x80;            // p0 = 2*0x80 = 0x1D, p1 = 3*0x80 = 0x9D
        d0[2] = 1;
        d1[2] = 1;                      // p0 = 3 ^ 2 = 1,  p1 = 2 ^ 3 = 1
        d0[3] = 2;
        d1[3] = 1;                      // p0 = 6 ^ 2 = 4,  p1 = 4 ^ 3 = 7
        d0[19] = (byte) 0x80;           // tail byte: same as byte 0
        ByteBuffer p0 = ByteBuffer.allocate(20);
        ByteBuffer p1 = ByteBuffer.allocate(20);
        ReedSolomon.create(2, 2, kernel).encode(new ByteBuffer[] {ByteBuffer.wrap(d0), ByteBuffer.wrap(d1)},
                new ByteBuffer[] {p0, p1});
        assertThat(p0.array()).containsExactly(0x9D, 0x1D, 1, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x9D);
        assertThat(p1.array()).containsExactly(0x1D, 0x9D, 1, 7, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x1D);
    }

    @ParameterizedTest
    @EnumSource(value = ReedSolomon.Kernel.class, names = {"SCALAR", "VECTOR"})
    void twoPlusOneParityIsTheFirstParityRow(ReedSolomon.Kernel kernel) {
        byte[] d0 = {(byte) 0x80, 0, 1, 2};
        byte[] d1 = {0, (byte) 0x80, 1, 1};
        ByteBuffer p = ByteBuffer.allocate(4);
        ReedSolomon.create(2, 1, kernel).encode(new ByteBuffer[] {ByteBuffer.wrap(d0), ByteBuffer.wrap(d1)},
                new ByteBuffer[] {p});
        assertThat(p.array()).containsExactly(0x9D, 0x1D, 1, 4);
    }
}
