package io.cairn.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.gateway.http.RequestRecord;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    @Test
    void writesCountersGaugesAndSummariesWithOneHelpAndTypePerFamily() {
        MetricsRegistry m = new MetricsRegistry();
        m.describe("t_requests_total", "Requests.\nSecond line with \\ backslash.");
        m.counter("t_requests_total", "op", "Get").inc(3);
        m.counter("t_requests_total", "op", "Put").inc();
        m.counter("t_requests_total_other").inc(2);
        m.gauge(() -> 2.5, "t_ratio");
        m.functionCounter(() -> 7, "t_healed_total");
        LatencyTimer t = m.timer("t_latency_seconds", "op", "Get");
        t.update(2, TimeUnit.SECONDS);
        t.update(2, TimeUnit.SECONDS);

        String text = new String(PrometheusText.render(m), StandardCharsets.UTF_8);

        assertThat(text).isEqualTo("""
                # HELP t_healed_total t_healed_total
                # TYPE t_healed_total counter
                t_healed_total 7
                # HELP t_latency_seconds t_latency_seconds
                # TYPE t_latency_seconds summary
                t_latency_seconds{op="Get",quantile="0.5"} 2
                t_latency_seconds{op="Get",quantile="0.9"} 2
                t_latency_seconds{op="Get",quantile="0.99"} 2
                t_latency_seconds_sum{op="Get"} 4
                t_latency_seconds_count{op="Get"} 2
                # HELP t_ratio t_ratio
                # TYPE t_ratio gauge
                t_ratio 2.5
                # HELP t_requests_total Requests.\\nSecond line with \\\\ backslash.
                # TYPE t_requests_total counter
                t_requests_total{op="Get"} 3
                t_requests_total{op="Put"} 1
                # HELP t_requests_total_other t_requests_total_other
                # TYPE t_requests_total_other counter
                t_requests_total_other 2
                """);
    }

    @Test
    void escapesLabelValuesAndRefusesInvalidNames() {
        assertThat(MetricNames.of("a_b:c", "k", "x\\y\"z\nw")).isEqualTo("a_b:c{k=\"x\\\\y\\\"z\\nw\"}");
        assertThat(MetricNames.of("m", "a", "1", "b", "2")).isEqualTo("m{a=\"1\",b=\"2\"}");
        assertThatThrownBy(() -> MetricNames.of("1abc")).hasMessage("invalid metric name: 1abc");
        assertThatThrownBy(() -> MetricNames.of("a-b")).hasMessage("invalid metric name: a-b");
        assertThatThrownBy(() -> MetricNames.of("m", "bad-label", "v")).hasMessage("invalid label name: bad-label");
        assertThatThrownBy(() -> MetricNames.of("m", "__reserved", "v")).hasMessage("invalid label name: __reserved");
    }

    @Test
    void requestMetricsCountByOperationStatusClassAndErrorCode() {
        MetricsRegistry m = new MetricsRegistry();
        RequestMetrics r = new RequestMetrics(m);
        r.started();
        r.started();
        r.finished(new RequestRecord("1", null, "ak", "GetObject", "b", "k", 200, null, 0, 10, 1_000_000));
        assertThat(m.registry().getGauges().get("cairn_s3_requests_in_flight").getValue()).isEqualTo(1L);
        r.started();
        r.finished(new RequestRecord("2", null, "ak", "GetObject", "b", "k", 404, "NoSuchKey", 0, 200, 1_000_000));
        r.finished(new RequestRecord("3", null, null, null, null, null, 400, "InvalidRequest", 5, 100, 1_000));

        assertThat(m.registry().getCounters())
                .containsKeys("cairn_s3_requests_total{operation=\"GetObject\",status=\"2xx\"}",
                        "cairn_s3_requests_total{operation=\"GetObject\",status=\"4xx\"}",
                        "cairn_s3_requests_total{operation=\"None\",status=\"4xx\"}");
        assertThat(m.registry().getCounters().get("cairn_s3_errors_total{code=\"NoSuchKey\"}").getCount()).isEqualTo(1);
        assertThat(m.registry().getCounters().get("cairn_s3_sent_bytes_total").getCount()).isEqualTo(310);
        assertThat(m.registry().getCounters().get("cairn_s3_received_bytes_total").getCount()).isEqualTo(5);
        assertThat(m.registry().getTimers().get("cairn_s3_request_duration_seconds{operation=\"GetObject\"}")
                .getCount()).isEqualTo(2);
        assertThat(m.registry().getGauges().get("cairn_s3_requests_in_flight").getValue()).isEqualTo(0L);
    }
}
