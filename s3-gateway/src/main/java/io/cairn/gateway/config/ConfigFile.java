package io.cairn.gateway.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The optional configuration file: one {@code option = value} per line, option named as its flag without
 * the dashes ({@code stripe-size = 1MiB}); blank lines and lines starting with '#' are ignored. Values are
 * taken as written (trimmed; no quoting, no escapes), so what works after a flag works here.
 */
public final class ConfigFile {

    /** The flag and environment variable that name the file. */
    public static final String OPTION = "--config";
    public static final String ENV = "CAIRN_CONFIG";

    private ConfigFile() {
    }

    /** The file named by {@code --config FILE} / {@code --config=FILE} in {@code args}, else by the environment. */
    public static Path locate(String[] args, Map<String, String> env) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(OPTION) && i + 1 < args.length) {
                return Path.of(args[i + 1]);
            }
            if (args[i].startsWith(OPTION + "=")) {
                return Path.of(args[i].substring(OPTION.length() + 1));
            }
        }
        String fromEnv = env.get(ENV);
        return fromEnv == null || fromEnv.isBlank() ? null : Path.of(fromEnv);
    }

    /** Reads {@code file}; a line that is not {@code name = value} fails with its line number. */
    public static Map<String, String> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException("--config: cannot read " + file + ": " + e.getMessage());
        }
        return parse(lines, file.toString());
    }

    static Map<String, String> parse(List<String> lines, String name) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            String key = eq < 0 ? "" : line.substring(0, eq).strip();
            if (key.isEmpty() || !key.matches("[a-z][a-z0-9-]*")) {
                throw new ConfigException("--config: " + name + " line " + (i + 1) + ": expected option = value");
            }
            if (values.put(key, line.substring(eq + 1).strip()) != null) {
                throw new ConfigException("--config: " + name + " line " + (i + 1) + ": " + key + " set twice");
            }
        }
        return values;
    }
}
