package io.cairn.gateway.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The single {@code cairn} binary: one subcommand per role. */
@Command(name = "cairn", mixinStandardHelpOptions = true, version = "cairn 0.1.0",
        description = "Cairn: an S3-compatible, erasure-coded object store.",
        subcommands = {ServerCommand.class, NodeCommand.class, PresignCommand.class, BenchCommand.class})
public final class CairnCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new CairnCommand());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof IllegalArgumentException) {
                // A bad option value: say what is wrong, no stack trace.
                cmd.getErr().println("cairn: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        System.exit(cli.execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
