package io.cairn.erasure;

/**
 * The portable kernel: one 256-byte product table per coefficient, one table lookup per byte.
 * Inputs run in the outer loop so each input byte is loaded once per output while the output block is
 * still in cache; work is cut into blocks so the block of every shard fits in L2 together.
 */
final class ScalarKernel implements CodingKernel {

    private static final int BLOCK = 16 * 1024;

    @Override
    public void multiply(byte[][] rows, byte[][] in, int[] inOff, byte[][] out, int[] outOff, int length) {
        for (int start = 0; start < length; start += BLOCK) {
            int n = Math.min(BLOCK, length - start);
            multiplyBlock(rows, in, inOff, out, outOff, start, n);
        }
    }

    @Override
    public String toString() {
        return "SCALAR";
    }

    /** Also used by the vector kernel for the tail bytes that do not fill a vector. */
    static void multiplyBlock(byte[][] rows, byte[][] in, int[] inOff, byte[][] out, int[] outOff,
            int start, int n) {
        for (int c = 0; c < in.length; c++) {
            byte[] src = in[c];
            int s = inOff[c] + start;
            for (int r = 0; r < out.length; r++) {
                byte[] table = GaloisField.mulRow(rows[r][c]);
                byte[] dst = out[r];
                int d = outOff[r] + start;
                if (c == 0) {
                    for (int i = 0; i < n; i++) {
                        dst[d + i] = table[src[s + i] & 0xFF];
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        dst[d + i] ^= table[src[s + i] & 0xFF];
                    }
                }
            }
        }
    }
}
