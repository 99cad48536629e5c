package io.cairn.gateway.health;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.gateway.s3.S3Response;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The health endpoints. Live: the process answers. Ready: enough drives answer for the write quorum (so
 * both reads and writes can succeed). Cluster: every drive's state as JSON. All answer within the probe's
 * timeout, whatever the drives do.
 */
public final class HealthChecks {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DriveProbe probe;
    private final int writeQuorum;
    private final int readQuorum;

    public HealthChecks(DriveProbe probe, int writeQuorum, int readQuorum) {
        this.probe = probe;
        this.writeQuorum = writeQuorum;
        this.readQuorum = readQuorum;
    }

    public boolean ready() {
        return probe.online() >= writeQuorum;
    }

    public S3Response live() {
        return text(HttpResponseStatus.OK, "live\n");
    }

    public S3Response readiness() {
        int online = probe.online();
        return online >= writeQuorum
                ? text(HttpResponseStatus.OK, "ready\n")
                : text(HttpResponseStatus.SERVICE_UNAVAILABLE, "not ready: " + online + " of " + probe.driveCount()
                + " drives online, write quorum is " + writeQuorum + "\n");
    }

    public S3Response cluster() throws JsonProcessingException {
        List<DriveState> states = probe.states();
        long online = states.stream().filter(DriveState::online).count();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("status", online >= writeQuorum ? "ready" : "not-ready");
        doc.put("writeQuorum", writeQuorum);
        doc.put("readQuorum", readQuorum);
        doc.put("drivesOnline", online);
        doc.put("drivesTotal", states.size());
        doc.put("nodes", List.of(Map.of("node", "local", "drives", states)));
        return S3Response.ok().header("Content-Type", "application/json")
                .header("Cache-Control", "no-store")
                .body(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(doc));
    }

    private static S3Response text(HttpResponseStatus status, String body) {
        return S3Response.of(status).header("Content-Type", "text/plain; charset=utf-8")
                .header("Cache-Control", "no-store").body(body.getBytes(StandardCharsets.UTF_8));
    }
}
