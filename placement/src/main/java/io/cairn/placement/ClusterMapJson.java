package io.cairn.placement;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The cluster map's JSON form (format version 1), documented in docs/PLACEMENT.md. Reading is strict: unknown
 * versions and members, missing members, wrong types and fractional counts are errors, because a node that
 * silently misreads the map places shards where no other node will look.
 */
public final class ClusterMapJson {
    public static final int VERSION = 1;

    private ClusterMapJson() {
    }

    /** The map as JSON, members in a fixed order, so equal maps give equal bytes. */
    public static String write(ClusterMap map) {
        StringBuilder out = new StringBuilder(256 + 128 * map.driveCount());
        out.append("{\n  \"version\": ").append(VERSION)
                .append(",\n  \"epoch\": ").append(map.epoch())
                .append(",\n  \"scheme\": {\"k\": ").append(map.scheme().k()).append(", \"m\": ").append(map.scheme().m())
                .append("},\n  \"groups\": ").append(map.groupCount())
                .append(",\n  \"nodes\": [");
        for (int n = 0; n < map.nodes().size(); n++) {
            Node node = map.nodes().get(n);
            out.append(n == 0 ? "\n" : ",\n").append("    {\"id\": ");
            string(out, node.id()).append(", \"address\": ");
            string(out, node.address()).append(", \"weight\": ").append(node.weight());
            if (node.zone().isPresent()) {
                string(out.append(", \"zone\": "), node.zone().get());
            }
            out.append(", \"drives\": [");
            for (int d = 0; d < node.drives().size(); d++) {
                Drive drive = node.drives().get(d);
                string(out.append(d == 0 ? "\n" : ",\n").append("      {\"id\": "), drive.id())
                        .append(", \"weight\": ").append(drive.weight()).append('}');
            }
            out.append("\n    ]}");
        }
        out.append("\n  ]");
        pins(out, map.pins());
        return out.append("\n}\n").toString();
    }

    /** Omitted when empty, so a map without pins reads the same to a build that predates them. */
    private static void pins(StringBuilder out, List<Pin> pins) {
        if (pins.isEmpty()) {
            return;
        }
        out.append(",\n  \"pins\": [");
        for (int i = 0; i < pins.size(); i++) {
            Pin pin = pins.get(i);
            out.append(i == 0 ? "\n" : ",\n").append("    [").append(pin.group()).append(", ").append(pin.slot())
                    .append(", ");
            string(out, pin.drive()).append(']');
        }
        out.append("\n  ]");
    }

    /** Parses and validates a map; any problem is an {@link InvalidClusterMapException} naming it. */
    public static ClusterMap read(String json) {
        Map<String, Object> root = object(JsonParser.parse(json), "document");
        only(root, "document", Set.of("version", "epoch", "scheme", "groups", "nodes", "pins"));
        long version = integer(root, "version", "document", Long.MAX_VALUE);
        if (version != VERSION) {
            throw new InvalidClusterMapException("unsupported cluster map version " + version + " (this build reads " + VERSION + ")");
        }
        Map<String, Object> scheme = object(required(root, "scheme", "document"), "scheme");
        only(scheme, "scheme", Set.of("k", "m"));
        List<Node> nodes = new ArrayList<>();
        for (Object n : array(required(root, "nodes", "document"), "nodes")) {
            nodes.add(node(object(n, "node")));
        }
        List<Pin> pins = new ArrayList<>();
        if (root.containsKey("pins")) {
            for (Object p : array(root.get("pins"), "pins")) {
                pins.add(pin(p));
            }
        }
        return new ClusterMap(integer(root, "epoch", "document", Long.MAX_VALUE),
                new Scheme((int) integer(scheme, "k", "scheme", Scheme.MAX_WIDTH), (int) integer(scheme, "m", "scheme", Scheme.MAX_WIDTH)),
                (int) integer(root, "groups", "document", ClusterMap.MAX_GROUP_COUNT), nodes, pins);
    }

    /** A pin is written as {@code [group, slot, "drive"]}: thousands of them stay a few dozen bytes each. */
    private static Pin pin(Object json) {
        List<Object> triple = array(json, "pin");
        if (triple.size() != 3 || !(triple.get(0) instanceof BigDecimal) || !(triple.get(1) instanceof BigDecimal)
                || !(triple.get(2) instanceof String)) {
            throw new InvalidClusterMapException("pin " + triple + " must be [group, slot, \"drive\"]");
        }
        try {
            return new Pin(((BigDecimal) triple.get(0)).intValueExact(), ((BigDecimal) triple.get(1)).intValueExact(),
                    (String) triple.get(2));
        } catch (ArithmeticException e) {
            throw new InvalidClusterMapException("pin " + triple + ": group and slot must be integers");
        }
    }

    private static Node node(Map<String, Object> json) {
        only(json, "node", Set.of("id", "address", "weight", "zone", "drives"));
        String id = string(json, "id", "node");
        String where = "node " + id;
        List<Drive> drives = new ArrayList<>();
        for (Object d : array(required(json, "drives", where), where + " drives")) {
            Map<String, Object> drive = object(d, where + " drive");
            only(drive, where + " drive", Set.of("id", "weight"));
            String driveId = string(drive, "id", where + " drive");
            drives.add(new Drive(driveId, weight(drive, "drive " + driveId)));
        }
        Optional<String> zone = json.containsKey("zone") ? Optional.of(string(json, "zone", where)) : Optional.empty();
        return new Node(id, string(json, "address", where), weight(json, where), zone, drives);
    }

    private static void only(Map<String, Object> json, String where, Set<String> allowed) {
        for (String name : json.keySet()) {
            if (!allowed.contains(name)) {
                throw new InvalidClusterMapException(where + ": unknown member \"" + name + "\"");
            }
        }
    }

    private static Object required(Map<String, Object> json, String name, String where) {
        if (!json.containsKey(name)) {
            throw new InvalidClusterMapException(where + ": missing member \"" + name + "\"");
        }
        return json.get(name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value, String where) {
        if (!(value instanceof Map)) {
            throw new InvalidClusterMapException(where + " must be a JSON object");
        }
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> array(Object value, String where) {
        if (!(value instanceof List)) {
            throw new InvalidClusterMapException(where + " must be a JSON array");
        }
        return (List<Object>) value;
    }

    private static String string(Map<String, Object> json, String name, String where) {
        Object value = required(json, name, where);
        if (!(value instanceof String)) {
            throw new InvalidClusterMapException(where + ": \"" + name + "\" must be a string");
        }
        return (String) value;
    }

    private static long integer(Map<String, Object> json, String name, String where, long max) {
        Object value = required(json, name, where);
        try {
            long v = ((BigDecimal) value).longValueExact();
            if (v >= 0 && v <= max) {
                return v;
            }
        } catch (ClassCastException | ArithmeticException e) {
            // reported below
        }
        throw new InvalidClusterMapException(where + ": \"" + name + "\" must be an integer in [0, " + max + "], not " + value);
    }

    /** Weights are optional and default to 1, so a hand-written map of equal drives stays short. */
    private static double weight(Map<String, Object> json, String where) {
        if (!json.containsKey("weight")) {
            return 1.0;
        }
        if (!(json.get("weight") instanceof BigDecimal)) {
            throw new InvalidClusterMapException(where + ": \"weight\" must be a number");
        }
        return ((BigDecimal) json.get("weight")).doubleValue();
    }

    private static StringBuilder string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"');
    }
}
