package io.cairn.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The policy grammar and its evaluation, one rule at a time. */
class PolicyTest {

    private static final Set<String> ACTIONS = Set.of("s3:getobject", "s3:putobject", "s3:listbucket",
            "s3:deleteobject", "s3:getobjectversion", "s3:listbucketversions", "s3:getbucketpolicy");

    private static Policy parse(String json) {
        return Policy.parse(json, "b", ACTIONS::contains);
    }

    /** A one-statement policy: effect, principal, action and resource JSON values, and a Condition or null. */
    private static Policy statement(String effect, String principal, String action, String resource,
                                    String condition) {
        return parse("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"" + effect + "\",\"Principal\":"
                + principal + ",\"Action\":" + action + ",\"Resource\":" + resource
                + (condition == null ? "" : ",\"Condition\":" + condition) + "}]}");
    }

    private static Policy allowGetWhen(String condition) {
        return statement("Allow", "\"*\"", "\"s3:GetObject\"", "\"arn:aws:s3:::b/*\"", condition);
    }

    private static PolicyRequest get(String principal, Map<String, List<String>> keys) {
        return new PolicyRequest(principal, "s3:GetObject", "arn:aws:s3:::b/k", keys);
    }

    private static PolicyRequest req(String principal, String action, String resource) {
        return new PolicyRequest(principal, action, resource, Map.of());
    }

    private static Map<String, List<String>> key(String name, String value) {
        return Map.of(name, List.of(value));
    }

    @Test
    void publicReadAllowsAnonymousGetButNotList() {
        Policy p = allowGetWhen(null);
        assertThat(p.evaluate(req(null, "s3:GetObject", "arn:aws:s3:::b/any/key"))).isEqualTo(Decision.ALLOW);
        assertThat(p.evaluate(req(null, "s3:ListBucket", "arn:aws:s3:::b"))).isEqualTo(Decision.NONE);
        assertThat(p.evaluate(req("alice", "s3:PutObject", "arn:aws:s3:::b/k"))).isEqualTo(Decision.NONE);
        assertThat(p.isPublic()).isTrue();
    }

    @Test
    void statementMayBeAnObjectAndVersionMayBeOld() {
        Policy p = parse("{\"Version\":\"2008-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                + "\"*\"},\"Action\":\"s3:*\",\"Resource\":[\"arn:aws:s3:::b\",\"arn:aws:s3:::b/*\"]}}");
        assertThat(p.evaluate(req(null, "s3:ListBucket", "arn:aws:s3:::b"))).isEqualTo(Decision.ALLOW);
        assertThat(p.evaluate(req(null, "s3:PutObject", "arn:aws:s3:::b/x"))).isEqualTo(Decision.ALLOW);
    }

    @Test
    void namedPrincipalsMatchUserNamesAndUserArnsButNeverAnonymous() {
        Policy p = statement("Allow", "{\"AWS\":[\"alice\",\"arn:aws:iam::123456789012:user/team/bob\"]}",
                "\"s3:PutObject\"", "\"arn:aws:s3:::b/*\"", null);
        assertThat(p.evaluate(req("alice", "s3:PutObject", "arn:aws:s3:::b/k"))).isEqualTo(Decision.ALLOW);
        assertThat(p.evaluate(req("bob", "s3:PutObject", "arn:aws:s3:::b/k"))).isEqualTo(Decision.ALLOW);
        assertThat(p.evaluate(req("carol", "s3:PutObject", "arn:aws:s3:::b/k"))).isEqualTo(Decision.NONE);
        assertThat(p.evaluate(req(null, "s3:PutObject", "arn:aws:s3:::b/k"))).isEqualTo(Decision.NONE);
        assertThat(p.isPublic()).isFalse();
    }

    @Test
    void notPrincipalAppliesToEveryoneElse() {
        Policy p = parse("{\"Statement\":[{\"Effect\":\"Deny\",\"NotPrincipal\":{\"AWS\":\"alice\"},"
                + "\"Action\":\"s3:*\",\"Resource\":\"arn:aws:s3:::b/*\"}]}");
        assertThat(p.evaluate(req("alice", "s3:GetObject", "arn:aws:s3:::b/k"))).isEqualTo(Decision.NONE);
        assertThat(p.evaluate(req("bob", "s3:GetObject", "arn:aws:s3:::b/k"))).isEqualTo(Decision.DENY);
        assertThat(p.evaluate(req(null, "s3:GetObject", "arn:aws:s3:::b/k"))).isEqualTo(Decision.DENY);
    }

