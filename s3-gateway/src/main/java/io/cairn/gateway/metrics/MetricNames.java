package io.cairn.gateway.metrics;

import java.util.regex.Pattern;

/**
 * Names of labelled series in the dropwizard registry: {@code family{label="value",...}}, exactly as the
 * Prometheus text format writes them, so the exporter copies names through and the registry stays the one
 * source. Label values are escaped here, once, when a series is created.
 */
public final class MetricNames {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private MetricNames() {
    }

    /** {@code family} with labels given as name, value pairs. */
    public static String of(String family, String... labels) {
        requireName(family);
        if (labels.length % 2 != 0) {
            throw new IllegalArgumentException("labels come in name, value pairs");
        }
        if (labels.length == 0) {
            return family;
        }
        StringBuilder b = new StringBuilder(family).append('{');
        for (int i = 0; i < labels.length; i += 2) {
            if (!LABEL.matcher(labels[i]).matches() || labels[i].startsWith("__")) {
                throw new IllegalArgumentException("invalid label name: " + labels[i]);
            }
            if (i > 0) {
                b.append(',');
            }
            b.append(labels[i]).append("=\"");
            escapeLabelValue(labels[i + 1], b);
            b.append('"');
        }
        return b.append('}').toString();
    }

    /** The family part of a series name. */
    public static String family(String series) {
        int brace = series.indexOf('{');
        return brace < 0 ? series : series.substring(0, brace);
    }

    /** The label part of a series name without braces ("" when none). */
    static String labels(String series) {
        int brace = series.indexOf('{');
        return brace < 0 ? "" : series.substring(brace + 1, series.length() - 1);
    }

    static void requireName(String family) {
        if (!NAME.matcher(family).matches()) {
            throw new IllegalArgumentException("invalid metric name: " + family);
        }
    }

    /** The text format's label value escapes: backslash, double quote and line feed. */
    static void escapeLabelValue(String value, StringBuilder out) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
    }

    /** HELP text escapes: backslash and line feed. */
    static String escapeHelp(String help) {
        return help.replace("\\", "\\\\").replace("\n", "\\n");
    }
}
