package io.cairn.it;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * docker-compose.yml as Compose reads it: YAML anchors, aliases and merge keys ({@code <<: *base}) resolved,
 * which Jackson's tree model leaves as the alias's name. Scalars are kept as text (or null), as Compose reads
 * the fields used here. {@link #services()} gives each service's fields the tests use.
 */
final class ComposeFile {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    final JsonNode root;

    private ComposeFile(JsonNode root) {
        this.root = root;
    }

    static ComposeFile read(Path file) throws IOException {
        try (YAMLParser parser = new YAMLFactory().createParser(file.toFile())) {
            parser.nextToken();
            return new ComposeFile(new Resolver(parser).value());
        }
    }

    /** One service: what a container of it runs and is given. */
    record Service(String name, String hostname, List<String> command, Map<String, String> environment,
                   List<String> ports, List<String> volumes, List<String> secrets, String memoryLimit,
                   List<String> healthcheck, JsonNode node) {

        /** The container path each named volume is mounted on: volume name to path. */
        Map<String, String> volumeMounts() {
            Map<String, String> mounts = new LinkedHashMap<>();
            for (String v : volumes) {
                String[] parts = v.split(":");
                mounts.put(parts[0], parts[1]);
            }
            return mounts;
        }
    }

    /** The services by name, in name order. */
    Map<String, Service> services() {
        Map<String, Service> out = new TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = root.path("services").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode s = e.getValue();
            Map<String, String> env = new LinkedHashMap<>();
            s.path("environment").fields().forEachRemaining(v -> env.put(v.getKey(), v.getValue().asText()));
            out.put(e.getKey(), new Service(e.getKey(), s.path("hostname").asText(e.getKey()), texts(s.path("command")),
                    env, texts(s.path("ports")), texts(s.path("volumes")), texts(s.path("secrets")),
                    s.path("deploy").path("resources").path("limits").path("memory").asText(null),
                    texts(s.path("healthcheck").path("test")), s));
        }
        return out;
    }

    /** Top-level secrets: name to the file it is read from. */
    Map<String, String> secretFiles() {
        Map<String, String> out = new LinkedHashMap<>();
        root.path("secrets").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().path("file").asText(null)));
        return out;
    }

    List<String> volumeNames() {
        List<String> out = new ArrayList<>();
        root.path("volumes").fieldNames().forEachRemaining(out::add);
        return out;
    }

    /** Compose's byte values: a number with an optional b, k, m or g unit (1G, 512m, 1gb). */
    static long bytes(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (v.endsWith("b") && v.length() > 1 && !Character.isDigit(v.charAt(v.length() - 2))) {
            v = v.substring(0, v.length() - 1);
        }
        long unit = switch (v.charAt(v.length() - 1)) {
            case 'k' -> 1L << 10;
            case 'm' -> 1L << 20;
            case 'g' -> 1L << 30;
            case 'b' -> 1;
            default -> 0;
        };
        return unit == 0 ? Long.parseLong(v) : Long.parseLong(v.substring(0, v.length() - 1)) * unit;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** Builds the tree from the parser's events, remembering anchored nodes and expanding aliases and merges. */
    private static final class Resolver {
        private final YAMLParser parser;
        private final Map<String, JsonNode> anchors = new HashMap<>();

        Resolver(YAMLParser parser) {
            this.parser = parser;
        }

        /** The value at the current token; leaves the parser on its last token. */
        JsonNode value() throws IOException {
            if (parser.isCurrentAlias()) {
                JsonNode target = anchors.get(parser.getText());
                if (target == null) {
                    throw new IOException("undefined alias *" + parser.getText());
                }
                return target;
            }
            Object anchor = parser.getObjectId();
            JsonToken token = parser.currentToken();
            JsonNode node;
            if (token == JsonToken.START_OBJECT) {
                node = mapping();
            } else if (token == JsonToken.START_ARRAY) {
                ArrayNode array = NODES.arrayNode();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(value());
                }
                node = array;
            } else if (token == JsonToken.VALUE_NULL) {
                node = NODES.nullNode();
            } else {
                node = NODES.textNode(parser.getText());
            }
            if (anchor != null) {
                anchors.put(anchor.toString(), node);
            }
            return node;
        }

        /** A mapping: its own keys win over merged ones, and an earlier merge source over a later one (YAML). */
        private ObjectNode mapping() throws IOException {
            ObjectNode own = NODES.objectNode();
            List<JsonNode> merged = new ArrayList<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                parser.nextToken();
                JsonNode value = value();
                if (key.equals("<<")) {
                    if (value.isArray()) {
                        value.forEach(merged::add);
                    } else {
                        merged.add(value);
                    }
                } else {
                    own.set(key, value);
                }
            }
            for (JsonNode source : merged) {
                source.fields().forEachRemaining(e -> {
                    if (!own.has(e.getKey())) {
                        own.set(e.getKey(), e.getValue());
                    }
                });
            }
            return own;
        }
    }
}
