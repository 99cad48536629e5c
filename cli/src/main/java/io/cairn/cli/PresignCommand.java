package io.cairn.cli;

import io.cairn.gateway.auth.StaticCredentialStore;
import io.cairn.presign.PostCondition;
import io.cairn.presign.PostForm;
import io.cairn.presign.PostPolicySigner;
import io.cairn.presign.PresignRequest;
import io.cairn.presign.Presigner;
import io.cairn.presign.SigningCredentials;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cairn presign get|put|post BUCKET KEY}: prints a presigned URL (get, put) or a browser upload form
 * (post: the fields as JSON, then an HTML form). Signs offline with the root credentials from
 * CAIRN_ROOT_USER / CAIRN_ROOT_PASSWORD (or --access-key / CAIRN_SECRET_KEY): no server is contacted.
 */
@Command(name = "presign", mixinStandardHelpOptions = true,
        description = "Print a presigned GET/PUT URL or a signed POST form for BUCKET and KEY.")
final class PresignCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "get|put|post", description = "What the URL or form allows.")
    String action;

    @Parameters(index = "1", paramLabel = "BUCKET")
    String bucket;

    @Parameters(index = "2", paramLabel = "KEY", description = "Object key; for post it may contain ${filename}.")
    String key;

    @Option(names = "--endpoint", paramLabel = "URL",
            description = "Server URL (default: the server's --public-url, else https or http by its --tls-cert"
                    + " at its --address, from CAIRN_* variables and CAIRN_CONFIG; else http://"
                    + ServerUrl.DEFAULT_ADDRESS + ").")
    URI endpoint;

    @Option(names = "--region", defaultValue = "us-east-1", description = "Region (${DEFAULT-VALUE}).")
    String region;

    @Option(names = "--expires", defaultValue = "15m", description = "Lifetime: seconds or 30s, 15m, 12h, 7d (${DEFAULT-VALUE}).")
    String expires;

    @Option(names = "--content-type", description = "put: Content-Type the uploader must send; post: pinned field.")
    String contentType;

    @Option(names = "--max-size", description = "post: largest file allowed, e.g. 10MiB.")
    String maxSize;

    @Option(names = "--min-size", defaultValue = "0", description = "post: smallest file allowed in bytes (${DEFAULT-VALUE}).")
    long minSize;

    @Option(names = "--create-only", description = "put: sign If-None-Match: * so an existing key is never overwritten.")
    boolean createOnly;

    @Option(names = "--key-prefix", description = "post: allow any key starting with this prefix instead of KEY exactly.")
    String keyPrefix;

    @Option(names = "--redirect", description = "post: success_action_redirect URL.")
    String redirect;

    @Option(names = "--status", description = "post: success_action_status (200, 201 or 204).")
    String status;

    @Option(names = "--access-key", description = "Access key (default: $CAIRN_ROOT_USER).")
    String accessKey;

    /** Where credentials come from (null: this process's environment, read when the command runs); tests set it. */
    Map<String, String> env;

    @Override
    public Integer call() {
        Map<String, String> environment = env != null ? env : SecretEnvironment.current();
        SigningCredentials credentials = credentials(environment);
        if (endpoint == null) {
            endpoint = ServerUrl.of(environment);
        }
        Duration lifetime = parseDuration(expires);
        Instant now = Instant.now();
        PrintWriter out = spec.commandLine().getOut();
        switch (action.toLowerCase(Locale.ROOT)) {
            case "get" -> out.println(Presigner.presign(new PresignRequest("GET", endpoint, path(), Map.of(), Map.of(),
                    lifetime, region, now), credentials));
            case "put" -> {
                Map<String, String> headers = new TreeMap<>();
                if (contentType != null) {
                    headers.put("content-type", contentType);
                }
                if (createOnly) {
                    headers.put("if-none-match", "*");
                }
                out.println(Presigner.presign(new PresignRequest("PUT", endpoint, path(), Map.of(), headers, lifetime,
                        region, now), credentials));
                headers.forEach((n, v) -> spec.commandLine().getErr().println("send header: " + n + ": " + v));
            }
            case "post" -> {
                PostForm form = postForm(credentials, lifetime, now);
                out.println("{\"url\": \"" + form.url() + "\", \"fields\": " + form.fieldsJson() + "}");
                out.println();
                out.print(form.html());
            }
            default -> throw new IllegalArgumentException("presign: action must be get, put or post: " + action);
        }
        out.flush();
        return 0;
    }

    private PostForm postForm(SigningCredentials credentials, Duration lifetime, Instant now) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("key", key);
        if (contentType != null) {
            fields.put("Content-Type", contentType);
        }
        if (status != null) {
            if (!List.of("200", "201", "204").contains(status)) {
                throw new IllegalArgumentException("--status must be 200, 201 or 204: " + status);
            }
            fields.put("success_action_status", status);
        }
        if (redirect != null) {
            fields.put("success_action_redirect", redirect);
        }
        List<PostCondition> conditions = new ArrayList<>();
        if (keyPrefix != null) {
            conditions.add(new PostCondition.StartsWith("$key", keyPrefix));
        }
        if (maxSize != null) {
            conditions.add(new PostCondition.ContentLengthRange(minSize, Sizes.parse(maxSize)));
        }
        return PostPolicySigner.sign(endpoint, bucket, fields, conditions, lifetime, credentials, region, now);
    }

    private String path() {
        return "/" + bucket + "/" + key;
    }

    SigningCredentials credentials(Map<String, String> env) {
        String access = accessKey != null ? accessKey
                : env.getOrDefault(StaticCredentialStore.ROOT_USER_ENV, StaticCredentialStore.DEFAULT_ROOT);
        String secret = accessKey != null && env.containsKey("CAIRN_SECRET_KEY") ? env.get("CAIRN_SECRET_KEY")
                : env.getOrDefault(StaticCredentialStore.ROOT_PASSWORD_ENV, StaticCredentialStore.DEFAULT_ROOT);
        return new SigningCredentials(access, secret);
    }

    static Duration parseDuration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        long unit = switch (t.isEmpty() ? ' ' : t.charAt(t.length() - 1)) {
            case 's' -> 1;
            case 'm' -> 60;
            case 'h' -> 3600;
            case 'd' -> 86400;
            default -> 0;
        };
        try {
            long n = Long.parseLong(unit == 0 ? t : t.substring(0, t.length() - 1));
            Duration d = Duration.ofSeconds(Math.multiplyExact(n, unit == 0 ? 1 : unit));
            if (d.getSeconds() < 1 || d.getSeconds() > 604_800) {
                throw new IllegalArgumentException("--expires must be 1 second to 7 days: " + text);
            }
            return d;
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("--expires is not a duration: " + text);
        }
    }
}
