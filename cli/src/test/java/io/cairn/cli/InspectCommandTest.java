package io.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.erasure.StripeLayout;
import io.cairn.object.ErasureObjectService;
import io.cairn.object.PutOptions;
import io.cairn.storage.FileShardStore;
import io.cairn.storage.ShardStore;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class InspectCommandTest {

    @TempDir
    Path data;

    @Test
    void exitCodeTellsHealthyDamagedAndAbsent() throws Exception {
        List<ShardStore> drives = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            drives.add(new FileShardStore(data.resolve("d" + i)));
        }
        try (ErasureObjectService s = new ErasureObjectService(drives, new StripeLayout(2, 2, 1 << 20))) {
            s.createBucket("b");
            byte[] body = new byte[300_000];
            s.putObject("b", "k", new ByteArrayInputStream(body), body.length, PutOptions.of(Map.of()));
        }
        assertThat(run("b", "k")).isZero();
        try (Stream<Path> files = Files.walk(data.resolve("d3"))) {
            for (Path f : files.filter(p -> p.getFileName().toString().equals("part.1")).toList()) {
                byte[] b = Files.readAllBytes(f);
                b[10] ^= 1;
                Files.write(f, b);
            }
        }
        assertThat(run("b", "k")).isEqualTo(1);
        assertThat(run("b", "absent")).isEqualTo(2);
    }

    private int run(String bucket, String key) {
        return new CommandLine(new CairnCommand()).execute("inspect", "--data", data.toString(), bucket, key);
    }
}
