package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code cairn ARGS --endpoint URL} as its own process, as an operator would, signing as a given user. */
final class CairnCli {

    /** What the command printed (stdout and stderr) and its exit status. */
    record Result(int exit, String output) {
    }

    private CairnCli() {
    }

    static Result run(URI endpoint, String user, String secret, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.cairn.cli.CairnCommand"));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--endpoint", endpoint.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("CAIRN_ROOT_USER", user);
        pb.environment().put("CAIRN_ROOT_PASSWORD", secret);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new Result(p.exitValue(), out);
    }
}
