package io.cairn.gateway.config;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Supplies option values that were not given as flags, so that every option of a command can be set in
 * one of four ways with one precedence: <b>flag &gt; environment variable &gt; config file &gt; built-in
 * default</b>. Option {@code --stripe-size} is {@code CAIRN_STRIPE_SIZE} in the environment and
 * {@code stripe-size} in the file. Picocli converts and validates these values exactly like flags, so a
 * bad value fails at start naming the option; {@link #sourceOf} tells where the value came from.
 */
public final class LayeredDefaults implements CommandLine.IDefaultValueProvider {

    private final Map<String, String> env;
    private final Map<String, String> file;
    private final Path filePath;
    private final Map<String, String> sources = new HashMap<>();

    public LayeredDefaults(Map<String, String> env, Map<String, String> file, Path filePath) {
        this.env = Map.copyOf(env);
        this.file = Map.copyOf(file);
        this.filePath = filePath;
    }

    /** From the process environment and the file that {@code args} or the environment name, if any. */
    public static LayeredDefaults load(String[] args, Map<String, String> env) {
        Path path = ConfigFile.locate(args, env);
        return new LayeredDefaults(env, path == null ? Map.of() : ConfigFile.read(path), path);
    }

    public static String envName(String option) {
        return "CAIRN_" + bare(option).toUpperCase(Locale.ROOT).replace('-', '_');
    }

    static String bare(String option) {
        return option.startsWith("--") ? option.substring(2) : option;
    }

    /** Fails when the file sets something {@code command} has no option for. */
    public void checkFileKeys(CommandSpec command) {
        Set<String> known = new TreeSet<>();
        for (OptionSpec o : command.options()) {
            known.add(bare(o.longestName()));
        }
        for (String key : file.keySet()) {
            if (!known.contains(key)) {
                throw new ConfigException("--config: " + filePath + ": unknown option '" + key + "'");
            }
        }
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec option) || option.usageHelp() || option.versionHelp()) {
            return null;
        }
        String name = option.longestName();
        String envName = envName(name);
        String value = env.get(envName);
        if (value != null) {
            sources.put(name, "environment variable " + envName);
            return value;
        }
        value = file.get(bare(name));
        if (value != null) {
            sources.put(name, "config file " + filePath);
            return value;
        }
        return null;
    }

    /** Where a non-flag value of {@code option} came from, or null when from a flag or the default. */
    public String sourceOf(String option) {
        return sources.get(option);
    }
}
