package io.cairn.cli;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cairn admin drive ...}: a drive's life cycle on a running server. */
@Command(name = "drive", mixinStandardHelpOptions = true, description = "Replace a lost drive of a running server.",
        subcommands = {DriveCommands.Replace.class})
final class DriveCommands implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * {@code cairn admin drive replace --drive N}: the server formats the empty directory now in place of its
     * lost drive N and heals every object onto it at a bounded rate; the command follows the heal to its end.
     */
    @Command(name = "replace", mixinStandardHelpOptions = true,
            description = "Take an empty directory in place of a lost drive into use (it must be empty: an"
                    + " unmounted disk's mount point is refused only if something is in it, so mount first),"
                    + " then refill it by a heal of everything, with progress. Signs with CAIRN_ROOT_USER /"
                    + " CAIRN_ROOT_PASSWORD.")
    static final class Replace implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        AdminCommand.Endpoint server;

        @Option(names = "--drive", required = true, description = "The drive's number, 1-based, as `cairn admin"
                + " status` lists them.")
        int drive;

        @Option(names = "--rate", defaultValue = "200",
                description = "Objects a second the refill heals at most, 0 unbounded (${DEFAULT-VALUE}).")
        double rate;

        @Override
        public Integer call() throws Exception {
            HttpResponse<String> r = server.call("POST", "/-/admin/drive/replace",
                    Map.of("drive", Integer.toString(drive), "rate", Double.toString(rate)));
            if (r.statusCode() != 202) {
                spec.commandLine().getErr().println("cairn: admin drive replace: HTTP " + r.statusCode() + ": "
                        + r.body().strip());
                return 1;
            }
            spec.commandLine().getOut().println("drive " + drive + " formatted; refilling it");
            spec.commandLine().getOut().flush();
            if (r.body().contains("\"healStarted\":false")) {
                spec.commandLine().getErr().println("cairn: admin drive replace: a heal was already running;"
                        + " following it, then run `cairn admin heal` once more to refill the drive fully");
            }
            return AdminCommand.followHeal(spec, server);
        }
    }
}
