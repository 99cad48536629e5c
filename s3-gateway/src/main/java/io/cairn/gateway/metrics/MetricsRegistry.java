package io.cairn.gateway.metrics;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;

/**
 * The process's one dropwizard {@link MetricRegistry} plus a HELP text per metric family. Series are
 * created idempotently, so concurrent first uses of a series get the same instance.
 */
public final class MetricsRegistry {

    private final MetricRegistry registry = new MetricRegistry();
    private final Map<String, String> help = new ConcurrentHashMap<>();

    public MetricRegistry registry() {
        return registry;
    }

    /** Describes a family (its HELP line). */
    public MetricsRegistry describe(String family, String text) {
        MetricNames.requireName(family);
        help.put(family, text);
        return this;
    }

    public String help(String family) {
        return help.get(family);
    }

    public Counter counter(String family, String... labels) {
        return registry.counter(MetricNames.of(family, labels));
    }

    public LatencyTimer timer(String family, String... labels) {
        return (LatencyTimer) registry.timer(MetricNames.of(family, labels), LatencyTimer::new);
    }

    /** Registers a counter read from {@code value} at scrape time, unless the series exists already. */
    public void functionCounter(DoubleSupplier value, String family, String... labels) {
        String name = MetricNames.of(family, labels);
        try {
            registry.register(name, new FunctionCounter(value));
        } catch (IllegalArgumentException exists) {
            // registered by an earlier call: the first supplier stays
        }
    }

    /** Registers a gauge unless the series exists already. */
    public void gauge(Gauge<? extends Number> gauge, String family, String... labels) {
        registry.gauge(MetricNames.of(family, labels), () -> (Gauge<?>) gauge);
    }
}
