package io.cairn.erasure;

import java.util.Arrays;

/** A dense matrix over GF(2^8); only what building and inverting coding matrices needs. */
final class Matrix {

    private final byte[][] rows;

    private Matrix(byte[][] rows) {
        this.rows = rows;
    }

    static Matrix zero(int rowCount, int columnCount) {
        return new Matrix(new byte[rowCount][columnCount]);
    }

    static Matrix identity(int size) {
        Matrix m = zero(size, size);
        for (int i = 0; i < size; i++) {
            m.rows[i][i] = 1;
        }
        return m;
    }

    /** Row r is (r^0, r^1, ..., r^(cols-1)): any cols rows are independent because the points differ. */
    static Matrix vandermonde(int rowCount, int columnCount) {
        Matrix m = zero(rowCount, columnCount);
        for (int r = 0; r < rowCount; r++) {
            for (int c = 0; c < columnCount; c++) {
                m.rows[r][c] = (byte) GaloisField.pow(r, c);
            }
        }
        return m;
    }

    int rowCount() {
        return rows.length;
    }

    int columnCount() {
        return rows[0].length;
    }

    int get(int r, int c) {
        return rows[r][c] & 0xFF;
    }

    /** A copy of row r. */
    byte[] row(int r) {
        return rows[r].clone();
    }

    Matrix times(Matrix other) {
        if (columnCount() != other.rowCount()) {
            throw new IllegalArgumentException("shape mismatch");
        }
        Matrix out = zero(rowCount(), other.columnCount());
        for (int r = 0; r < rowCount(); r++) {
            for (int c = 0; c < other.columnCount(); c++) {
                int sum = 0;
                for (int i = 0; i < columnCount(); i++) {
                    sum ^= GaloisField.mul(rows[r][i], other.rows[i][c]);
                }
                out.rows[r][c] = (byte) sum;
            }
        }
        return out;
    }

    /** The matrix made of the given rows of this one, in that order. */
    Matrix selectRows(int[] indexes) {
        byte[][] picked = new byte[indexes.length][];
        for (int i = 0; i < indexes.length; i++) {
            picked[i] = rows[indexes[i]].clone();
        }
        return new Matrix(picked);
    }

    /** Rows [from, to) of this matrix. */
    Matrix rowRange(int from, int to) {
        byte[][] picked = new byte[to - from][];
        for (int r = from; r < to; r++) {
            picked[r - from] = rows[r].clone();
        }
        return new Matrix(picked);
    }

    /** Gauss-Jordan elimination on [this | I]; throws if the matrix is singular. */
    Matrix inverse() {
        int n = rowCount();
        if (n != columnCount()) {
            throw new IllegalArgumentException("not square");
        }
        byte[][] work = new byte[n][];
        for (int r = 0; r < n; r++) {
            work[r] = Arrays.copyOf(rows[r], 2 * n);
            work[r][n + r] = 1;
        }
        for (int col = 0; col < n; col++) {
            pivot(work, col);
            int scale = GaloisField.inverse(work[col][col]);
            scaleRow(work[col], scale);
            for (int r = 0; r < n; r++) {
                if (r != col && work[r][col] != 0) {
                    addScaledRow(work[r], work[col], work[r][col] & 0xFF);
                }
            }
        }
        byte[][] out = new byte[n][];
        for (int r = 0; r < n; r++) {
            out[r] = Arrays.copyOfRange(work[r], n, 2 * n);
        }
        return new Matrix(out);
    }

    private static void pivot(byte[][] work, int col) {
        for (int r = col; r < work.length; r++) {
            if (work[r][col] != 0) {
                byte[] t = work[r];
                work[r] = work[col];
                work[col] = t;
                return;
            }
        }
        throw new ArithmeticException("singular matrix");
    }

    private static void scaleRow(byte[] row, int factor) {
        for (int i = 0; i < row.length; i++) {
            row[i] = (byte) GaloisField.mul(row[i], factor);
        }
    }

    /** target += factor * source. */
    private static void addScaledRow(byte[] target, byte[] source, int factor) {
        for (int i = 0; i < target.length; i++) {
            target[i] ^= (byte) GaloisField.mul(source[i], factor);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Matrix other && Arrays.deepEquals(rows, other.rows);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(rows);
    }

    @Override
    public String toString() {
        return Arrays.deepToString(rows);
    }
}
