package io.cairn.gateway.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The 256-bit secret every SSE-S3 key-encryption key and every SSE-C fingerprint key is derived from. It
 * comes from {@code CAIRN_MASTER_KEY} (base64 of 32 bytes) or from a key file that the first start creates
 * with owner-only permissions. All gateways of a cluster must share it. Never logged.
 */
public final class MasterKey {

    public static final String ENV = "CAIRN_MASTER_KEY";
    public static final String FILE_NAME = "master.key";

    private static final Logger LOG = LoggerFactory.getLogger(MasterKey.class);

    private final byte[] key;

    private MasterKey(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("the master key must be 32 bytes, got " + key.length);
        }
        this.key = key.clone();
    }

    /** From base64 of 32 bytes; the message never echoes the value. */
    public static MasterKey fromBase64(String value) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(value.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the master key is not valid base64");
        }
        return new MasterKey(raw);
    }

    /** A random key that lives as long as this object: for tests and throwaway stores only. */
    public static MasterKey ephemeral() {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        return new MasterKey(raw);
    }

    /**
     * The key of a cluster's gateways, which must all hold the same one: derived from the shared cluster
     * secret, so the secret must not change while encrypted objects exist (set CAIRN_MASTER_KEY to decouple
     * them).
     */
    public static MasterKey fromClusterSecret(byte[] clusterSecret) {
        return new MasterKey(Hkdf.derive(clusterSecret, Hkdf.info("cluster master key"), 32));
    }

    /**
     * {@code CAIRN_MASTER_KEY} when set; else the key {@code file} ({@code create}: made on first start, as a
     * single node does; else it must exist, as every gateway of a cluster needs the same key). Refused with
     * the reason when there is neither.
     */
    public static MasterKey configured(Map<String, String> env, Path file, boolean create) {
        String value = env.get(ENV);
        if (value != null && !value.isBlank()) {
            return fromBase64(value);
        }
        if (file == null) {
            throw new IllegalArgumentException("a cluster needs its SSE master key: set " + ENV + " or"
                    + " --master-key-file to the same key on every gateway (base64 of 32 bytes, e.g. from"
                    + " `openssl rand -base64 32`); a cluster that encrypted objects before this setting existed:"
                    + " --master-key-from-cluster-secret");
        }
        if (!create && !Files.exists(file)) {
            throw new IllegalArgumentException("the master key file " + file + " does not exist (a cluster's key is"
                    + " never created by one gateway: the others would not share it)");
        }
        return loadOrCreate(file);
    }

    /** {@code CAIRN_MASTER_KEY} when set, else the key file in {@code dataDir} (created on first start). */
    public static MasterKey configured(Map<String, String> env, Path dataDir) {
        String value = env.get(ENV);
        if (value != null && !value.isBlank()) {
            return fromBase64(value);
        }
        return loadOrCreate(dataDir.resolve(FILE_NAME));
    }

    /**
     * Reads the key file, or creates it (mode 0600, created with those permissions so it is never readable
     * by others, written and fsynced) when absent.
     */
    public static MasterKey loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            return fromBase64(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the master key file " + file, e);
        }
    }

    private static void create(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        byte[] text = (Base64.getEncoder().encodeToString(raw) + "\n").getBytes(StandardCharsets.US_ASCII);
        Set<StandardOpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try (FileChannel ch = FileChannel.open(file, options,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
            ch.write(ByteBuffer.wrap(text));
            ch.force(true);
        } catch (FileAlreadyExistsException e) {
            return;
        }
        LOG.warn("created a new master key file {}: back it up; encrypted objects cannot be read without it", file);
    }

    /** A 32-byte key for {@code purpose} in {@code context}. */
    byte[] derive(String purpose, String... context) {
        return Hkdf.derive(key, Hkdf.info(purpose, context), 32);
    }

    @Override
    public String toString() {
        return "MasterKey[redacted]";
    }
}
