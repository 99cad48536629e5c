package io.cairn.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The cluster secret that signs every node-to-node request. It comes from the environment or a file, never
 * from a command-line argument, which every user of the machine can read in the process list.
 */
public final class ClusterSecret {

    public static final String ENV = "CAIRN_CLUSTER_SECRET";
    static final int MIN_BYTES = 16;

    private ClusterSecret() {
    }

    /** The secret from {@code file} when given, else from {@value #ENV}; refuses a missing or short one. */
    public static byte[] load(Map<String, String> env, Path file) {
        String secret;
        String source;
        if (file != null) {
            try {
                secret = Files.readString(file, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the cluster secret file " + file, e);
            }
            source = "secret file " + file;
        } else {
            secret = env.get(ENV);
            source = ENV;
        }
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("cluster mode needs the cluster secret: set " + ENV
                    + " (the same value on every node), name a file holding it in " + ENV
                    + "_FILE or pass --secret-file");
        }
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_BYTES) {
            throw new IllegalArgumentException(source + " must hold at least " + MIN_BYTES + " bytes");
        }
        return bytes;
    }
}
