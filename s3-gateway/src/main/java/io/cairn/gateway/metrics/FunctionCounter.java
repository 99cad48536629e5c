package io.cairn.gateway.metrics;

import com.codahale.metrics.Metric;
import java.util.function.DoubleSupplier;

/**
 * A counter whose value another component already keeps (the object layer's heal count, the JVM's GC
 * totals): read at scrape time and exported with TYPE counter, where a gauge would lose that it only grows.
 */
public final class FunctionCounter implements Metric {

    private final DoubleSupplier value;

    public FunctionCounter(DoubleSupplier value) {
        this.value = value;
    }

    public double value() {
        return value.getAsDouble();
    }
}
