package io.cairn.cli;

import io.cairn.cluster.ClusterSecret;
import io.cairn.gateway.auth.StaticCredentialStore;
import io.cairn.gateway.crypto.MasterKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The environment as the commands read it, with the secret-file convention of container images: for each
 * secret variable {@code X}, a variable {@code X_FILE} may name a file that holds the value instead. Compose
 * and Kubernetes mount secrets as files (under {@code /run/secrets}), which, unlike environment variables,
 * do not show in {@code docker inspect} or in the process's environment block.
 */
final class SecretEnvironment {

    static final String FILE_SUFFIX = "_FILE";

    /** The variables that may come from a file: every one that holds a secret or a credential. */
    static final List<String> SECRETS = List.of(ClusterSecret.ENV, StaticCredentialStore.ROOT_USER_ENV,
            StaticCredentialStore.ROOT_PASSWORD_ENV, MasterKey.ENV, "CAIRN_METRICS_TOKEN", "CAIRN_SECRET_KEY");

    private static Map<String, String> current;

    private SecretEnvironment() {
    }

    /** This process's environment, resolved once. */
    static synchronized Map<String, String> current() {
        if (current == null) {
            current = resolve(System.getenv());
        }
        return current;
    }

    /**
     * {@code env} with each {@code X} of {@link #SECRETS} set from the file {@code X_FILE} names, less its
     * trailing line breaks (an editor or {@code echo} adds one; no secret ends in one). Setting both
     * {@code X} and {@code X_FILE} is refused: which one wins would be a guess.
     */
    static Map<String, String> resolve(Map<String, String> env) {
        Map<String, String> out = new HashMap<>(env);
        for (String name : SECRETS) {
            String file = env.get(name + FILE_SUFFIX);
            if (file == null || file.isEmpty()) {
                continue;
            }
            if (env.containsKey(name)) {
                throw new IllegalArgumentException("set " + name + " or " + name + FILE_SUFFIX + ", not both");
            }
            out.put(name, read(name + FILE_SUFFIX, Path.of(file)));
        }
        return Map.copyOf(out);
    }

    private static String read(String variable, Path file) {
        String value;
        try {
            value = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            // The message names the file, never its contents.
            throw new IllegalArgumentException(variable + ": cannot read " + file + ": " + e.getClass().getSimpleName());
        }
        int end = value.length();
        while (end > 0 && (value.charAt(end - 1) == '\n' || value.charAt(end - 1) == '\r')) {
            end--;
        }
        if (end == 0) {
            throw new IllegalArgumentException(variable + ": " + file + " is empty");
        }
        return value.substring(0, end);
    }
}
