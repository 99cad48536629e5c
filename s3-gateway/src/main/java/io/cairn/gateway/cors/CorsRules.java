package io.cairn.gateway.cors;

import java.util.List;
import java.util.Optional;

/** Finds the rule of a configuration that allows a request, as S3 evaluates them: first match wins. */
final class CorsRules {

    private CorsRules() {
    }

    /** {@code requestHeaders}: the names a preflight announces (empty for an actual request). */
    static Optional<CorsConfiguration.Rule> match(CorsConfiguration config, String origin, String method,
                                                  List<String> requestHeaders) {
        for (CorsConfiguration.Rule rule : config.rules()) {
            if (allows(rule, origin, method, requestHeaders)) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }

    private static boolean allows(CorsConfiguration.Rule rule, String origin, String method, List<String> headers) {
        if (!rule.allowedMethods().contains(method)) {
            return false;
        }
        if (rule.allowedOrigins().stream().noneMatch(o -> Wildcards.matches(o, origin))) {
            return false;
        }
        for (String h : headers) {
            if (rule.allowedHeaders().stream().noneMatch(p -> Wildcards.matchesIgnoreCase(p, h))) {
                return false;
            }
        }
        return true;
    }

    /** A rule whose only origin is "*" answers "*" and never allows credentials, like S3. */
    static boolean anyOrigin(CorsConfiguration.Rule rule) {
        return rule.allowedOrigins().size() == 1 && rule.allowedOrigins().get(0).equals("*");
    }
}
