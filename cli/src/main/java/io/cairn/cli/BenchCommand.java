package io.cairn.cli;

import io.cairn.erasure.bench.CodecBench;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code cairn bench ...}: built-in micro benchmarks. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Run a benchmark.",
        subcommands = {BenchCommand.Codec.class})
final class BenchCommand implements Runnable {

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /** {@code cairn bench codec [seconds=S] [kernel=AUTO|SCALAR|VECTOR] [memory=heap|direct] [ws_mib=N]}. */
    @Command(name = "codec", description = "Reed-Solomon encode and reconstruct throughput.")
    static final class Codec implements Runnable {

        @Parameters(arity = "0..*", paramLabel = "KEY=VALUE",
                description = "seconds=S, kernel=AUTO|SCALAR|VECTOR, memory=heap|direct, ws_mib=N")
        List<String> args = new ArrayList<>();

        @Override
        public void run() {
            CodecBench.run(System.out, args.toArray(String[]::new));
        }
    }
}
