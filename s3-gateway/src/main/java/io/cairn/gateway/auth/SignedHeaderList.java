package io.cairn.gateway.auth;

import io.cairn.gateway.auth.AuthException.Reason;
import java.util.List;
import java.util.Locale;

/** The SignedHeaders list: lower-case names separated by ';', which must include host. */
final class SignedHeaderList {
    private SignedHeaderList() {
    }

    static List<String> parse(String value, Reason malformed) throws AuthException {
        if (value.isEmpty()) {
            throw new AuthException(malformed, "SignedHeaders is empty");
        }
        List<String> names = List.of(value.split(";", -1));
        for (String name : names) {
            if (name.isEmpty() || !name.equals(name.toLowerCase(Locale.ROOT))) {
                throw new AuthException(malformed, "SignedHeaders must be lower-case names separated by ';'");
            }
        }
        // An unsigned Host would let a signature for one endpoint be replayed against another.
        if (!names.contains("host")) {
            throw new AuthException(malformed, "The host header must be signed.");
        }
        return names;
    }
}
