package io.cairn.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class StripeLayoutTest {

    /** 4+2 with a nominal 1 MiB stripe: cells of 262144 bytes, full stripes of 1048576 data bytes. */
    private final StripeLayout layout = new StripeLayout(4, 2, 1 << 20);

    @ParameterizedTest(name = "size {0}")
    @CsvSource({
        // size,       stripes, last stripe data, last cell, shard length
        "0,            0,       0,                0,         0",
        "1,            1,       1,                1,         1",
        "262143,       1,       262143,           65536,     65536",   // cell - 1
        "262144,       1,       262144,           65536,     65536",   // cell
        "1048575,      1,       1048575,          262144,    262144",  // stripe - 1
        "1048576,      1,       1048576,          262144,    262144",  // stripe
        "1048577,      2,       1,                1,         262145",  // stripe + 1
        "3145733,      4,       5,                2,         786434",  // 3 stripes + 5 bytes
        "5497558138880, 5242880, 1048576,        262144,    1374389534720", // 5 TiB: exact multiple
        "5497558138881, 5242881, 1,               1,         1374389534721",
    })
    void sizesMapToStripesAndCells(long size, long stripes, long lastData, int lastCell, long shardLength) {
        assertThat(layout.stripeCount(size)).isEqualTo(stripes);
        assertThat(layout.shardLength(size)).isEqualTo(shardLength);
        if (stripes > 0) {
            assertThat(layout.stripeDataLength(size, stripes - 1)).isEqualTo(lastData);
            assertThat(layout.cellLength(size, stripes - 1)).isEqualTo(lastCell);
            long sum = 0;
            for (long s = Math.max(0, stripes - 3); s < stripes; s++) {
                sum += layout.cellLength(size, s);
            }
            // the shard is the concatenation of its cells: earlier stripes all have full cells
            assertThat(Math.max(0, stripes - 3) * layout.cellSize() + sum).isEqualTo(shardLength);
            // the cells of the last stripe hold all its data with at most k-1 bytes of padding
            assertThat((long) lastCell * 4 - lastData).isBetween(0L, 3L);
        }
    }

    @Test
    void shardLengthIsTheSumOfCellLengthsForManySizes() {
        StripeLayout odd = new StripeLayout(3, 2, 100);   // cells of 34 bytes, stripes of 102
        for (long size = 0; size < 1000; size++) {
            long sum = 0;
            for (long s = 0; s < odd.stripeCount(size); s++) {
                sum += odd.cellLength(size, s);
            }
            assertThat(odd.shardLength(size)).as("size %d", size).isEqualTo(sum);
            assertThat(sum * 3).isBetween(size, size + 2);
        }
    }

    @Test
    void nominalStripeSizeRoundsUpToWholeCells() {
        StripeLayout odd = new StripeLayout(3, 2, 100);
        assertThat(odd.cellSize()).isEqualTo(34);
        assertThat(odd.stripeDataSize()).isEqualTo(102);
        assertThat(odd.totalShards()).isEqualTo(5);
        assertThat(odd.stripeCount(102)).isEqualTo(1);
        assertThat(odd.stripeCount(103)).isEqualTo(2);
    }

    @Test
    void offsetsMapToStripes() {
        assertThat(layout.stripeOf(0)).isZero();
        assertThat(layout.stripeOf(1048575)).isZero();
        assertThat(layout.stripeOf(1048576)).isEqualTo(1);
        assertThat(layout.stripeOf(5000000000000L)).isEqualTo(4768371);
        assertThat(layout.stripeStart(0)).isZero();
        assertThat(layout.stripeStart(3)).isEqualTo(3145728);
        assertThat(layout.stripeStart(layout.stripeOf(3145729))).isEqualTo(3145728);
        assertThat(layout.cellOffset(3)).isEqualTo(786432);
    }

    @Test
    void invalidSchemesAndArgumentsAreRejected() {
        assertThatThrownBy(() -> new StripeLayout(0, 2, 1024)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StripeLayout(200, 57, 1 << 20)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StripeLayout(8, 4, 7)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> layout.stripeCount(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> layout.stripeDataLength(10, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> layout.cellLength(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
