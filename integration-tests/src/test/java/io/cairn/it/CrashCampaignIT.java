package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Acknowledged writes survive SIGKILL: a real {@code cairn server} (4 drives, 2+2) under a mixed load is killed
 * at random moments and restarted, and after every restart each key must read back as the model of acknowledged
 * requests says (see {@link CrashCampaign}). A short run by default; {@code -Dcrash.rounds=200} is the long one,
 * {@code -Dcrash.seed=N} replays a schedule (the seed is printed).
 */
class CrashCampaignIT {

    @Test
    void acknowledgedRequestsSurviveKills() throws Exception {
        CrashCampaign.Settings settings = CrashCampaign.Settings.fromSystemProperties();
        System.out.println("crash campaign: " + settings.replay());
        CrashServer server = new CrashServer(List.of("--heal-interval", settings.healInterval()), Map.of());
        CrashCampaign.Result result;
        boolean passed = false;
        try {
            result = new CrashCampaign(settings, server).run();
            System.out.println(result.summary());
            Path histories = Path.of("target", "crash-campaign-" + settings.seed() + ".log");
            Files.writeString(histories, result.summary() + "\n" + result.histories());
            System.out.println("every key's requests: " + histories.toAbsolutePath());
            passed = result.violations().isEmpty();
            if (!passed) {
                fail(result.summary() + " (replay with " + settings.replay() + "; drives and server log kept in "
                        + server.root() + "):\n" + String.join("\n", result.violations()));
            }
            assertThat(result.kills()).isEqualTo(settings.rounds());
        } finally {
            server.close(!passed);
        }
    }
}
