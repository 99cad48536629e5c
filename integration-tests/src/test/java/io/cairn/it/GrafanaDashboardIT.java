package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * docs/grafana/cairn.json queries only what a store exports: every metric name, label name and exact label
 * value in its PromQL expressions is in a real {@code /-/metrics} scrape of a running store after a few
 * requests. Labels Prometheus adds when it scrapes (instance, job) are the exception.
 */
class GrafanaDashboardIT {

    private static final Path DASHBOARD = Path.of("..", "docs", "grafana", "cairn.json");
    private static final Set<String> TARGET_LABELS = Set.of("instance", "job");
    private static final Set<String> STATUS_CLASSES = Set.of("1xx", "2xx", "3xx", "4xx", "5xx");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*,"
            + "\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*\\)");
    private static final Pattern SAMPLE_LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    @Test
    void theNameReaderFindsMetricsLabelsAndValues() {
        PromQlNames n = PromQlNames.of("sum by (operation, status) (rate(cairn_s3_requests_total{instance=~\"$instance\","
                + "status=\"5xx\"}[$__rate_interval])) / on() group_left max(jvm_threads_current offset 5m) * 1e3");
        assertThat(n.metrics()).containsExactly("cairn_s3_requests_total", "jvm_threads_current");
        assertThat(n.labels()).containsExactlyInAnyOrder("instance", "status", "operation");
        assertThat(n.exactValues()).isEqualTo(Map.of("status", Set.of("5xx")));
    }

    @Test
    void everySeriesTheDashboardQueriesIsInAScrape() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        List<String> expressions = expressions(dashboard);
        assertThat(expressions).hasSizeGreaterThan(20);

        Map<String, Double> scrape;
        try (OpsStore store = new OpsStore(2, 2)) {
            S3Client s3 = store.s3();
            s3.createBucket(b -> b.bucket("dash"));
            s3.putObject(b -> b.bucket("dash").key("k"), RequestBody.fromBytes(new byte[50_000]));
            s3.getObjectAsBytes(b -> b.bucket("dash").key("k"));
            try {
                s3.getObject(b -> b.bucket("dash").key("missing"));
            } catch (NoSuchKeyException expected) {
                // an error response, so the error series exist
            }
            scrape = store.scrape();
        }
        Map<String, Map<String, Set<String>>> families = families(scrape);

        Set<String> queried = new TreeSet<>();
        List<String> problems = new ArrayList<>();
        for (String expr : expressions) {
            PromQlNames names = PromQlNames.of(expr);
            assertThat(names.metrics()).as("metrics in %s", expr).isNotEmpty();
            queried.addAll(names.metrics());
            for (String metric : names.metrics()) {
                if (!families.containsKey(metric)) {
                    problems.add("no series " + metric + " (in " + expr + ")");
                }
            }
            for (String label : names.labels()) {
                if (TARGET_LABELS.contains(label)) {
                    continue;
                }
                boolean known = names.metrics().stream()
                        .anyMatch(m -> families.getOrDefault(m, Map.of()).containsKey(label));
                if (!known) {
                    problems.add("no label " + label + " on " + names.metrics() + " (in " + expr + ")");
                }
            }
            names.exactValues().forEach((label, values) -> {
                for (String value : values) {
                    boolean known = label.equals("status") ? STATUS_CLASSES.contains(value)
                            : names.metrics().stream().anyMatch(m -> families.getOrDefault(m, Map.of())
                            .getOrDefault(label, Set.of()).contains(value));
                    if (!known) {
                        problems.add("no " + label + "=\"" + value + "\" on " + names.metrics() + " (in " + expr + ")");
                    }
                }
            });
        }
        assertThat(problems).isEmpty();
        // What an operator must see: requests and errors by operation, latency, bytes, drives, heal.
        assertThat(queried).contains("cairn_s3_requests_total", "cairn_s3_errors_total",
                "cairn_s3_request_duration_seconds", "cairn_s3_received_bytes_total", "cairn_s3_sent_bytes_total",
                "cairn_drive_online", "cairn_heal_queue_length", "cairn_heal_objects_healed_total");
    }

    @Test
    void panelsAreWellFormed() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(ids.add(panel.path("id").asInt())).as("unique id %s", panel.path("id")).isTrue();
            JsonNode grid = panel.path("gridPos");
            assertThat(grid.path("x").asInt() + grid.path("w").asInt()).isLessThanOrEqualTo(24);
            if (panel.path("type").asText().equals("row")) {
                continue;
            }
            assertThat(panel.path("title").asText()).isNotBlank();
            assertThat(panel.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
            assertThat(panel.path("targets")).isNotEmpty();
        }
        assertThat(dashboard.path("uid").asText()).isNotBlank();
    }

    /** Every PromQL expression of the dashboard: panel targets and template variable queries. */
    private static List<String> expressions(JsonNode dashboard) {
        List<String> out = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                out.add(target.path("expr").asText());
            }
        }
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            String query = variable.path("query").path("query").asText(variable.path("definition").asText(""));
            Matcher m = LABEL_VALUES.matcher(query);
            if (m.find()) {
                // label_values(metric, label): the metric must have that label once scraped (instance is added)
                out.add(m.group(1) + (TARGET_LABELS.contains(m.group(2)) ? "" : "{" + m.group(2) + "=~\".+\"}"));
            }
        }
        return out;
    }

    /** Metric name (as queried: family, or its _sum/_count) to its labels and their values in the scrape. */
    private static Map<String, Map<String, Set<String>>> families(Map<String, Double> scrape) {
        Map<String, Map<String, Set<String>>> out = new LinkedHashMap<>();
        for (String series : scrape.keySet()) {
            int brace = series.indexOf('{');
            String name = brace < 0 ? series : series.substring(0, brace);
            Map<String, Set<String>> labels = out.computeIfAbsent(name, k -> new HashMap<>());
            if (brace >= 0) {
                Matcher m = SAMPLE_LABEL.matcher(series.substring(brace));
                while (m.find()) {
                    labels.computeIfAbsent(m.group(1), k -> new HashSet<>()).add(m.group(2));
                }
            }
        }
        return out;
    }
}
