package io.cairn.gateway.notify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The targets the operator configured (never the S3 caller), by canonical ARN. Built from the server's
 * {@code --notify-webhook} and {@code --notify-kafka} options:
 * <ul>
 *   <li>{@code ID=URL[,token=TOKEN|,token-file=FILE|,hmac-secret-file=FILE]}: an HTTP webhook,
 *       ARN {@code arn:cairn:sqs::ID:webhook};</li>
 *   <li>{@code ID=HOST:PORT[,HOST:PORT...]/TOPIC}: a Kafka topic, ARN {@code arn:cairn:sqs::ID:kafka}.</li>
 * </ul>
 */
public final class NotificationTargets implements AutoCloseable {

    /** How long one delivery attempt may take. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Map<String, NotificationTarget> byArn = new LinkedHashMap<>();

    public NotificationTargets(Collection<? extends NotificationTarget> targets) {
        for (NotificationTarget t : targets) {
            if (byArn.putIfAbsent(t.arn(), t) != null) {
                throw new IllegalArgumentException("two notification targets are named " + t.arn());
            }
        }
    }

    public static NotificationTargets none() {
        return new NotificationTargets(List.of());
    }

    /** Targets from the options' values (each list may be empty). */
    public static NotificationTargets parse(List<String> webhooks, List<String> kafkas) {
        List<NotificationTarget> all = new ArrayList<>();
        for (String w : webhooks) {
            all.add(webhook(w));
        }
        for (String k : kafkas) {
            all.add(kafka(k));
        }
        return new NotificationTargets(all);
    }

    /** {@code ID=URL[,token=TOKEN|,token-file=FILE|,hmac-secret-file=FILE]}. */
    static WebhookTarget webhook(String spec) {
        String[] idRest = idAndRest(spec, "--notify-webhook", "ID=URL[,token=...|,token-file=...|,hmac-secret-file=...]");
        String[] parts = idRest[1].split(",");
        URI url;
        try {
            url = URI.create(parts[0].trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--notify-webhook " + idRest[0] + ": not a URL: " + parts[0]);
        }
        String token = null;
        byte[] secret = null;
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            int eq = p.indexOf('=');
            String name = eq < 0 ? p : p.substring(0, eq);
            String value = eq < 0 ? "" : p.substring(eq + 1);
            switch (name) {
                case "token" -> token = value;
                case "token-file" -> token = new String(read(value), StandardCharsets.UTF_8).trim();
                case "hmac-secret-file" -> secret = new String(read(value), StandardCharsets.UTF_8).trim()
                        .getBytes(StandardCharsets.UTF_8);
                default -> throw new IllegalArgumentException("--notify-webhook " + idRest[0] + ": unknown setting '"
                        + name + "' (token, token-file or hmac-secret-file)");
            }
        }
        if (token != null && token.isEmpty() || secret != null && secret.length == 0) {
            throw new IllegalArgumentException("--notify-webhook " + idRest[0] + ": empty token or secret");
        }
        if (token != null && secret != null) {
            throw new IllegalArgumentException("--notify-webhook " + idRest[0]
                    + ": a bearer token or an HMAC secret, not both");
        }
        return new WebhookTarget(idRest[0], url, token, secret, TIMEOUT);
    }

    /** {@code ID=HOST:PORT[,HOST:PORT...]/TOPIC}. */
    static KafkaTarget kafka(String spec) {
        String[] idRest = idAndRest(spec, "--notify-kafka", "ID=HOST:PORT[,HOST:PORT...]/TOPIC");
        int slash = idRest[1].lastIndexOf('/');
        String bootstrap = slash < 0 ? "" : idRest[1].substring(0, slash).trim();
        String topic = slash < 0 ? "" : idRest[1].substring(slash + 1).trim();
        if (bootstrap.isEmpty() || !topic.matches("[A-Za-z0-9._-]{1,249}")) {
            throw new IllegalArgumentException("--notify-kafka must be ID=HOST:PORT[,HOST:PORT...]/TOPIC: " + spec);
        }
        return new KafkaTarget(idRest[0], bootstrap, topic, TIMEOUT);
    }

    private static String[] idAndRest(String spec, String option, String form) {
        int eq = spec.indexOf('=');
        String id = eq < 0 ? "" : spec.substring(0, eq).trim();
        if (!TargetArn.ID.matcher(id).matches() || eq == spec.length() - 1) {
            throw new IllegalArgumentException(option + " must be " + form + " with ID of [A-Za-z0-9_-]: " + spec);
        }
        return new String[] {id, spec.substring(eq + 1)};
    }

    private static byte[] read(String file) {
        try {
            return Files.readAllBytes(Path.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public boolean isEmpty() {
        return byArn.isEmpty();
    }

    public Set<String> arns() {
        return byArn.keySet();
    }

    NotificationTarget get(String arn) {
        return byArn.get(arn);
    }

    public Collection<NotificationTarget> all() {
        return byArn.values();
    }

    @Override
    public void close() {
        byArn.values().forEach(NotificationTarget::close);
    }
}