    @Test
    void explicitDenyWinsOverAllowWhateverTheOrder() {
        for (String order : List.of("A,D", "D,A")) {
            String allow = "{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":\"arn:aws:s3:::b/*\"}";
            String deny = "{\"Effect\":\"Deny\",\"Principal\":{\"AWS\":\"bob\"},\"Action\":\"s3:GetObject\","
                    + "\"Resource\":\"arn:aws:s3:::b/secret/*\"}";
            Policy p = parse("{\"Statement\":[" + (order.equals("A,D") ? allow + "," + deny : deny + "," + allow)
                    + "]}");
            assertThat(p.evaluate(req("bob", "s3:GetObject", "arn:aws:s3:::b/secret/x"))).isEqualTo(Decision.DENY);
            assertThat(p.evaluate(req("bob", "s3:GetObject", "arn:aws:s3:::b/open/x"))).isEqualTo(Decision.ALLOW);
            assertThat(p.evaluate(req("alice", "s3:GetObject", "arn:aws:s3:::b/secret/x")))
                    .isEqualTo(Decision.ALLOW);
        }
    }

    @ParameterizedTest
    @CsvSource({
            "s3:GetObject, s3:GetObject, true",
            "s3:getobject, s3:GetObject, true",
            "S3:GETOBJECT, s3:GetObject, true",
            "s3:*, s3:DeleteObject, true",
            "*, s3:DeleteObject, true",
            "s3:List*, s3:ListBucket, true",
            "s3:List*, s3:ListBucketVersions, true",
            "s3:List*, s3:GetObject, false",
            "s3:Get*Version, s3:GetObjectVersion, true",
            "s3:GetObjec?, s3:GetObject, true",
            "s3:GetObjec?, s3:GetObjectVersion, false",
            "s3:PutObject, s3:GetObject, false",
    })
    void actionWildcardsAreCaseInsensitive(String pattern, String action, boolean matches) {
        Policy p = statement("Allow", "\"*\"", "\"" + pattern + "\"", "\"arn:aws:s3:::b/*\"", null);
        assertThat(p.evaluate(req(null, action, "arn:aws:s3:::b/k")))
                .isEqualTo(matches ? Decision.ALLOW : Decision.NONE);
    }

    @Test
    void notActionAllowsEverythingElse() {
        Policy p = parse("{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"NotAction\":\"s3:Delete*\","
                + "\"Resource\":\"arn:aws:s3:::b/*\"}]}");
        assertThat(p.evaluate(req(null, "s3:GetObject", "arn:aws:s3:::b/k"))).isEqualTo(Decision.ALLOW);
        assertThat(p.evaluate(req(null, "s3:DeleteObject", "arn:aws:s3:::b/k"))).isEqualTo(Decision.NONE);
    }

    @ParameterizedTest
    @CsvSource({
            "arn:aws:s3:::b/*, arn:aws:s3:::b/a/b/c, true",
            "arn:aws:s3:::b/*, arn:aws:s3:::b, false",
            "arn:aws:s3:::b, arn:aws:s3:::b, true",
            "arn:aws:s3:::b/public/*, arn:aws:s3:::b/public/x, true",
            "arn:aws:s3:::b/public/*, arn:aws:s3:::b/Public/x, false",
            "arn:aws:s3:::b/file?.txt, arn:aws:s3:::b/file1.txt, true",
            "arn:aws:s3:::b/file?.txt, arn:aws:s3:::b/file12.txt, false",
            "arn:aws:s3:::*/x, arn:aws:s3:::b/x, true",
    })
    void resourceWildcardsAreCaseSensitive(String pattern, String resource, boolean matches) {
        Policy p = statement("Allow", "\"*\"", "\"s3:*\"", "\"" + pattern + "\"", null);
        assertThat(p.evaluate(req(null, "s3:GetObject", resource)))
                .isEqualTo(matches ? Decision.ALLOW : Decision.NONE);
    }

