package io.cairn.gateway.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;

/**
 * Users fixed at start-up: the root user from CAIRN_ROOT_USER / CAIRN_ROOT_PASSWORD (both default to
 * "cairnadmin", which {@link #usingDefaults()} reports so the command can warn loudly), plus the users of
 * an optional file.
 *
 * <p>The users file is JSON when its name ends in ".json": an array of objects, or an object with a
 * "users" array, each object {"accessKey": ..., "secretKey": ..., "name": ...} ("name" optional).
 * Otherwise it is a properties file, one user per line: {@code accessKey = secretKey[,name]}.
 */
public final class StaticCredentialStore implements CredentialStore {
    public static final String ROOT_USER_ENV = "CAIRN_ROOT_USER";
    public static final String ROOT_PASSWORD_ENV = "CAIRN_ROOT_PASSWORD";
    public static final String DEFAULT_ROOT = "cairnadmin";
    /** Same floors as MinIO: short keys are guessable and clients reject them anyway. */
    static final int MIN_ACCESS_KEY = 3;
    static final int MIN_SECRET_KEY = 8;

    private final Map<String, Credentials> users;
    private final String rootAccessKey;
    private final boolean usingDefaults;

    StaticCredentialStore(Map<String, Credentials> users, String rootAccessKey, boolean usingDefaults) {
        this.users = Map.copyOf(users);
        this.rootAccessKey = rootAccessKey;
        this.usingDefaults = usingDefaults;
    }

    public static StaticCredentialStore fromEnvironment(Map<String, String> env, Path usersFile) {
        String rootUser = env.get(ROOT_USER_ENV);
        String rootPassword = env.get(ROOT_PASSWORD_ENV);
        boolean defaults = isBlank(rootUser) || isBlank(rootPassword);
        Credentials root = defaults
                ? new Credentials(DEFAULT_ROOT, DEFAULT_ROOT, DEFAULT_ROOT)
                : new Credentials(rootUser, rootPassword, rootUser);
        Map<String, Credentials> users = new LinkedHashMap<>();
        add(users, root);
        if (usersFile != null) {
            for (Credentials user : readUsers(usersFile)) {
                add(users, user);
            }
        }
        return new StaticCredentialStore(users, root.accessKey(), defaults);
    }

    /** True when the root user still has the well-known default credentials. */
    public boolean usingDefaults() {
        return usingDefaults;
    }

    @Override
    public Optional<Credentials> lookup(String accessKey) {
        return Optional.ofNullable(users.get(accessKey));
    }

    @Override
    public boolean isRoot(String accessKey) {
        return rootAccessKey.equals(accessKey);
    }

    /** The root user's access key (the default one when the environment names none). */
    public String rootAccessKey() {
        return rootAccessKey;
    }

    private static void add(Map<String, Credentials> users, Credentials user) {
        if (user.accessKey().length() < MIN_ACCESS_KEY || user.secretKey().length() < MIN_SECRET_KEY) {
            throw new IllegalArgumentException("user " + user.accessKey() + ": access key needs at least "
                    + MIN_ACCESS_KEY + " characters and secret key at least " + MIN_SECRET_KEY);
        }
        if (users.putIfAbsent(user.accessKey(), user) != null) {
            throw new IllegalArgumentException("access key defined twice: " + user.accessKey());
        }
    }

    private static Iterable<Credentials> readUsers(Path file) {
        try {
            if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
                return readJson(file);
            }
            return readProperties(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read users file " + file, e);
        }
    }

    private static Iterable<Credentials> readJson(Path file) throws IOException {
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        JsonNode list = root.isArray() ? root : root.path("users");
        if (!list.isArray()) {
            throw new IllegalArgumentException(file + ": expected an array of users or {\"users\": [...]}");
        }
        List<Credentials> out = new ArrayList<>();
        for (JsonNode user : list) {
            String accessKey = user.path("accessKey").asText("");
            String secretKey = user.path("secretKey").asText("");
            String name = user.path("name").asText(accessKey);
            out.add(new Credentials(accessKey, secretKey, name.isEmpty() ? accessKey : name));
        }
        return out;
    }

    private static Iterable<Credentials> readProperties(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        List<Credentials> out = new ArrayList<>();
        for (String accessKey : new TreeSet<>(properties.stringPropertyNames())) {
            String value = properties.getProperty(accessKey).strip();
            int comma = value.indexOf(',');
            String secret = comma < 0 ? value : value.substring(0, comma).strip();
            String name = comma < 0 ? accessKey : value.substring(comma + 1).strip();
            out.add(new Credentials(accessKey, secret, name.isEmpty() ? accessKey : name));
        }
        return out;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
