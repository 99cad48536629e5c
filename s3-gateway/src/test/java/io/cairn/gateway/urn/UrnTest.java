package io.cairn.gateway.urn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UrnTest {

    @ParameterizedTest
    @CsvSource({
        "urn:cairn:photos:avatar:user-42, photos, avatar/user-42",
        "urn:cairn:my.data-1:report:2026.Q1_final~v2, my.data-1, report/2026.Q1_final~v2",
        "urn:cairn:abc:k:0, abc, k/0"})
    void mapsToBucketAndKeyAndBack(String text, String bucket, String key) {
        Urn urn = Urn.parse(text);
        assertThat(urn.bucket()).isEqualTo(bucket);
        assertThat(urn.key()).isEqualTo(key);
        assertThat(urn.toString()).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"urn:other:photos:a:b", "urn:cairn:photos:a", "urn:cairn:photos:a:b:c",
        "urn:cairn:Photos:a:b", "urn:cairn:ph:a:b", "urn:cairn:photos:A:b", "urn:cairn:photos:a:.hidden",
        "urn:cairn:photos:a:../x", "urn:cairn:photos:a:with space", "urn:cairn:photos::b", "urn:cairn:a..b:k:i"})
    void refusesAnythingElse(String text) {
        assertThatThrownBy(() -> Urn.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
