package io.cairn.presign;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A browser-upload (POST Object) policy: an expiration and the conditions every form field must meet.
 * {@link #toJson()} writes the document a signer base64-encodes; {@link #parse(String)} reads one back from
 * the base64 form field, strictly (unknown operators and malformed entries are errors).
 */
public record PostPolicy(Instant expiration, List<PostCondition> conditions) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public PostPolicy {
        conditions = List.copyOf(conditions);
    }

    /** The policy document, with the expiration in ISO 8601 UTC with milliseconds as AWS writes it. */
    public String toJson() {
        StringBuilder out = new StringBuilder("{\"expiration\": \"")
                .append(DateTimeFormatter.ISO_INSTANT.format(expiration.truncatedTo(ChronoUnit.MILLIS)))
                .append("\", \"conditions\": [");
        for (int i = 0; i < conditions.size(); i++) {
            out.append(i == 0 ? "" : ", ").append(conditions.get(i).json());
        }
        return out.append("]}").toString();
    }

    /** The value of the form's "policy" field. */
    public String toBase64() {
        return Base64.getEncoder().encodeToString(toJson().getBytes(StandardCharsets.UTF_8));
    }

    /** Parses the base64 "policy" form field. {@link PostPolicyException} for anything malformed. */
    public static PostPolicy parse(String base64) {
        byte[] json;
        try {
            json = Base64.getDecoder().decode(base64.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new PostPolicyException(PostPolicyException.Reason.MALFORMED, "Invalid Policy: Invalid Base64.");
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw malformed("Invalid JSON.");
        } catch (IOException e) {
            throw malformed("Invalid JSON.");
        }
        if (root == null || !root.isObject()) {
            throw malformed("Invalid JSON.");
        }
        JsonNode exp = root.get("expiration");
        if (exp == null || !exp.isTextual()) {
            throw malformed("Policy missing expiration.");
        }
        Instant expiration;
        try {
            expiration = Instant.parse(exp.asText());
        } catch (DateTimeParseException e) {
            throw malformed("Invalid 'expiration' value: '" + exp.asText() + "'");
        }
        JsonNode conds = root.get("conditions");
        if (conds == null || !conds.isArray()) {
            throw malformed("Policy missing conditions.");
        }
        List<PostCondition> out = new ArrayList<>();
        for (JsonNode c : conds) {
            out.addAll(condition(c));
        }
        return new PostPolicy(expiration, out);
    }

    private static List<PostCondition> condition(JsonNode c) {
        if (c.isObject()) {
            if (c.size() != 1) {
                throw malformed("Invalid Simple-Condition: Simple-Conditions must have exactly one property specified.");
            }
            List<PostCondition> eqs = new ArrayList<>();
            Iterator<Map.Entry<String, JsonNode>> fields = c.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                if (!f.getValue().isValueNode()) {
                    throw malformed("Invalid condition: " + c);
                }
                eqs.add(new PostCondition.Eq(f.getKey(), f.getValue().asText()));
            }
            return eqs;
        }
        if (!c.isArray() || c.size() != 3 || !c.get(0).isTextual()) {
            throw malformed("Invalid condition: " + c);
        }
        String op = c.get(0).asText().toLowerCase(Locale.ROOT);
        switch (op) {
            case "eq", "starts-with" -> {
                if (!c.get(1).isTextual() || !c.get(1).asText().startsWith("$") || !c.get(2).isValueNode()) {
                    throw malformed("Invalid condition: " + c);
                }
                String field = c.get(1).asText();
                String value = c.get(2).asText();
                return List.of(op.equals("eq") ? new PostCondition.Eq(field, value)
                        : new PostCondition.StartsWith(field, value));
            }
            case "content-length-range" -> {
                long min = number(c.get(1), c);
                long max = number(c.get(2), c);
                if (min < 0 || max < min) {
                    throw malformed("Invalid content-length-range: " + c);
                }
                return List.of(new PostCondition.ContentLengthRange(min, max));
            }
            default -> throw malformed("Invalid condition operator: " + c.get(0).asText());
        }
    }

    private static long number(JsonNode n, JsonNode condition) {
        if (n.isIntegralNumber()) {
            return n.asLong();
        }
        if (n.isTextual()) {
            try {
                return Long.parseLong(n.asText().strip());
            } catch (NumberFormatException e) {
                throw malformed("Invalid content-length-range: " + condition);
            }
        }
        throw malformed("Invalid content-length-range: " + condition);
    }

    private static PostPolicyException malformed(String detail) {
        return new PostPolicyException(PostPolicyException.Reason.MALFORMED, "Invalid Policy: " + detail);
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        out.append(String.format("\\u%04x", (int) ch));
                    } else {
                        out.append(ch);
                    }
                }
            }
        }
        return out.toString();
    }
}
