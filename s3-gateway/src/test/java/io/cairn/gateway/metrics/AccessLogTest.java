package io.cairn.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.gateway.http.RequestRecord;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class AccessLogTest {

    @Test
    void oneLogfmtLinePerRequestWithQuotedAwkwardValues() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        try (AccessLog log = new AccessLog(new MetricsRegistry(), lines::add)) {
            log.finished(new RequestRecord("00000000000000AB", "127.0.0.1:5000", "admin", "PutObject", "bkt",
                    "dir/a b\"c\nd", 200, null, 4096, 0, 3_250_000));
            log.finished(new RequestRecord("00000000000000AC", "127.0.0.1:5000", null, null, null, null, 400,
                    "InvalidRequest", 0, 210, 12_000));
            log.flush(2000);
        }
        assertThat(lines).containsExactly(
                "request_id=00000000000000AB remote=127.0.0.1:5000 access_key=admin operation=PutObject bucket=bkt"
                        + " key=\"dir/a b\\\"c\\nd\" status=200 error=- bytes_in=4096 bytes_out=0 duration_ms=3.250",
                "request_id=00000000000000AC remote=127.0.0.1:5000 access_key=- operation=- bucket=- key=-"
                        + " status=400 error=InvalidRequest bytes_in=0 bytes_out=210 duration_ms=0.012");
    }

    @Test
    void anAcknowledgedChangeIsWrittenBeforeItsAnswerAndOnlyOnce() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        RequestRecord put = new RequestRecord("00000000000000AD", "127.0.0.1:5000", "admin", "PutObject", "bkt",
                "k", 200, null, 10, 0, 1_000_000);
        try (AccessLog log = new AccessLog(new MetricsRegistry(), lines::add)) {
            log.acknowledging(put);
            assertThat(lines).as("written at once, not queued").hasSize(1);
            log.finished(put);
            log.flush(2000);
        }
        assertThat(lines).containsExactly("request_id=00000000000000AD remote=127.0.0.1:5000 access_key=admin"
                + " operation=PutObject bucket=bkt key=k status=200 error=- bytes_in=10 bytes_out=0 duration_ms=1.000");
    }

    @Test
    void aKeyThatLooksLikeTheNullMarkerIsQuoted() {
        String line = AccessLog.format(new RequestRecord("1", null, "a", "GetObject", "b", "-", 200, null, 0, 0, 0),
                new StringBuilder()).toString();
        assertThat(line).contains(" key=\"-\" ").contains(" remote=- ");
    }
}
