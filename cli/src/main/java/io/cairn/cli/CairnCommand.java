package io.cairn.cli;

import io.cairn.gateway.config.LayeredDefaults;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The single {@code cairn} binary: one subcommand per role. */
@Command(name = "cairn", mixinStandardHelpOptions = true, version = "cairn 0.1.0",
        description = "Cairn: an S3-compatible, erasure-coded object store.",
        subcommands = {ServerCommand.class, NodeCommand.class, PresignCommand.class, AdminCommand.class,
                BenchCommand.class, InspectCommand.class})
public final class CairnCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), new CommandLine(new CairnCommand())));
    }

    /**
     * Runs {@code cli} with every server option also taken from {@code env} and the config file; a bad
     * value from any source ends the run with one line naming the option and where the value came from.
     */
    static int run(String[] args, Map<String, String> env, CommandLine cli) {
        LayeredDefaults defaults;
        CommandLine server = cli.getSubcommands().get("server");
        try {
            defaults = LayeredDefaults.load(args, SecretEnvironment.resolve(env));
            defaults.checkFileKeys(server.getCommandSpec());
        } catch (IllegalArgumentException e) {
            cli.getErr().println("cairn: " + e.getMessage());
            return 2;
        }
        server.setDefaultValueProvider(defaults);
        cli.setParameterExceptionHandler((e, params) -> {
            CommandLine cmd = e.getCommandLine();
            cmd.getErr().println("cairn: " + e.getMessage() + fromWhere(e.getArgSpec(), defaults));
            cmd.getErr().println("Try 'cairn " + cmd.getCommandName() + " --help'.");
            return 2;
        });
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof IllegalArgumentException) {
                // A bad option value: say what is wrong, no stack trace.
                String message = e.getMessage() == null ? e.toString() : e.getMessage();
                String option = message.startsWith("--") ? message.split("[ :=]", 2)[0] : null;
                String source = option == null ? null : defaults.sourceOf(option);
                cmd.getErr().println("cairn: " + message + (source == null ? "" : " (from " + source + ")"));
                return 2;
            }
            throw e;
        });
        return cli.execute(args);
    }

    private static String fromWhere(CommandLine.Model.ArgSpec arg, LayeredDefaults defaults) {
        if (arg instanceof CommandLine.Model.OptionSpec option) {
            String source = defaults.sourceOf(option.longestName());
            return source == null ? "" : " (from " + source + ")";
        }
        return "";
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
