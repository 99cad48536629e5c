package io.cairn.erasure;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The fast kernel, on the incubating Vector API. A product c * x splits into c * (x & 0x0F) XOR
 * c * (x & 0xF0), so two 16-entry tables per coefficient turn one multiplication of a whole vector
 * into two in-register table lookups ({@code rearrange}, a byte shuffle on x86).
 *
 * <p>Each output vector is accumulated in a register over all inputs and stored once, for up to four
 * outputs at a time, so memory sees one load per input and one store per output.
 *
 * <p>The vector width is a measured choice (docs/BENCHMARKS.md): the widest species whose byte shuffle
 * the JIT compiles to instructions, because each doubling of width nearly doubles throughput. That is
 * 512 bits on AVX-512 with VBMI (vpermb), 256 bits on AVX2 and on AVX-512 without VBMI (where a 512-bit
 * byte shuffle is not intrinsified and runs a thousand times slower), 128 bits elsewhere.
 * {@code -Dcairn.erasure.species=128|256|512} overrides the choice. Only this class links
 * {@code jdk.incubator.vector}.
 */
final class VectorKernel implements CodingKernel {

    private static final VectorSpecies<Byte> SPECIES = chooseSpecies(System.getProperty("cairn.erasure.species", "auto"));
    private static final int LANES = SPECIES.length();
    /** Bytes of both nibble tables of one coefficient. */
    private static final int TABLE = 2 * LANES;
    /** Both nibble tables of every coefficient c at offset c * TABLE, each repeated to fill a vector. */
    private static final byte[] NIBBLE_TABLES = nibbleTables();
    /** Inputs are re-read once per group of four outputs: a block of every input should stay in L2. */
    private static final int BLOCK = 16 * 1024;

    private static VectorSpecies<Byte> chooseSpecies(String setting) {
        if (!setting.equals("auto")) {
            return species(Integer.parseInt(setting));
        }
        String arch = System.getProperty("os.arch", "");
        if (!arch.equals("amd64") && !arch.equals("x86_64")) {
            return ByteVector.SPECIES_128;
        }
        int preferred = ByteVector.SPECIES_PREFERRED.vectorBitSize();
        if (preferred >= 512) {
            return CpuFlags.has("avx512vbmi") ? ByteVector.SPECIES_512 : ByteVector.SPECIES_256;
        }
        return preferred >= 256 ? ByteVector.SPECIES_256 : ByteVector.SPECIES_128;
    }

    private static VectorSpecies<Byte> species(int bits) {
        switch (bits) {
            case 128:
                return ByteVector.SPECIES_128;
            case 256:
                return ByteVector.SPECIES_256;
            case 512:
                return ByteVector.SPECIES_512;
            default:
                throw new IllegalArgumentException("cairn.erasure.species must be auto, 128, 256 or 512, not " + bits);
        }
    }

    private static byte[] nibbleTables() {
        byte[] t = new byte[256 * TABLE];
        for (int c = 0; c < 256; c++) {
            for (int i = 0; i < LANES; i++) {
                t[c * TABLE + i] = (byte) GaloisField.mul(c, i & 0x0F);
                t[c * TABLE + LANES + i] = (byte) GaloisField.mul(c, (i & 0x0F) << 4);
            }
        }
        return t;
    }

    @Override
    public String toString() {
        return "VECTOR species=" + SPECIES.vectorBitSize();
    }

    @Override
    public void multiply(byte[][] rows, byte[][] in, int[] inOff, byte[][] out, int[] outOff, int length) {
        byte[] tables = tablesFor(rows, in.length);
        int vectorEnd = SPECIES.loopBound(length);
        for (int start = 0; start < vectorEnd; start += BLOCK) {
            int end = Math.min(vectorEnd, start + BLOCK);
            int r = 0;
            for (; r + 4 <= out.length; r += 4) {
                four(tables, r, in, inOff, out, outOff, start, end);
            }
            if (r + 2 <= out.length) {
                two(tables, r, in, inOff, out, outOff, start, end);
                r += 2;
            }
            if (r < out.length) {
                one(tables, r, in, inOff, out[r], outOff[r], start, end);
            }
        }
        if (vectorEnd < length) {
            ScalarKernel.multiplyBlock(rows, in, inOff, out, outOff, vectorEnd, length - vectorEnd);
        }
    }

    /** The nibble tables of rows[r][c] at offset (r * inputs + c) * TABLE. */
    private static byte[] tablesFor(byte[][] rows, int inputs) {
        byte[] tables = new byte[rows.length * inputs * TABLE];
        for (int r = 0; r < rows.length; r++) {
            for (int c = 0; c < inputs; c++) {
                System.arraycopy(NIBBLE_TABLES, (rows[r][c] & 0xFF) * TABLE, tables, (r * inputs + c) * TABLE, TABLE);
            }
        }
        return tables;
    }

