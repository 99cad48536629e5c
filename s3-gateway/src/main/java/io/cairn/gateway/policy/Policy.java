package io.cairn.gateway.policy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A bucket policy in the IAM JSON grammar, parsed and checked once. Evaluation is AWS's: an explicit Deny
 * in any applicable statement wins, otherwise an applicable Allow allows, otherwise the policy says nothing
 * (and the caller is denied by default unless something else, such as an ACL, grants the request).
 */
public final class Policy {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    private static final Set<String> VERSIONS = Set.of("2012-10-17", "2008-10-17");
    private static final Set<String> TOP_FIELDS = Set.of("Version", "Id", "Statement");
    private static final Set<String> STATEMENT_FIELDS = Set.of("Sid", "Effect", "Principal", "NotPrincipal",
            "Action", "NotAction", "Resource", "NotResource", "Condition");
    private static final String S3_ARN = "arn:aws:s3:::";
    /**
     * Condition keys that, compared with fixed values, confine a statement to known callers or networks: a
     * wildcard-principal Allow limited by one of them is not public (AWS's definition of "public").
     */
    private static final Set<String> CONFINING_KEYS = Set.of("aws:sourceip", "aws:sourcearn", "aws:sourcevpc",
            "aws:sourcevpce", "aws:sourceaccount", "aws:sourceowner", "aws:principalaccount", "aws:principalorgid",
            "aws:principalarn", "aws:userid", "aws:username", "s3:dataaccesspointarn", "s3:dataaccesspointaccount");

    private final List<Statement> statements;

    private Policy(List<Statement> statements) {
        this.statements = List.copyOf(statements);
    }

