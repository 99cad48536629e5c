package io.cairn.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GaloisFieldTest {

    /** Shift-and-add multiplication reduced by 0x11D: the definition the tables must agree with. */
    private static int slowMul(int a, int b) {
        int product = 0;
        for (int i = 0; i < 8; i++) {
            if ((b & (1 << i)) != 0) {
                product ^= a << i;
            }
        }
        for (int bit = 15; bit >= 8; bit--) {
            if ((product & (1 << bit)) != 0) {
                product ^= 0x11D << (bit - 8);
            }
        }
        return product;
    }

    @Test
    void multiplicationMatchesPolynomialArithmeticForAllPairs() {
        for (int a = 0; a < 256; a++) {
            for (int b = 0; b < 256; b++) {
                assertThat(GaloisField.mul(a, b)).as("%d*%d", a, b).isEqualTo(slowMul(a, b));
            }
        }
    }

    @Test
    void divisionUndoesMultiplication() {
        for (int a = 0; a < 256; a++) {
            for (int b = 1; b < 256; b++) {
                assertThat(GaloisField.div(GaloisField.mul(a, b), b)).isEqualTo(a);
            }
        }
        for (int a = 1; a < 256; a++) {
            assertThat(GaloisField.mul(a, GaloisField.inverse(a))).isEqualTo(1);
        }
        assertThatThrownBy(() -> GaloisField.div(3, 0)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void knownValues() {
        assertThat(GaloisField.mul(2, 0x80)).isEqualTo(0x1D);
        assertThat(GaloisField.mul(3, 0x80)).isEqualTo(0x9D);
        assertThat(GaloisField.pow(2, 8)).isEqualTo(0x1D);
        assertThat(GaloisField.pow(0, 0)).isEqualTo(1);
        assertThat(GaloisField.pow(0, 3)).isZero();
        assertThat(GaloisField.pow(7, 255)).isEqualTo(1);
        assertThat(GaloisField.add(0x0F, 0xFF)).isEqualTo(0xF0);
    }
}
