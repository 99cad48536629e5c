package io.cairn.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * Where the access log goes. {@code true} (the default) keeps the earlier meaning: one line per S3 request to
 * the {@code cairn.access} logger, which the main log shows; {@code false} turns it off; any other value is a
 * file that takes those lines alone, rotated by size so a busy gateway never fills its disk.
 */
final class AccessLogOptions {

    @Option(names = "--access-log", arity = "1", defaultValue = "true", paramLabel = "true|false|FILE",
            description = "One line per S3 request: true to the main log, false for none, or a FILE of its own,"
                    + " rotated by size (${DEFAULT-VALUE}).")
    String target = "true";

    @Option(names = "--access-log-max-size", defaultValue = "100MiB", paramLabel = "SIZE",
            description = "An access log FILE is rotated when it reaches this size (${DEFAULT-VALUE}).")
    String maxSize = "100MiB";

    @Option(names = "--access-log-max-files", defaultValue = "10", paramLabel = "N",
            description = "Rotated access log files kept besides the current one: FILE.1 (newest) to FILE.N"
                    + " (${DEFAULT-VALUE}).")
    int maxFiles = 10;

    boolean enabled() {
        return !target.strip().equalsIgnoreCase("false");
    }

    /** The access log's own file, or null when its lines go to the main log (or nowhere). */
    RotatingFile file() {
        String t = target.strip();
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.equals("true") || lower.equals("false")) {
            return null;
        }
        if (t.isEmpty()) {
            throw new IllegalArgumentException("--access-log must be true, false or a file name");
        }
        long size;
        try {
            size = Sizes.parse(maxSize);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--access-log-max-size must be a size such as 100MiB: " + maxSize);
        }
        if (size < 1024) {
            throw new IllegalArgumentException("--access-log-max-size must be at least 1KiB: " + maxSize);
        }
        if (maxFiles < 1 || maxFiles > RotatingFile.MAX_FILES) {
            throw new IllegalArgumentException("--access-log-max-files must be 1 to " + RotatingFile.MAX_FILES
                    + ": " + maxFiles);
        }
        return new RotatingFile(Path.of(t), size, maxFiles, RotatingFile.CHECK_EVERY);
    }

    /**
     * A log file rotated once it reached {@code maxBytes}, keeping {@code keep} older files beside it; its size
     * is looked at no more often than {@code checkEvery}, so it may pass the size by that much writing.
     */
    record RotatingFile(Path path, long maxBytes, int keep, Duration checkEvery) {
        /** Logback's fixed-window rotation renames every kept file at each turn: keep that short. */
        static final int MAX_FILES = 20;
        /**
         * Logback's default is a minute, in which a busy gateway writes far more than a small size; a second
         * costs one stat call a second.
         */
        static final Duration CHECK_EVERY = Duration.ofSeconds(1);
    }
}