    /**
     * Parses a bucket policy for {@code bucket}. Every Resource must name that bucket or objects in it;
     * {@code knownAction} says which action names (lowercase, without wildcards) exist.
     *
     * @throws MalformedPolicyException with the reason, for the client
     */
    public static Policy parse(String json, String bucket, Predicate<String> knownAction) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new MalformedPolicyException("This policy contains invalid Json");
        }
        if (root == null || !root.isObject()) {
            throw new MalformedPolicyException("This policy contains invalid Json");
        }
        unknownFields(root, TOP_FIELDS, "policy");
        JsonNode version = root.get("Version");
        if (version != null && (!version.isTextual() || !VERSIONS.contains(version.asText()))) {
            throw new MalformedPolicyException("The policy must contain a valid version string");
        }
        JsonNode id = root.get("Id");
        if (id != null && !id.isTextual()) {
            throw new MalformedPolicyException("Id must be a string");
        }
        JsonNode statement = root.get("Statement");
        if (statement == null || statement.isNull()) {
            throw new MalformedPolicyException("Missing required field Statement");
        }
        List<JsonNode> nodes = new ArrayList<>();
        if (statement.isArray()) {
            statement.forEach(nodes::add);
        } else if (statement.isObject()) {
            nodes.add(statement);
        } else {
            throw new MalformedPolicyException("Statement must be an object or an array of objects");
        }
        if (nodes.isEmpty()) {
            throw new MalformedPolicyException("Could not parse the policy: Statement is empty!");
        }
        List<Statement> parsed = new ArrayList<>();
        Set<String> sids = new HashSet<>();
        for (JsonNode node : nodes) {
            Statement s = statement(node, bucket, knownAction);
            if (s.sid() != null && !s.sid().isEmpty() && !sids.add(s.sid())) {
                throw new MalformedPolicyException("Statement IDs (SID) must be unique: " + s.sid());
            }
            parsed.add(s);
        }
        return new Policy(parsed);
    }

    /** What the policy says about the request. */
    public Decision evaluate(PolicyRequest request) {
        boolean allowed = false;
        for (Statement s : statements) {
            if (s.applies(request)) {
                if (!s.allow()) {
                    return Decision.DENY;
                }
                allowed = true;
            }
        }
        return allowed ? Decision.ALLOW : Decision.NONE;
    }

    /**
     * Whether the policy grants anything to everyone: an Allow whose principal is a wildcard (or that uses
     * NotPrincipal) and whose conditions do not confine it to fixed source networks, accounts or users.
     */
    public boolean isPublic() {
        for (Statement s : statements) {
            if (!s.allow()) {
                continue;
            }
            boolean everyone = s.notPrincipal() != null || s.principal().everyone();
            if (everyone && s.conditions().stream().noneMatch(Policy::confines)) {
                return true;
            }
        }
        return false;
    }

    private static boolean confines(Condition c) {
        return !c.operator().negated() && !c.operator().isNull()
                && CONFINING_KEYS.contains(c.key().toLowerCase(Locale.ROOT))
                && c.values().stream().noneMatch(v -> v.equals("*") || v.equals("0.0.0.0/0") || v.equals("::/0"));
    }

    private static Statement statement(JsonNode node, String bucket, Predicate<String> knownAction) {
        if (!node.isObject()) {
            throw new MalformedPolicyException("Each statement must be an object");
        }
        unknownFields(node, STATEMENT_FIELDS, "statement");
        JsonNode sidNode = node.get("Sid");
        if (sidNode != null && !sidNode.isTextual()) {
            throw new MalformedPolicyException("Sid must be a string");
        }
        String sid = sidNode == null ? null : sidNode.asText();
        JsonNode effect = node.get("Effect");
        if (effect == null) {
            throw new MalformedPolicyException("Missing required field Effect");
        }
        boolean allow;
        if (effect.isTextual() && effect.asText().equals("Allow")) {
            allow = true;
        } else if (effect.isTextual() && effect.asText().equals("Deny")) {
            allow = false;
        } else {
            throw new MalformedPolicyException("Invalid effect: " + effect.asText());
        }
        Principals principal = null;
        Principals notPrincipal = null;
        if (node.has("Principal") == node.has("NotPrincipal")) {
            throw new MalformedPolicyException(node.has("Principal")
                    ? "A statement may not have both Principal and NotPrincipal"
                    : "Missing required field Principal");
        }
        if (node.has("Principal")) {
            principal = principals(node.get("Principal"));
        } else {
            notPrincipal = principals(node.get("NotPrincipal"));
        }
        List<String> actions = null;
        List<String> notActions = null;
        if (node.has("Action") == node.has("NotAction")) {
            throw new MalformedPolicyException(node.has("Action")
                    ? "A statement may not have both Action and NotAction" : "Missing required field Action");
        }
        if (node.has("Action")) {
            actions = actions(node.get("Action"), "Action", knownAction);
        } else {
            notActions = actions(node.get("NotAction"), "NotAction", knownAction);
        }
        List<String> resources = null;
        List<String> notResources = null;
        if (node.has("Resource") == node.has("NotResource")) {
            throw new MalformedPolicyException(node.has("Resource")
                    ? "A statement may not have both Resource and NotResource" : "Missing required field Resource");
        }
        if (node.has("Resource")) {
            resources = resources(node.get("Resource"), "Resource", bucket);
        } else {
            notResources = resources(node.get("NotResource"), "NotResource", bucket);
        }
        List<Condition> conditions = conditions(node.get("Condition"));
        return new Statement(sid, allow, principal, notPrincipal, actions, notActions, resources, notResources,
                conditions);
    }

    private static Principals principals(JsonNode node) {
        if (node.isTextual()) {
            if (!node.asText().equals("*")) {
                throw new MalformedPolicyException("Invalid principal in policy: " + node.asText());
            }
            return new Principals(true, Set.of());
        }
        if (!node.isObject() || node.size() == 0) {
            throw new MalformedPolicyException("Invalid principal in policy");
        }
        Iterator<String> types = node.fieldNames();
        while (types.hasNext()) {
            String type = types.next();
            if (!type.equals("AWS")) {
                throw new MalformedPolicyException("Unsupported principal type in policy: " + type);
            }
        }
        List<String> entries = strings(node.get("AWS"), "Principal");
        if (entries.contains("*")) {
            return new Principals(true, Set.of());
        }
        Set<String> users = new HashSet<>();
        for (String e : entries) {
            users.add(Principals.userOf(e));
        }
        return new Principals(false, Set.copyOf(users));
    }

    private static List<String> actions(JsonNode node, String field, Predicate<String> knownAction) {
        List<String> out = new ArrayList<>();
        for (String a : strings(node, field)) {
            String lower = a.toLowerCase(Locale.ROOT);
            boolean wildcard = lower.indexOf('*') >= 0 || lower.indexOf('?') >= 0;
            if (!lower.equals("*") && !lower.startsWith("s3:") || !wildcard && !knownAction.test(lower)) {
                throw new MalformedPolicyException("Policy has invalid action: " + a);
            }
            out.add(lower);
        }
        return List.copyOf(out);
    }

    private static List<String> resources(JsonNode node, String field, String bucket) {
        List<String> out = new ArrayList<>();
        for (String r : strings(node, field)) {
            if (!r.startsWith(S3_ARN) || r.length() == S3_ARN.length()) {
                throw new MalformedPolicyException("Policy has invalid resource: " + r);
            }
            String path = r.substring(S3_ARN.length());
            int slash = path.indexOf('/');
            String bucketPart = slash < 0 ? path : path.substring(0, slash);
            if (!Wildcards.match(bucketPart, bucket)) {
                throw new MalformedPolicyException("Policy has invalid resource: " + r
                        + " (it is not in bucket " + bucket + ")");
            }
            out.add(r);
        }
        return List.copyOf(out);
    }

    private static List<Condition> conditions(JsonNode node) {
        if (node == null) {
            return List.of();
        }
        if (!node.isObject()) {
            throw new MalformedPolicyException("Condition must be an object");
        }
        List<Condition> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            Condition.SetQualifier qualifier = Condition.SetQualifier.SINGLE;
            if (name.startsWith("ForAnyValue:")) {
                qualifier = Condition.SetQualifier.FOR_ANY_VALUE;
                name = name.substring("ForAnyValue:".length());
            } else if (name.startsWith("ForAllValues:")) {
                qualifier = Condition.SetQualifier.FOR_ALL_VALUES;
                name = name.substring("ForAllValues:".length());
            }
            boolean ifExists = name.endsWith("IfExists");
            if (ifExists) {
                name = name.substring(0, name.length() - "IfExists".length());
            }
            ConditionOperator op = ConditionOperator.named(name);
            if (op == null || op.isNull() && (ifExists || qualifier != Condition.SetQualifier.SINGLE)) {
                throw new MalformedPolicyException("Unknown condition operator: " + e.getKey());
            }
            if (!e.getValue().isObject() || e.getValue().size() == 0) {
                throw new MalformedPolicyException("Condition " + e.getKey() + " must map keys to values");
            }
            for (Iterator<Map.Entry<String, JsonNode>> keys = e.getValue().fields(); keys.hasNext(); ) {
                Map.Entry<String, JsonNode> k = keys.next();
                List<String> values = strings(k.getValue(), "Condition " + e.getKey());
                values.forEach(op::validate);
                out.add(new Condition(op, ifExists, qualifier, k.getKey(), values));
            }
        }
        return List.copyOf(out);
    }

    /** A string, a number or a boolean, or a non-empty array of them, as text. */
    private static List<String> strings(JsonNode node, String field) {
        List<String> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            throw new MalformedPolicyException(field + " must not be empty");
        }
        if (node.isArray()) {
            for (JsonNode n : node) {
                out.add(scalar(n, field));
            }
        } else {
            out.add(scalar(node, field));
        }
        if (out.isEmpty()) {
            throw new MalformedPolicyException(field + " must not be empty");
        }
        return List.copyOf(out);
    }

    private static String scalar(JsonNode n, String field) {
        if (!n.isValueNode() || n.isNull()) {
            throw new MalformedPolicyException(field + " must hold strings");
        }
        return n.asText();
    }

    private static void unknownFields(JsonNode node, Set<String> allowed, String where) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                throw new MalformedPolicyException("Unknown field " + f + " in " + where);
            }
        }
    }
}
