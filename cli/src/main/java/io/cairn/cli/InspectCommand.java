package io.cairn.cli;

import io.cairn.object.ObjectInspector;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code cairn inspect BUCKET KEY}: the object's manifest as the drives hold it and a check of every cell
 * checksum of every shard, straight from the drive directories of a single-node store (no server running).
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Print an object's manifest from the drive directories and verify every shard's checksums"
                + " (no server needed). Exit 0: healthy, 1: damaged but repairable, 2: unreadable or absent.")
final class InspectCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data", defaultValue = "./data", description = "Data directory (${DEFAULT-VALUE}); drives are DIR/d1..dN.")
    Path data;

    @Option(names = "--drives", defaultValue = "4", description = "Number of drives under --data (${DEFAULT-VALUE}).")
    int drives;

    @Option(names = "--drive", paramLabel = "DIR", description = "Explicit drive directories, in the server's order.")
    List<Path> driveDirs = new ArrayList<>();

    @Option(names = "--scheme", defaultValue = "2+2", description = "The server's scheme K+M (${DEFAULT-VALUE}).")
    String scheme;

    @Parameters(index = "0", paramLabel = "BUCKET")
    String bucket;

    @Parameters(index = "1", paramLabel = "KEY")
    String key;

    @Override
    public Integer call() {
        List<Path> dirs = new ArrayList<>(driveDirs);
        if (dirs.isEmpty()) {
            for (int i = 1; i <= drives; i++) {
                dirs.add(data.resolve("d" + i));
            }
        }
        String[] km = scheme.split("\\+");
        if (km.length != 2) {
            throw new IllegalArgumentException("--scheme must be K+M, e.g. 2+2");
        }
        int k = Integer.parseInt(km[0].trim());
        int m = Integer.parseInt(km[1].trim());
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        return ObjectInspector.run(dirs, k, m, bucket, key, out);
    }
}
