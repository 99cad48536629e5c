package io.cairn.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cairn admin kms ...}: the SSE-KMS key ring of a running server. */
@Command(name = "kms", mixinStandardHelpOptions = true,
        description = "Keys of the built-in SSE-KMS key ring. Signs with CAIRN_ROOT_USER / CAIRN_ROOT_PASSWORD.",
        subcommands = {KmsCommands.Create.class, KmsCommands.ListKeys.class, KmsCommands.Rotate.class})
final class KmsCommands implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Calls one key ring route and prints the keys it answers with; exit 1 on a refusal. */
    static int call(CommandSpec spec, AdminCommand.Endpoint server, String method, String path,
                    Map<String, String> query) throws Exception {
        HttpResponse<String> r = server.call(method, path, query);
        if (r.statusCode() / 100 != 2) {
            spec.commandLine().getErr().println("cairn: admin kms: HTTP " + r.statusCode() + ": " + r.body().strip());
            return 1;
        }
        JsonNode doc = new ObjectMapper().readTree(r.body());
        PrintWriter out = spec.commandLine().getOut();
        for (JsonNode key : doc.isArray() ? doc : new ObjectMapper().createArrayNode().add(doc)) {
            out.printf("%-24s version %d, created %s, current version since %s%s%n", key.path("keyId").asText(),
                    key.path("version").asInt(), key.path("created").asText(), key.path("rotated").asText(),
                    key.has("objectsResealed") ? ", " + key.path("objectsResealed").asLong() + " object versions"
                            + " resealed, " + key.path("objectsFailed").asLong() + " failed" : "");
        }
        out.flush();
        return doc.path("objectsFailed").asLong() > 0 ? 2 : 0;
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Make a new key.")
    static final class Create implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        AdminCommand.Endpoint server;

        @Parameters(paramLabel = "KEY", description = "The key id: 1-128 of A-Z a-z 0-9 . _ -")
        String key;

        @Override
        public Integer call() throws Exception {
            return KmsCommands.call(spec, server, "POST", "/-/admin/kms/keys", Map.of("key", key));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every key and its current version.")
    static final class ListKeys implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        AdminCommand.Endpoint server;

        @Override
        public Integer call() throws Exception {
            return KmsCommands.call(spec, server, "GET", "/-/admin/kms/keys", Map.of());
        }
    }

    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = "Add a key version and reseal every object's data key under it (the data is not"
                    + " rewritten; older versions are kept, so nothing becomes unreadable).")
    static final class Rotate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        AdminCommand.Endpoint server;

        @Parameters(paramLabel = "KEY", description = "The key id.")
        String key;

        @Override
        public Integer call() throws Exception {
            return KmsCommands.call(spec, server, "POST", "/-/admin/kms/rotate", Map.of("key", key));
        }
    }
}
