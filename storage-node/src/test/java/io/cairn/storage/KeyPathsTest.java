package io.cairn.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class KeyPathsTest {

    static Stream<Arguments> escapedExamples() {
        return Stream.of(
                Arguments.of("photos/2024/cat.jpg", "photos/2024/cat.jpg"),
                Arguments.of("a", "a"),
                Arguments.of("a/", "a/%"),
                Arguments.of("/", "%/%"),
                Arguments.of("a//b", "a/%/b"),
                Arguments.of(".", "%2E"),
                Arguments.of("..", "%2E."),
                Arguments.of("../../etc/passwd", "%2E./%2E./etc/passwd"),
                Arguments.of(".manifest", "%2Emanifest"),
                Arguments.of("a/.b.c", "a/%2Eb.c"),
                Arguments.of("100%", "100%25"),
                Arguments.of("a b\\c", "a%20b%5Cc"),
                Arguments.of("tab\there\u0000nul", "tab%09here%00nul"),
                Arguments.of("é", "%C3%A9"),
                Arguments.of("🙂", "%F0%9F%99%82"),
                Arguments.of("x-y_z~1+2=3,4@5", "x-y_z~1+2=3,4@5"));
    }

    @ParameterizedTest
    @MethodSource("escapedExamples")
    void escapesToDocumentedPath(String key, String path) {
        assertThat(KeyPaths.toRelativePath(key)).isEqualTo(path);
        assertThat(KeyPaths.unescape(path)).isEqualTo(key);
    }

    @Test
    void splitsLongSegmentsWithContinuationMarker() {
        String key = "a".repeat(600) + "/b";
        List<String> names = KeyPaths.escape(key);
        assertThat(names).containsExactly("a".repeat(254) + "%", "a".repeat(254) + "%", "a".repeat(92), "b");
        assertThat(KeyPaths.unescape(names)).isEqualTo(key);
    }

    @Test
    void segmentOfExactly255BytesIsNotSplit() {
        assertThat(KeyPaths.escape("z".repeat(255))).containsExactly("z".repeat(255));
        assertThat(KeyPaths.escape("z".repeat(256))).containsExactly("z".repeat(254) + "%", "zz");
    }

    @Test
    void neverCutsInsideAnEscapeAndEscapesALeadingDotOfEveryPiece() {
        String key = "a".repeat(253) + "é" + "." + "b".repeat(300);
        List<String> names = KeyPaths.escape(key);
        assertThat(names.get(0)).isEqualTo("a".repeat(253) + "%");
        assertThat(names.get(1)).startsWith("%C3%A9.");
        assertThat(KeyPaths.unescape(names)).isEqualTo(key);
        String dots = "x".repeat(254) + "." + "y".repeat(10);
        assertThat(KeyPaths.escape(dots)).containsExactly("x".repeat(254) + "%", "%2E" + "y".repeat(10));
    }

    @Test
    void rejectsInvalidKeys() {
        assertThatThrownBy(() -> KeyPaths.escape("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeyPaths.escape("x".repeat(1025))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeyPaths.escape("bad\uD800")).isInstanceOf(IllegalArgumentException.class);
        assertThat(KeyPaths.escape("é".repeat(512))).isNotEmpty();
        assertThatThrownBy(() -> KeyPaths.escape("é".repeat(513))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsNamesEscapingCannotProduce() {
        for (String path : List.of("%2e", "%41", ".x", ".", "..", "a%2", "a%G1", "a/%2E%", "x%", "a/b%", "é", "a b",
                "a".repeat(200) + "%/b")) {
            assertThatThrownBy(() -> KeyPaths.unescape(path)).as(path).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void randomKeysRoundTripAndStayInsideTheVolume() {
        Random random = new Random(42);
        Path volume = Path.of("/drive/bucket");
        for (int i = 0; i < 20_000; i++) {
            String key = randomKey(random);
            List<String> names = KeyPaths.escape(key);
            assertThat(KeyPaths.unescape(names)).isEqualTo(key);
            for (String name : names) {
                assertThat(name).isNotEmpty().doesNotContain("/", "\0").isNotIn(".", "..").doesNotStartWith(".");
                assertThat(name.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(255);
                assertThat(name.chars().allMatch(c -> c > 32 && c < 127)).isTrue();
            }
            Path resolved = KeyPaths.resolve(volume, key);
            assertThat(resolved.normalize()).isEqualTo(resolved);
            assertThat(resolved.startsWith(volume)).isTrue();
            assertThat(resolved).isNotEqualTo(volume);
        }
    }

    @Test
    void distinctKeysGetDistinctPaths() {
        Random random = new Random(7);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            keys.add(randomKey(random));
        }
        long distinctKeys = keys.stream().distinct().count();
        long distinctPaths = keys.stream().map(KeyPaths::toRelativePath).distinct().count();
        assertThat(distinctPaths).isEqualTo(distinctKeys);
    }

    /** Keys drawn from a small alphabet of troublesome characters, so collisions and edge cases are common. */
    static String randomKey(Random random) {
        String[] alphabet = {"a", "b", "/", ".", "%", "%2E", "-", " ", "\\", "\0", "\n", "é", "日", "🙂", "~", "Z", "+"};
        StringBuilder key = new StringBuilder();
        int target = random.nextInt(10) == 0 ? 200 + random.nextInt(800) : 1 + random.nextInt(12);
        while (key.toString().getBytes(StandardCharsets.UTF_8).length < target) {
            String piece = alphabet[random.nextInt(alphabet.length)];
            key.append(random.nextInt(20) == 0 ? piece.repeat(1 + random.nextInt(300)) : piece);
        }
        while (key.toString().getBytes(StandardCharsets.UTF_8).length > KeyPaths.MAX_KEY_BYTES) {
            key.setLength(key.length() - 1);
            if (Character.isHighSurrogate(key.charAt(key.length() - 1))) {
                key.setLength(key.length() - 1);
            }
        }
        return key.toString();
    }

    /** The order S3 lists keys in: their UTF-8 bytes compared unsigned. */
    static final Comparator<String> S3_ORDER = (a, b) -> Arrays.compareUnsigned(
            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
}
