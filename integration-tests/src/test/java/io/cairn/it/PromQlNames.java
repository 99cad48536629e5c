package io.cairn.it;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names, label names and exact-match label values a PromQL expression refers to, for checking a
 * dashboard against a real scrape. Not a PromQL parser: it knows the expression's lexical parts (strings,
 * label matchers, ranges, grouping clauses, function calls), which is all a name check needs.
 */
record PromQlNames(Set<String> metrics, Set<String> labels, Map<String, Set<String>> exactValues) {

    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern MATCHERS = Pattern.compile("\\{([^}]*)}");
    private static final Pattern MATCHER = Pattern.compile(
            "\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*(\"(?:[^\"\\\\]|\\\\.)*\")\\s*");
    private static final Pattern GROUPING = Pattern.compile(
            "\\b(by|without|on|ignoring|group_left|group_right)\\s*\\(([^)]*)\\)");
    private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?[a-zA-Z_][a-zA-Z0-9_]*}?");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right", "bool", "offset", "and", "or", "unless", "inf", "nan");

    static PromQlNames of(String expr) {
        Set<String> labels = new LinkedHashSet<>();
        Map<String, Set<String>> exact = new LinkedHashMap<>();
        Matcher braces = MATCHERS.matcher(expr);
        StringBuilder rest = new StringBuilder();
        while (braces.find()) {
            for (String part : splitMatchers(braces.group(1))) {
                Matcher m = MATCHER.matcher(part);
                if (!m.matches()) {
                    throw new IllegalArgumentException("cannot read label matcher '" + part + "' in " + expr);
                }
                labels.add(m.group(1));
                if (m.group(2).equals("=")) {
                    String quoted = m.group(3);
                    exact.computeIfAbsent(m.group(1), k -> new LinkedHashSet<>())
                            .add(quoted.substring(1, quoted.length() - 1));
                }
            }
            braces.appendReplacement(rest, " ");
        }
        braces.appendTail(rest);
        String s = STRING.matcher(rest).replaceAll(" ");
        Matcher grouping = GROUPING.matcher(s);
        while (grouping.find()) {
            for (String label : grouping.group(2).split(",")) {
                if (!label.isBlank()) {
                    labels.add(label.strip());
                }
            }
        }
        s = GROUPING.matcher(s).replaceAll(" ");
        s = RANGE.matcher(s).replaceAll(" ");
        s = VARIABLE.matcher(s).replaceAll(" ");
        Set<String> metrics = new LinkedHashSet<>();
        Matcher id = IDENTIFIER.matcher(s);
        while (id.find()) {
            String name = id.group();
            int next = id.end();
            while (next < s.length() && s.charAt(next) == ' ') {
                next++;
            }
            boolean call = next < s.length() && s.charAt(next) == '(';
            boolean numberPart = id.start() > 0 && Character.isDigit(s.charAt(id.start() - 1));
            if (!call && !numberPart && !KEYWORDS.contains(name.toLowerCase(Locale.ROOT))) {
                metrics.add(name);
            }
        }
        return new PromQlNames(metrics, labels, exact);
    }

    /** Splits a matcher list on the commas outside quoted values. */
    private static List<String> splitMatchers(String list) {
        List<String> out = new ArrayList<>();
        Matcher m = MATCHER.matcher(list);
        int at = 0;
        while (at < list.length()) {
            m.region(at, list.length());
            if (!m.lookingAt()) {
                out.add(list.substring(at));
                return out;
            }
            out.add(list.substring(m.start(), m.end()));
            at = m.end();
            if (at < list.length() && list.charAt(at) == ',') {
                at++;
            }
        }
        return out;
    }
}