    @Test
    void notResourceAppliesOutsideIt() {
        Policy p = parse("{\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\","
                + "\"NotResource\":\"arn:aws:s3:::b/public/*\"}]}");
        assertThat(p.evaluate(req(null, "s3:GetObject", "arn:aws:s3:::b/public/x"))).isEqualTo(Decision.NONE);
        assertThat(p.evaluate(req(null, "s3:GetObject", "arn:aws:s3:::b/private/x"))).isEqualTo(Decision.DENY);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "StringEquals|s3:prefix|home/|home/|true",
            "StringEquals|s3:prefix|home/|Home/|false",
            "StringNotEquals|s3:prefix|home/|home/|false",
            "StringNotEquals|s3:prefix|home/|other/|true",
            "StringEqualsIgnoreCase|s3:prefix|home/|HOME/|true",
            "StringNotEqualsIgnoreCase|s3:prefix|home/|HOME/|false",
            "StringLike|s3:prefix|home/*|home/alice/|true",
            "StringLike|s3:prefix|home/?|home/ab|false",
            "StringNotLike|s3:prefix|home/*|work/x|true",
            "StringNotLike|s3:prefix|home/*|home/x|false",
            "NumericEquals|s3:max-keys|10|10|true",
            "NumericEquals|s3:max-keys|10|10.0|true",
            "NumericNotEquals|s3:max-keys|10|11|true",
            "NumericLessThan|s3:max-keys|10|9|true",
            "NumericLessThan|s3:max-keys|10|10|false",
            "NumericLessThanEquals|s3:max-keys|10|10|true",
            "NumericGreaterThan|s3:max-keys|10|11|true",
            "NumericGreaterThan|s3:max-keys|10|abc|false",
            "NumericGreaterThanEquals|s3:max-keys|10|10|true",
            "DateEquals|aws:CurrentTime|2030-01-01T00:00:00Z|2030-01-01T00:00:00Z|true",
            "DateNotEquals|aws:CurrentTime|2030-01-01T00:00:00Z|2030-01-01T00:00:01Z|true",
            "DateLessThan|aws:CurrentTime|2030-01-01T00:00:00Z|2029-12-31T23:59:59Z|true",
            "DateLessThan|aws:CurrentTime|2030-01-01|2030-01-01T00:00:00Z|false",
            "DateLessThanEquals|aws:CurrentTime|2030-01-01T01:00:00+01:00|2030-01-01T00:00:00Z|true",
            "DateGreaterThan|aws:CurrentTime|1893456000|2030-01-01T00:00:01Z|true",
            "DateGreaterThanEquals|aws:CurrentTime|2030-01-01T00:00:00Z|2029-01-01T00:00:00Z|false",
            "Bool|aws:SecureTransport|true|true|true",
            "Bool|aws:SecureTransport|true|false|false",
            "Bool|aws:SecureTransport|false|false|true",
            "IpAddress|aws:SourceIp|192.0.2.0/24|192.0.2.77|true",
            "IpAddress|aws:SourceIp|192.0.2.0/24|192.0.3.1|false",
            "IpAddress|aws:SourceIp|10.1.2.3|10.1.2.3|true",
            "IpAddress|aws:SourceIp|10.0.0.0/9|10.127.255.255|true",
            "IpAddress|aws:SourceIp|10.0.0.0/9|10.128.0.0|false",
            "IpAddress|aws:SourceIp|192.0.2.0/24|::ffff:192.0.2.9|true",
            "IpAddress|aws:SourceIp|2001:db8::/32|2001:db8:1::5|true",
            "IpAddress|aws:SourceIp|2001:db8::/32|2001:db9::5|false",
            "IpAddress|aws:SourceIp|2001:db8::/32|192.0.2.1|false",
            "NotIpAddress|aws:SourceIp|192.0.2.0/24|198.51.100.1|true",
            "NotIpAddress|aws:SourceIp|192.0.2.0/24|192.0.2.1|false",
            "ArnLike|aws:SourceArn|arn:aws:s3:::b*|arn:aws:s3:::bx|true",
            "StringEquals|aws:username|alice|alice|true",
            "StringEquals|s3:x-amz-acl|public-read|public-read|true",
            "StringEquals|S3:X-AMZ-ACL|public-read|public-read|true",
    })
    void eachOperator(String operator, String key, String policyValue, String requestValue, boolean holds) {
        Policy p = allowGetWhen("{\"" + operator + "\":{\"" + key + "\":\"" + policyValue + "\"}}");
        assertThat(p.evaluate(get("alice", key(key.toLowerCase(java.util.Locale.ROOT), requestValue))))
                .isEqualTo(holds ? Decision.ALLOW : Decision.NONE);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "StringEquals|false",
            "StringNotEquals|true",
            "StringLike|false",
            "StringNotLike|true",
            "NumericLessThan|false",
            "IpAddress|false",
            "NotIpAddress|true",
            "StringEqualsIfExists|true",
            "NumericLessThanIfExists|true",
            "IpAddressIfExists|true",
    })
    void aMissingKeyMatchesOnlyNegatedAndIfExistsOperators(String operator, boolean holds) {
        String value = operator.startsWith("Numeric") ? "5" : operator.contains("Ip") ? "10.0.0.0/8" : "x";
        Policy p = allowGetWhen("{\"" + operator + "\":{\"s3:x-amz-server-side-encryption\":\"" + value + "\"}}");
        assertThat(p.evaluate(get("alice", Map.of()))).isEqualTo(holds ? Decision.ALLOW : Decision.NONE);
    }

    @Test
    void ifExistsStillAppliesWhenTheKeyIsPresent() {
        Policy p = allowGetWhen("{\"StringEqualsIfExists\":{\"s3:x-amz-server-side-encryption\":\"AES256\"}}");
        assertThat(p.evaluate(get("a", key("s3:x-amz-server-side-encryption", "AES256"))))
                .isEqualTo(Decision.ALLOW);
        assertThat(p.evaluate(get("a", key("s3:x-amz-server-side-encryption", "aws:kms"))))
                .isEqualTo(Decision.NONE);
    }

    @Test
    void nullTestsPresence() {
        Policy absent = allowGetWhen("{\"Null\":{\"s3:x-amz-server-side-encryption\":\"true\"}}");
        Policy present = allowGetWhen("{\"Null\":{\"s3:x-amz-server-side-encryption\":\"false\"}}");
        Map<String, List<String>> with = key("s3:x-amz-server-side-encryption", "AES256");
        assertThat(absent.evaluate(get("a", Map.of()))).isEqualTo(Decision.ALLOW);
        assertThat(absent.evaluate(get("a", with))).isEqualTo(Decision.NONE);
        assertThat(present.evaluate(get("a", Map.of()))).isEqualTo(Decision.NONE);
        assertThat(present.evaluate(get("a", with))).isEqualTo(Decision.ALLOW);
    }

    @Test
    void valuesAreAlternativesAndConditionsMustAllHold() {
        Policy p = allowGetWhen("{\"StringLike\":{\"s3:prefix\":[\"a/*\",\"b/*\"]},"
                + "\"IpAddress\":{\"aws:SourceIp\":[\"10.0.0.0/8\",\"192.168.0.0/16\"]}}");
        Map<String, List<String>> keys = new HashMap<>();
        keys.put("s3:prefix", List.of("b/1"));
        keys.put("aws:sourceip", List.of("192.168.4.4"));
        assertThat(p.evaluate(get("x", keys))).isEqualTo(Decision.ALLOW);
        keys.put("aws:sourceip", List.of("172.16.0.1"));
        assertThat(p.evaluate(get("x", keys))).isEqualTo(Decision.NONE);
        keys.put("aws:sourceip", List.of("10.1.1.1"));
        keys.put("s3:prefix", List.of("c/1"));
        assertThat(p.evaluate(get("x", keys))).isEqualTo(Decision.NONE);
    }

    @Test
    void setQualifiersOverSeveralValues() {
        Policy any = allowGetWhen("{\"ForAnyValue:StringEquals\":{\"s3:ExistingObjectTag/team\":[\"red\"]}}");
        Policy all = allowGetWhen("{\"ForAllValues:StringEquals\":{\"k\":[\"red\",\"blue\"]}}");
        assertThat(any.evaluate(get("x", Map.of("s3:existingobjecttag/team", List.of("red"))))).isEqualTo(Decision.ALLOW);
        assertThat(all.evaluate(get("x", Map.of("k", List.of("red", "blue"))))).isEqualTo(Decision.ALLOW);
        assertThat(all.evaluate(get("x", Map.of("k", List.of("red", "green"))))).isEqualTo(Decision.NONE);
        assertThat(all.evaluate(get("x", Map.of()))).isEqualTo(Decision.ALLOW);
    }

    @Test
    void denyOnAPrefixForOneUser() {
        Policy p = parse("{\"Statement\":[{\"Sid\":\"NoSecrets\",\"Effect\":\"Deny\",\"Principal\":{\"AWS\":[\"bob\"]},"
                + "\"Action\":[\"s3:GetObject\",\"s3:PutObject\"],\"Resource\":\"arn:aws:s3:::b/secret/*\"},"
                + "{\"Sid\":\"BobWrites\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"bob\"},\"Action\":\"s3:*\","
                + "\"Resource\":\"arn:aws:s3:::b/*\"}]}");
        assertThat(p.evaluate(req("bob", "s3:PutObject", "arn:aws:s3:::b/secret/x"))).isEqualTo(Decision.DENY);
        assertThat(p.evaluate(req("bob", "s3:PutObject", "arn:aws:s3:::b/x"))).isEqualTo(Decision.ALLOW);
    }

    @Test
    void publicMeansAWildcardAllowNotConfinedToKnownCallers() {
        assertThat(allowGetWhen("{\"IpAddress\":{\"aws:SourceIp\":\"10.0.0.0/8\"}}").isPublic()).isFalse();
        assertThat(allowGetWhen("{\"IpAddress\":{\"aws:SourceIp\":\"0.0.0.0/0\"}}").isPublic()).isTrue();
        assertThat(allowGetWhen("{\"StringLike\":{\"s3:prefix\":\"a/*\"}}").isPublic()).isTrue();
        assertThat(statement("Deny", "\"*\"", "\"s3:*\"", "\"arn:aws:s3:::b/*\"", null).isPublic()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "not json",
            "{\"Statement\":[]} trailing",
            "[]",
            "{}",
            "{\"Version\":\"2012-10-17\"}",
            "{\"Version\":\"2012-10-17\",\"Statement\":[]}",
            "{\"Version\":\"2020-01-01\",\"Statement\":{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\"}}",
            "{\"Statement\":{\"Effect\":\"Permit\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\"}}",
            "{\"Statement\":{\"Effect\":\"allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\"}}",
            "{\"Statement\":{\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\"}}",
            "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\"}}",
            "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":\"alice\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\"}}",
            "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"x\"},\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\"}}",
            "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Resource\":\"arn:aws:s3:::b/*\"}}",
            "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:Fly\",\"Resource\":\"arn:aws:s3:::b/*\"}}",
            "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"ec2:RunInstances\",\"Resource\":\"arn:aws:s3:::b/*\"}}",
            "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":[],\"Resource\":\"arn:aws:s3:::b/*\"}}",
            "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\"}}",
            "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::other/*\"}}",
            "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}}",
            "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\",\"NotResource\":\"arn:aws:s3:::b/x\"}}",
            "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\",\"Condition\":{\"StringSortOf\":{\"s3:prefix\":\"a\"}}}}",
            "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\",\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"10.0.0.0/33\"}}}}",
            "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\",\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"300.0.0.1\"}}}}",
            "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\",\"Condition\":{\"NumericLessThan\":{\"s3:max-keys\":\"ten\"}}}}",
            "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\",\"Condition\":{\"DateLessThan\":{\"aws:CurrentTime\":\"tomorrow\"}}}}",
            "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"yes\"}}}}",
            "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\",\"Condition\":{\"NullIfExists\":{\"k\":\"true\"}}}}",
            "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\",\"Condition\":{\"StringEquals\":{}}}}",
            "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\",\"Surprise\":1}}",
            "{\"Statement\":[{\"Sid\":\"x\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\"},{\"Sid\":\"x\",\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\"}]}",
            "{\"Statement\":{\"Effect\":\"Allow\",\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\"}}",
    })
    void malformedPoliciesAreRefusedWithAReason(String json) {
        assertThatThrownBy(() -> parse(json)).isInstanceOf(MalformedPolicyException.class)
                .satisfies(e -> assertThat(e.getMessage()).isNotBlank());
    }

    @Test
    void theReasonNamesTheProblem() {
        assertThatThrownBy(() -> allowGetWhen("{\"StringSortOf\":{\"s3:prefix\":\"a\"}}"))
                .hasMessageContaining("Unknown condition operator: StringSortOf");
        assertThatThrownBy(() -> statement("Allow", "\"*\"", "\"s3:GetObject\"", "\"arn:aws:s3:::other/*\"", null))
                .hasMessageContaining("invalid resource");
        assertThatThrownBy(() -> statement("Maybe", "\"*\"", "\"s3:GetObject\"", "\"arn:aws:s3:::b/*\"", null))
                .hasMessageContaining("Invalid effect");
    }

    @Test
    void wildcardsNeverBacktrackExponentially() {
        String value = "a".repeat(5000);
        assertThat(Wildcards.match("*a*a*a*a*a*a*a*b", value)).isFalse();
        assertThat(Wildcards.match("*a*a*a*a*a*a*a*", value)).isTrue();
        assertThat(Wildcards.match("", "")).isTrue();
        assertThat(Wildcards.match("*", "")).isTrue();
        assertThat(Wildcards.match("?", "")).isFalse();
    }
}
