package io.cairn.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PlacementGroupsTest {
    @Test
    void hashesBucketSlashKeyAsUtf8() {
        assertThat(PlacementGroups.keyHash("photos", "2024/cat.jpg")).isEqualTo(0xc4927dfc92b035d6L);
        assertThat(PlacementGroups.keyHash("b", "ключ/日本"))
                .isEqualTo(XxHash64.hash("b/ключ/日本".getBytes(StandardCharsets.UTF_8), 0));
        // The separator is part of the input, and the input is exactly bucket + "/" + key.
        assertThat(PlacementGroups.keyHash("ab", "c")).isNotEqualTo(PlacementGroups.keyHash("a", "bc"));
        assertThat(new PlacementGroups(4096).groupOf("photos", "2024/cat.jpg")).isEqualTo(0xc4927dfc92b035d6L & 4095);
    }

    @Test
    void treatsTheHashAsUnsignedForGroupCountsThatAreNotPowersOfTwo() {
        PlacementGroups groups = new PlacementGroups(1000);
        for (int i = 0; i < 1000; i++) {
            long h = PlacementGroups.keyHash("b", "k" + i);
            assertThat(groups.groupOf("b", "k" + i)).isEqualTo((int) Long.remainderUnsigned(h, 1000)).isBetween(0, 999);
        }
    }

    @Test
    void spreadsKeysEvenlyOverGroups() {
        PlacementGroups groups = new PlacementGroups(256);
        int[] counts = new int[256];
        for (int i = 0; i < 256_000; i++) {
            counts[groups.groupOf("bucket", "object-" + i)]++;
        }
        double chiSquare = 0;
        for (int c : counts) {
            chiSquare += (c - 1000.0) * (c - 1000.0) / 1000.0;
        }
        // 255 degrees of freedom: the 99.9th percentile is about 330.
        assertThat(chiSquare).isLessThan(330);
    }

    @Test
    void rejectsANonPositiveGroupCount() {
        assertThatThrownBy(() -> new PlacementGroups(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
