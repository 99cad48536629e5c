package io.cairn.gateway.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The built-in key management for SSE-KMS: named keys, each a list of 256-bit versions, kept as one file
 * per key ({@code <id>.json}, owner-only) in a directory apart from the drives, so a stolen drive holds
 * no key that opens it. Rotation adds a version; old versions stay so that everything sealed under them
 * still opens. Every gateway of a cluster must see the same directory (or a copy). Files are read again
 * when a key is not known yet, so a key made through another gateway is found.
 */
public final class KeyRing {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final KeyRing NONE = new KeyRing(null);
    /** The key SSE-KMS uses when nothing names one (AWS's aws/s3 key); made on first use. */
    public static final String DEFAULT_KEY = "default";

    /** One version of a key: its material never leaves this package. */
    public record Version(int number, byte[] material, Instant created) {
        @Override
        public String toString() {
            return "Version[" + number + ", created " + created + "]";
        }
    }

    /** A named key and its versions, oldest first. */
    public record Key(String id, List<Version> versions) {
        public Version current() {
            return versions.get(versions.size() - 1);
        }

        public Optional<Version> version(int number) {
            return versions.stream().filter(v -> v.number() == number).findFirst();
        }
    }

    private final Path dir;

    private KeyRing(Path dir) {
        this.dir = dir;
    }

    /** No key ring: SSE-KMS requests are refused. */
    public static KeyRing none() {
        return NONE;
    }

    /** The key ring kept in {@code dir} (created, owner-only, when absent). */
    public static KeyRing open(Path dir) {
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the key ring directory " + dir, e);
        }
        return new KeyRing(dir);
    }

    public boolean enabled() {
        return dir != null;
    }

    /** Whether {@code id} may name a key: letters, digits, '.', '_' and '-', at most 128. */
    public static boolean validId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /** Creates a key with one fresh version; refused when it exists. */
    public synchronized Key create(String id) {
        requireEnabled();
        if (!validId(id)) {
            throw new IllegalArgumentException("a key id is 1-128 of A-Z a-z 0-9 . _ -: " + id);
        }
        Key key = new Key(id, List.of(newVersion(1)));
        write(key, false);
        return key;
    }

    /** Adds a version that becomes the one new data is sealed under. */
    public synchronized Key rotate(String id) {
        Key old = find(id).orElseThrow(() -> new IllegalArgumentException("no key " + id));
        List<Version> versions = new ArrayList<>(old.versions());
        versions.add(newVersion(old.current().number() + 1));
        Key key = new Key(id, List.copyOf(versions));
        write(key, true);
        return key;
    }

    /** The key named {@code id}, read from its file. */
    public Optional<Key> find(String id) {
        if (dir == null || !validId(id)) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse(Files.readString(dir.resolve(id + ".json"), StandardCharsets.UTF_8)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read key " + id, e);
        }
    }

    /** Every key, by id. */
    public List<Key> list() {
        requireEnabled();
        List<Key> keys = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                find(name.substring(0, name.length() - ".json".length())).ifPresent(keys::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the key ring " + dir, e);
        }
        keys.sort(Comparator.comparing(Key::id));
        return keys;
    }

    private void requireEnabled() {
        if (dir == null) {
            throw new IllegalStateException("no key ring is configured (--kms-dir)");
        }
    }

    private static Version newVersion(int number) {
        byte[] material = new byte[32];
        RANDOM.nextBytes(material);
        return new Version(number, material, Instant.now());
    }

    /** Writes through a temp file (owner-only, fsynced) and a rename, so a key file is never half written. */
    private void write(Key key, boolean replace) {
        Path target = dir.resolve(key.id() + ".json");
        Path tmp = dir.resolve("." + key.id() + "." + UUID.randomUUID() + ".tmp");
        byte[] text = toJson(key).getBytes(StandardCharsets.UTF_8);
        try {
            try (FileChannel ch = FileChannel.open(tmp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
                ch.write(ByteBuffer.wrap(text));
                ch.force(true);
            }
            if (replace) {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.createLink(target, tmp);
                Files.delete(tmp);
            }
            try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                d.force(true);
            }
        } catch (FileAlreadyExistsException e) {
            deleteQuietly(tmp);
            throw new IllegalArgumentException("key " + key.id() + " already exists");
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new UncheckedIOException("cannot write key " + key.id(), e);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // a temp file left behind holds a key as well protected as the ring itself
        }
    }

    private static String toJson(Key key) {
        ObjectNode root = JSON.createObjectNode();
        root.put("keyId", key.id());
        ArrayNode versions = root.putArray("versions");
        for (Version v : key.versions()) {
            versions.addObject().put("version", v.number()).put("created", v.created().toString())
                    .put("material", Base64.getEncoder().encodeToString(v.material()));
        }
        return root.toPrettyString() + "\n";
    }

    private static Key parse(String text) throws IOException {
        JsonNode root = JSON.readTree(text);
        List<Version> versions = new ArrayList<>();
        for (JsonNode v : root.path("versions")) {
            byte[] material = Base64.getDecoder().decode(v.path("material").asText());
            if (material.length != 32) {
                throw new IOException("key " + root.path("keyId").asText() + " version " + v.path("version")
                        + " is not 32 bytes");
            }
            versions.add(new Version(v.path("version").asInt(), material, Instant.parse(v.path("created").asText())));
        }
        if (versions.isEmpty()) {
            throw new IOException("key " + root.path("keyId").asText() + " has no versions");
        }
        versions.sort(Comparator.comparingInt(Version::number));
        return new Key(root.path("keyId").asText(), List.copyOf(versions));
    }
}
