package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Acknowledged writes survive a power loss: a real {@code cairn server} (4 drives, 2+2) keeps its drives on
 * {@link PowerLossFs}; under a mixed load (PUT, overwrite, multipart, DELETE, GET) it is killed with SIGKILL at a
 * random moment, then every write and directory change that was not fsynced is dropped, and the restarted server
 * must read every key as the acknowledged requests say, with the listing in agreement (see {@link CrashCampaign}).
 * SIGKILL alone keeps the page cache and cannot show a missing fsync; this can.
 *
 * <p>{@code -Dpowerloss.seed=N} replays a schedule (the seed is printed), {@code -Dpowerloss.rounds=N} sets the
 * number of power losses (5), {@code -Dpowerloss.clients}, {@code -Dpowerloss.keys} (per client),
 * {@code -Dpowerloss.maxSize} (bytes), {@code -Dpowerloss.multipartShare} (of the uploads above 5 MiB; all) and
 * {@code -Dpowerloss.keepGoing} as for the crash campaign.
 */
class PowerLossIT {

    @Test
    void acknowledgedRequestsSurvivePowerLoss() throws Exception {
        PowerLossFs.assumeAvailable();
        String seedProperty = System.getProperty("powerloss.seed");
        long seed = seedProperty == null || seedProperty.isBlank() ? new Random().nextLong()
                : Long.parseLong(seedProperty.trim());
        CrashCampaign.Settings settings = new CrashCampaign.Settings(seed,
                Integer.getInteger("powerloss.rounds", 5),
                Integer.getInteger("powerloss.clients", 4),
                Integer.getInteger("powerloss.keys", 5),
                Integer.getInteger("powerloss.maxSize", 6 << 20),
                Integer.getInteger("powerloss.minRunMillis", 3000),
                Integer.getInteger("powerloss.maxRunMillis", 6000),
                "5s", Boolean.getBoolean("powerloss.keepGoing"),
                // every upload above 5 MiB is multipart: few complete before the power goes
                Double.parseDouble(System.getProperty("powerloss.multipartShare", "1.0")));
        String replay = "-Dpowerloss.seed=" + seed + " -Dpowerloss.rounds=" + settings.rounds()
                + " -Dpowerloss.clients=" + settings.clients() + " -Dpowerloss.keys=" + settings.keysPerClient()
                + " -Dpowerloss.maxSize=" + settings.maxSize() + " -Dpowerloss.multipartShare="
                + settings.multipartShare();
        System.out.println("power loss: " + replay);
        Path fsRoot = Files.createTempDirectory("cairn-power-loss-");
        boolean passed = false;
        try (PowerLossFs fs = PowerLossFs.mountAt(fsRoot)) {
            Path data = fs.mountPoint().resolve("data");
            CrashServer server = new CrashServer(data, List.of("--heal-interval", settings.healInterval()), Map.of());
            try {
                CrashCampaign.Result result = new CrashCampaign(settings, server, kill -> {
                    DurableState.DropSummary drop = fs.dropUnsynced();
                    System.out.println("power loss " + kill + " (after " + fs.fsyncs() + " file and "
                            + fs.fsyncdirs() + " directory fsyncs so far): " + drop);
                }).run();
                System.out.println(result.summary().replace("crash campaign", "power loss"));
                Path histories = Path.of("target", "power-loss-" + seed + ".log");
                Files.writeString(histories, result.summary() + "\n" + result.histories());
                System.out.println("every key's requests: " + histories.toAbsolutePath());
                passed = result.violations().isEmpty();
                if (!passed) {
                    fs.keepBackingOnClose();
                    fail(result.summary() + " (replay with " + replay + "; server log kept in " + server.root()
                            + ", drives in " + fsRoot.resolve("backing")
                            + "):\n" + String.join("\n", result.violations()));
                }
                assertThat(result.kills()).isEqualTo(settings.rounds());
            } finally {
                server.close(!passed);
            }
        } finally {
            if (passed) {
                Files.deleteIfExists(fsRoot);
            }
        }
    }
}
