package io.cairn.gateway.cors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CorsRulesTest {

    static final CorsConfiguration CONFIG = new CorsConfiguration(List.of(
            new CorsConfiguration.Rule("one", List.of("content-type", "x-amz-*"), List.of("PUT", "POST"),
                    List.of("https://*.example.com"), List.of(), 60),
            new CorsConfiguration.Rule("two", List.of(), List.of("GET"), List.of("*"), List.of("ETag"), null)));

    @Test
    void firstMatchingRuleWins() {
        assertThat(CorsRules.match(CONFIG, "https://app.example.com", "PUT", List.of("content-type", "x-amz-date")))
                .hasValueSatisfying(r -> assertThat(r.id()).isEqualTo("one"));
        assertThat(CorsRules.match(CONFIG, "https://app.example.com", "GET", List.of()))
                .hasValueSatisfying(r -> assertThat(r.id()).isEqualTo("two"));
    }

    @Test
    void originMethodAndEveryHeaderMustBeAllowed() {
        assertThat(CorsRules.match(CONFIG, "http://app.example.com", "PUT", List.of())).isEmpty();
        assertThat(CorsRules.match(CONFIG, "https://example.com", "PUT", List.of())).isEmpty();
        assertThat(CorsRules.match(CONFIG, "https://app.example.com", "DELETE", List.of())).isEmpty();
        assertThat(CorsRules.match(CONFIG, "https://app.example.com", "PUT", List.of("content-type", "x-other")))
                .isEmpty();
        assertThat(CorsRules.match(CONFIG, "https://app.example.com", "GET", List.of("x-any"))).isEmpty();
    }

    @Test
    void wildcardsStandForAnyRun() {
        assertThat(Wildcards.matches("https://*.example.com", "https://a.b.example.com")).isTrue();
        assertThat(Wildcards.matches("https://*.example.com", "https://.example.com")).isTrue();
        assertThat(Wildcards.matches("https://*.example.com", "https://example.com")).isFalse();
        assertThat(Wildcards.matchesIgnoreCase("X-Amz-*", "x-amz-meta-a")).isTrue();
        assertThat(Wildcards.count("*a*")).isEqualTo(2);
    }
}
