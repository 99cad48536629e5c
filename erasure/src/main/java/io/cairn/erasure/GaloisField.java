package io.cairn.erasure;

/**
 * Arithmetic in GF(2^8) with the field polynomial x^8 + x^4 + x^3 + x^2 + 1 (0x11D), the polynomial
 * most Reed-Solomon storage codes use; 2 generates its multiplicative group.
 */
public final class GaloisField {

    /** The field polynomial, including the x^8 term. */
    public static final int POLYNOMIAL = 0x11D;

    /** EXP[i] = 2^i; doubled in length so that EXP[log a + log b] needs no modulo. */
    private static final byte[] EXP = new byte[510];
    private static final int[] LOG = new int[256];
    /** MUL[a][b] = a * b: one 256-byte row per coefficient, the scalar kernel's lookup table. */
    private static final byte[][] MUL = new byte[256][256];

    static {
        int x = 1;
        for (int i = 0; i < 255; i++) {
            EXP[i] = (byte) x;
            EXP[i + 255] = (byte) x;
            LOG[x] = i;
            x <<= 1;
            if (x >= 256) {
                x ^= POLYNOMIAL;
            }
        }
        for (int a = 1; a < 256; a++) {
            for (int b = 1; b < 256; b++) {
                MUL[a][b] = EXP[LOG[a] + LOG[b]];
            }
        }
    }

    private GaloisField() {
    }

    public static int add(int a, int b) {
        return (a ^ b) & 0xFF;
    }

    public static int mul(int a, int b) {
        return MUL[a & 0xFF][b & 0xFF] & 0xFF;
    }

    public static int div(int a, int b) {
        if ((b & 0xFF) == 0) {
            throw new ArithmeticException("division by zero in GF(2^8)");
        }
        if ((a & 0xFF) == 0) {
            return 0;
        }
        return EXP[LOG[a & 0xFF] - LOG[b & 0xFF] + 255] & 0xFF;
    }

    public static int inverse(int a) {
        return div(1, a);
    }

    /** a raised to the power n (n >= 0), with 0^0 = 1 as the Vandermonde construction needs. */
    public static int pow(int a, int n) {
        if (n == 0) {
            return 1;
        }
        if ((a & 0xFF) == 0) {
            return 0;
        }
        return EXP[(int) ((long) LOG[a & 0xFF] * n % 255)] & 0xFF;
    }

    /** The products c * x for x = 0..255; callers must not modify it. */
    static byte[] mulRow(int c) {
        return MUL[c & 0xFF];
    }
}