    private static void four(byte[] tables, int row, byte[][] in, int[] inOff, byte[][] out, int[] outOff,
            int start, int end) {
        int k = in.length;
        int stride = k * TABLE;
        int t0 = row * stride;
        byte[] o0 = out[row];
        byte[] o1 = out[row + 1];
        byte[] o2 = out[row + 2];
        byte[] o3 = out[row + 3];
        int d0 = outOff[row];
        int d1 = outOff[row + 1];
        int d2 = outOff[row + 2];
        int d3 = outOff[row + 3];
        for (int i = start; i < end; i += LANES) {
            ByteVector a0 = ByteVector.zero(SPECIES);
            ByteVector a1 = a0;
            ByteVector a2 = a0;
            ByteVector a3 = a0;
            for (int c = 0, t = t0; c < k; c++, t += TABLE) {
                ByteVector x = ByteVector.fromArray(SPECIES, in[c], inOff[c] + i);
                VectorShuffle<Byte> lo = x.and((byte) 0x0F).toShuffle();
                VectorShuffle<Byte> hi = high(x).toShuffle();
                a0 = a0.lanewise(VectorOperators.XOR, product(tables, t, lo, hi));
                a1 = a1.lanewise(VectorOperators.XOR, product(tables, t + stride, lo, hi));
                a2 = a2.lanewise(VectorOperators.XOR, product(tables, t + 2 * stride, lo, hi));
                a3 = a3.lanewise(VectorOperators.XOR, product(tables, t + 3 * stride, lo, hi));
            }
            a0.intoArray(o0, d0 + i);
            a1.intoArray(o1, d1 + i);
            a2.intoArray(o2, d2 + i);
            a3.intoArray(o3, d3 + i);
        }
    }

    private static void two(byte[] tables, int row, byte[][] in, int[] inOff, byte[][] out, int[] outOff,
            int start, int end) {
        int k = in.length;
        int stride = k * TABLE;
        int t0 = row * stride;
        byte[] o0 = out[row];
        byte[] o1 = out[row + 1];
        int d0 = outOff[row];
        int d1 = outOff[row + 1];
        for (int i = start; i < end; i += LANES) {
            ByteVector a0 = ByteVector.zero(SPECIES);
            ByteVector a1 = a0;
            for (int c = 0, t = t0; c < k; c++, t += TABLE) {
                ByteVector x = ByteVector.fromArray(SPECIES, in[c], inOff[c] + i);
                VectorShuffle<Byte> lo = x.and((byte) 0x0F).toShuffle();
                VectorShuffle<Byte> hi = high(x).toShuffle();
                a0 = a0.lanewise(VectorOperators.XOR, product(tables, t, lo, hi));
                a1 = a1.lanewise(VectorOperators.XOR, product(tables, t + stride, lo, hi));
            }
            a0.intoArray(o0, d0 + i);
            a1.intoArray(o1, d1 + i);
        }
    }

    private static void one(byte[] tables, int row, byte[][] in, int[] inOff, byte[] o, int d,
            int start, int end) {
        int k = in.length;
        int t0 = row * k * TABLE;
        for (int i = start; i < end; i += LANES) {
            ByteVector a = ByteVector.zero(SPECIES);
            for (int c = 0, t = t0; c < k; c++, t += TABLE) {
                ByteVector x = ByteVector.fromArray(SPECIES, in[c], inOff[c] + i);
                a = a.lanewise(VectorOperators.XOR,
                        product(tables, t, x.and((byte) 0x0F).toShuffle(), high(x).toShuffle()));
            }
            a.intoArray(o, d + i);
        }
    }

    /** x >>> 4 per byte, shifting 16-bit lanes: x86 has no byte shift, and the mask drops the bits that cross. */
    private static ByteVector high(ByteVector x) {
        return x.reinterpretAsShorts().lanewise(VectorOperators.LSHR, 4).reinterpretAsBytes().and((byte) 0x0F);
    }

    /** c * x for the coefficient whose tables start at t, given x's low and high nibbles. */
    private static ByteVector product(byte[] tables, int t, VectorShuffle<Byte> lo, VectorShuffle<Byte> hi) {
        ByteVector low = ByteVector.fromArray(SPECIES, tables, t).rearrange(lo);
        ByteVector high = ByteVector.fromArray(SPECIES, tables, t + LANES).rearrange(hi);
        return low.lanewise(VectorOperators.XOR, high);
    }
}
