package io.cairn.gateway.metrics;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.Histogram;
import com.codahale.metrics.Meter;
import com.codahale.metrics.Metric;
import com.codahale.metrics.Sampling;
import com.codahale.metrics.Snapshot;
import com.codahale.metrics.Timer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a registry in the Prometheus text exposition format 0.0.4: per family one HELP and one TYPE line
 * followed by all its samples. Counters and meters are counters, gauges gauges, timers summaries in seconds
 * and histograms summaries of their raw values (quantiles 0.5, 0.9, 0.99 from the reservoir, exact
 * {@code _sum} where known, and {@code _count}).
 */
public final class PrometheusText {

    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private static final double[] QUANTILES = {0.5, 0.9, 0.99};
    private static final String[] QUANTILE_LABELS = {"quantile=\"0.5\"", "quantile=\"0.9\"", "quantile=\"0.99\""};
    private static final double NANOS_PER_SECOND = 1e9;

    private PrometheusText() {
    }

    public static byte[] render(MetricsRegistry metrics) {
        return write(metrics, new StringBuilder(16 * 1024)).toString().getBytes(StandardCharsets.UTF_8);
    }

    static StringBuilder write(MetricsRegistry metrics, StringBuilder out) {
        Map<String, List<Map.Entry<String, Metric>>> families = new TreeMap<>();
        for (Map.Entry<String, Metric> e : new TreeMap<>(metrics.registry().getMetrics()).entrySet()) {
            families.computeIfAbsent(MetricNames.family(e.getKey()), f -> new ArrayList<>()).add(e);
        }
        for (Map.Entry<String, List<Map.Entry<String, Metric>>> family : families.entrySet()) {
            writeFamily(family.getKey(), metrics.help(family.getKey()), family.getValue(), out);
        }
        return out;
    }

    private static void writeFamily(String family, String help, List<Map.Entry<String, Metric>> series,
                                     StringBuilder out) {
        Metric first = series.get(0).getValue();
        out.append("# HELP ").append(family).append(' ')
                .append(MetricNames.escapeHelp(help != null ? help : family)).append('\n');
        out.append("# TYPE ").append(family).append(' ').append(typeOf(first)).append('\n');
        for (Map.Entry<String, Metric> s : series) {
            String labels = MetricNames.labels(s.getKey());
            Metric m = s.getValue();
            if (!typeOf(m).equals(typeOf(first))) {
                throw new IllegalStateException("family " + family + " mixes metric types");
            }
            if (m instanceof Counter c) {
                sample(out, family, labels, null, c.getCount());
            } else if (m instanceof FunctionCounter f) {
                sample(out, family, labels, null, f.value());
            } else if (m instanceof Meter meter) {
                sample(out, family, labels, null, meter.getCount());
            } else if (m instanceof Gauge<?> g) {
                sample(out, family, labels, null, gaugeValue(g));
            } else if (m instanceof Timer t) {
                summary(out, family, labels, t, t.getCount(), NANOS_PER_SECOND,
                        t instanceof LatencyTimer lt ? lt.totalNanos() / NANOS_PER_SECOND : Double.NaN);
            } else if (m instanceof Histogram h) {
                summary(out, family, labels, h, h.getCount(), 1, Double.NaN);
            }
        }
    }

    private static String typeOf(Metric m) {
        if (m instanceof Counter || m instanceof Meter || m instanceof FunctionCounter) {
            return "counter";
        }
        if (m instanceof Timer || m instanceof Histogram) {
            return "summary";
        }
        return m instanceof Gauge<?> ? "gauge" : "untyped";
    }

    private static double gaugeValue(Gauge<?> g) {
        Object v;
        try {
            v = g.getValue();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        return Double.NaN;
    }

    private static void summary(StringBuilder out, String family, String labels, Sampling sampling, long count,
                                double divisor, double exactSum) {
        Snapshot snap = sampling.getSnapshot();
        for (int i = 0; i < QUANTILES.length; i++) {
            sample(out, family, labels, QUANTILE_LABELS[i], snap.getValue(QUANTILES[i]) / divisor);
        }
        double sum = Double.isNaN(exactSum) ? snap.getMean() * count / divisor : exactSum;
        sample(out, family + "_sum", labels, null, sum);
        sample(out, family + "_count", labels, null, count);
    }

    private static void sample(StringBuilder out, String name, String labels, String extra, double value) {
        out.append(name);
        if (!labels.isEmpty() || extra != null) {
            out.append('{').append(labels);
            if (extra != null) {
                out.append(labels.isEmpty() ? "" : ",").append(extra);
            }
            out.append('}');
        }
        out.append(' ');
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            out.append((long) value);
        } else if (Double.isNaN(value)) {
            out.append("NaN");
        } else if (Double.isInfinite(value)) {
            out.append(value > 0 ? "+Inf" : "-Inf");
        } else {
            out.append(value);
        }
        out.append('\n');
    }
}
