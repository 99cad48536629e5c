package io.cairn.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MatrixTest {

    @Test
    void inverseTimesMatrixIsIdentity() {
        for (int n : new int[] {1, 2, 5, 17, 64}) {
            Matrix v = Matrix.vandermonde(n + 3, n).rowRange(3, n + 3);
            assertThat(v.times(v.inverse())).isEqualTo(Matrix.identity(n));
            assertThat(v.inverse().times(v)).isEqualTo(Matrix.identity(n));
        }
    }

    @Test
    void everyKRowsOfTheEncodingMatrixAreIndependent() {
        // 6+3: all 84 choices of 6 rows must be invertible, or some loss of 3 shards could not be rebuilt
        Matrix v = Matrix.vandermonde(9, 6);
        Matrix encoding = v.times(v.rowRange(0, 6).inverse());
        assertThat(encoding.rowRange(0, 6)).isEqualTo(Matrix.identity(6));
        int checked = 0;
        for (int mask = 0; mask < 512; mask++) {
            if (Integer.bitCount(mask) == 6) {
                int[] rows = new int[6];
                for (int i = 0, n = 0; i < 9; i++) {
                    if ((mask & (1 << i)) != 0) {
                        rows[n++] = i;
                    }
                }
                Matrix sub = encoding.selectRows(rows);
                assertThat(sub.times(sub.inverse())).isEqualTo(Matrix.identity(6));
                checked++;
            }
        }
        assertThat(checked).isEqualTo(84);
    }

    @Test
    void singularMatrixIsRejected() {
        Matrix twoEqualRows = Matrix.vandermonde(3, 2).selectRows(new int[] {1, 1});
        assertThatThrownBy(twoEqualRows::inverse).isInstanceOf(ArithmeticException.class);
    }
}
