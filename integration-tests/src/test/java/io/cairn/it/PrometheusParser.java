package io.cairn.it;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A strict parser of the Prometheus text exposition format 0.0.4, for tests: it rejects what a Prometheus
 * server would reject (bad names, bad label syntax or escapes, bad values, duplicate HELP or TYPE, a TYPE
 * after the family's samples, a family whose samples are not contiguous, duplicate series, summary samples
 * other than quantiles, _sum and _count) and returns every sample by its canonical series name
 * {@code name{a="x",b="y"}} (labels sorted, values unescaped then re-escaped).
 */
final class PrometheusParser {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "summary", "histogram", "untyped");

    private PrometheusParser() {
    }

    static Map<String, Double> parse(String text) {
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new IllegalArgumentException("exposition must end with a line feed");
        }
        Map<String, Double> samples = new LinkedHashMap<>();
        Map<String, String> types = new HashMap<>();
        Set<String> helped = new HashSet<>();
        Set<String> finishedFamilies = new HashSet<>();
        String currentFamily = null;
        int lineNo = 0;
        for (String line : text.split("\n", -1)) {
            lineNo++;
            if (line.isEmpty()) {
                continue;
            }
            String where = "line " + lineNo + ": " + line;
            if (line.startsWith("#")) {
                String[] parts = line.split(" ", 4);
                if (parts.length >= 3 && (parts[1].equals("HELP") || parts[1].equals("TYPE"))) {
                    String family = parts[2];
                    require(NAME.matcher(family).matches(), "bad name", where);
                    require(!samplesOf(samples, family), "HELP/TYPE after samples", where);
                    if (parts[1].equals("HELP")) {
                        require(helped.add(family), "second HELP", where);
                        checkHelpEscapes(parts.length == 4 ? parts[3] : "", where);
                    } else {
                        require(parts.length == 4 && TYPES.contains(parts[3]), "bad TYPE", where);
                        require(types.put(family, parts[3]) == null, "second TYPE", where);
                    }
                }
                continue;
            }
            Sample s = sample(line, where);
            String family = familyOf(s.name, types);
            if (!family.equals(currentFamily)) {
                require(!finishedFamilies.contains(family), "family samples not contiguous", where);
                if (currentFamily != null) {
                    finishedFamilies.add(currentFamily);
                }
                currentFamily = family;
            }
            if ("summary".equals(types.get(family)) && s.name.equals(family)) {
                require(s.labels.containsKey("quantile"), "summary sample without quantile", where);
            }
            require(samples.put(s.series(), s.value) == null, "duplicate series", where);
        }
        return samples;
    }

    private static boolean samplesOf(Map<String, Double> samples, String family) {
        for (String series : samples.keySet()) {
            String name = series.contains("{") ? series.substring(0, series.indexOf('{')) : series;
            if (name.equals(family)) {
                return true;
            }
        }
        return false;
    }

    private static String familyOf(String name, Map<String, String> types) {
        for (String suffix : new String[] {"_sum", "_count", "_bucket"}) {
            if (name.endsWith(suffix)) {
                String base = name.substring(0, name.length() - suffix.length());
                String t = types.get(base);
                if ("summary".equals(t) || "histogram".equals(t)) {
                    return base;
                }
            }
        }
        return name;
    }

    private record Sample(String name, TreeMap<String, String> labels, double value) {
        String series() {
            if (labels.isEmpty()) {
                return name;
            }
            StringBuilder b = new StringBuilder(name).append('{');
            labels.forEach((k, v) -> b.append(b.charAt(b.length() - 1) == '{' ? "" : ",").append(k).append("=\"")
                    .append(v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")).append('"'));
            return b.append('}').toString();
        }
    }

    private static Sample sample(String line, String where) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
            i++;
        }
        String name = line.substring(0, i);
        require(NAME.matcher(name).matches(), "bad metric name", where);
        TreeMap<String, String> labels = new TreeMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i++;
            while (line.charAt(i) != '}') {
                int eq = line.indexOf('=', i);
                require(eq > i, "bad label", where);
                String label = line.substring(i, eq);
                require(LABEL.matcher(label).matches(), "bad label name", where);
                require(line.charAt(eq + 1) == '"', "label value not quoted", where);
                StringBuilder v = new StringBuilder();
                int j = eq + 2;
                while (true) {
                    require(j < line.length(), "unterminated label value", where);
                    char c = line.charAt(j);
                    if (c == '"') {
                        break;
                    }
                    if (c == '\\') {
                        require(j + 1 < line.length(), "dangling escape", where);
                        char e = line.charAt(j + 1);
                        require(e == '\\' || e == '"' || e == 'n', "bad escape", where);
                        v.append(e == 'n' ? '\n' : e);
                        j += 2;
                    } else {
                        v.append(c);
                        j++;
                    }
                }
                require(labels.put(label, v.toString()) == null, "duplicate label", where);
                i = j + 1;
                if (line.charAt(i) == ',') {
                    i++;
                } else {
                    require(line.charAt(i) == '}', "bad label separator", where);
                }
            }
            i++;
        }
        require(i < line.length() && line.charAt(i) == ' ', "no space before value", where);
        String[] rest = line.substring(i + 1).split(" ");
        require(rest.length == 1 || rest.length == 2 && rest[1].matches("-?[0-9]+"), "bad value/timestamp", where);
        return new Sample(name, labels, value(rest[0], where));
    }

    private static double value(String v, String where) {
        switch (v) {
            case "NaN":
                return Double.NaN;
            case "+Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            default:
                require(v.matches("[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?"), "bad value", where);
                return Double.parseDouble(v);
        }
    }

    private static void checkHelpEscapes(String help, String where) {
        for (int i = 0; i < help.length(); i++) {
            if (help.charAt(i) == '\\') {
                require(i + 1 < help.length() && (help.charAt(i + 1) == '\\' || help.charAt(i + 1) == 'n'),
                        "bad HELP escape", where);
                i++;
            }
        }
    }

    private static void require(boolean ok, String what, String where) {
        if (!ok) {
            throw new IllegalArgumentException(what + " at " + where);
        }
    }
}
