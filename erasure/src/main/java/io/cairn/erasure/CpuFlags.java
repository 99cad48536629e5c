package io.cairn.erasure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU feature flags as Linux reports them. The JVM says how wide its vectors are but not whether it
 * can compile a wide byte shuffle, which depends on one extension (AVX-512 VBMI).
 */
final class CpuFlags {

    private static final Path CPUINFO = Path.of("/proc/cpuinfo");

    private CpuFlags() {
    }

    /** True when the first CPU's flags include {@code flag}; false when that cannot be told. */
    static boolean has(String flag) {
        try {
            List<String> lines = Files.readAllLines(CPUINFO, StandardCharsets.US_ASCII);
            for (String line : lines) {
                if (line.startsWith("flags")) {
                    return List.of(line.substring(line.indexOf(':') + 1).trim().split("\\s+")).contains(flag);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux or not readable: answer no, which picks a narrower but always compiled species
        }
        return false;
    }
}
