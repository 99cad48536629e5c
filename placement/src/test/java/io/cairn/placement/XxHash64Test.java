package io.cairn.placement;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class XxHash64Test {
    /** Published XXH64 outputs for seed 0 (the reference implementation's answers). */
    @ParameterizedTest
    @CsvSource({
        "'', ef46db3751d8e999",
        "a, d24ec4f1a98c6e5b",
        "abc, 44bc2cf5ad770999",
        "message digest, 066ed728fceeb3be",
        "abcdefghijklmnopqrstuvwxyz, cfe1f278fa89835c",
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789, aaa46907d3047814",
        "12345678901234567890123456789012345678901234567890123456789012345678901234567890, e04a477f19ee145d",
        "Nobody inspects the spammish repetition, fbcea83c8a378bf1",
    })
    void matchesReferenceVectors(String text, String hex) {
        assertThat(XxHash64.hash(text.getBytes(StandardCharsets.US_ASCII), 0)).isEqualTo(Long.parseUnsignedLong(hex, 16));
    }

    /** Bytes i % 251: lengths around every branch (32-byte stripes, 8- and 4-byte lanes, single bytes). */
    @ParameterizedTest
    @CsvSource({
        "1, e934a84adb052768", "3, e5c7bb4533bc65dd", "4, ffced8604453cc1e", "7, 14cc643f630c72d2",
        "8, 884a173614b81b8d", "15, a948f5f0f6abac2d", "16, 44b6ef2fb84169f7", "31, c346d2b59b4d8ee1",
        "32, cbf59c5116ff32b4", "33, 0c535d1acafb8ead", "63, e26aa9e2a95f8e4f", "64, f7c67301db6713f0",
        "65, c31eb63b2ae4465b", "255, 566d96b832b967c1", "256, f33944343ee85824", "1000, f306f04aa88b54d3",
    })
    void matchesReferenceVectorsOnEveryTailLength(int length, String hex) {
        byte[] data = new byte[length];
        for (int i = 0; i < length; i++) {
            data[i] = (byte) (i % 251);
        }
        assertThat(XxHash64.hash(data, 0)).isEqualTo(Long.parseUnsignedLong(hex, 16));
    }

    @ParameterizedTest
    @CsvSource({"0", "5", "31", "100"})
    void hashesASliceLikeACopyOfIt(int offset) {
        byte[] data = new byte[300];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 7);
        }
        byte[] copy = Arrays.copyOfRange(data, offset, offset + 150);
        assertThat(XxHash64.hash(data, offset, 150, 42)).isEqualTo(XxHash64.hash(copy, 42));
    }
}
