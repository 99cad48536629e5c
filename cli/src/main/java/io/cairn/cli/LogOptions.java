package io.cairn.cli;

import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * How a long-running command logs: the format of the console log and the Logback configuration file. Both
 * also come from the environment ({@code CAIRN_LOG_FORMAT}, {@code CAIRN_LOG_CONFIG}), so a container sets
 * them without changing its command.
 */
final class LogOptions {

    static final String TEXT = "text";
    static final String JSON = "json";

    @Option(names = "--log-format", paramLabel = "text|json", defaultValue = "${env:CAIRN_LOG_FORMAT:-text}",
            description = "Log lines as text, or as one JSON object per line for log shippers (${DEFAULT-VALUE}).")
    String format = TEXT;

    @Option(names = "--log-config", paramLabel = "FILE", defaultValue = "${env:CAIRN_LOG_CONFIG}",
            description = "Logback configuration file replacing the built-in one (levels per package, appenders).")
    Path configFile;

    /** The format, checked: {@value #TEXT} or {@value #JSON}. */
    String format() {
        String f = format == null ? TEXT : format.strip().toLowerCase(Locale.ROOT);
        if (!f.equals(TEXT) && !f.equals(JSON)) {
            throw new IllegalArgumentException("--log-format must be text or json: " + format);
        }
        return f;
    }
}
