package io.cairn.gateway.notify;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Target ARNs, MinIO's way: {@code arn:cairn:sqs:REGION:ID:TYPE}, where ID is the name the operator gave the
 * target and TYPE its kind ({@code webhook}, {@code kafka}). REGION may be empty or the server's region; the
 * canonical form, under which targets are registered and entries record them, has it empty.
 */
final class TargetArn {

    static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern ARN = Pattern.compile("arn:cairn:sqs:([A-Za-z0-9-]*):([A-Za-z0-9_-]{1,64}):([a-z]+)");

    private TargetArn() {
    }

    static String of(String id, String type) {
        return "arn:cairn:sqs::" + id + ":" + type;
    }

    /** The canonical ARN, or null when {@code arn} is not one of ours (or names another region). */
    static String canonical(String arn, String region) {
        if (arn == null) {
            return null;
        }
        Matcher m = ARN.matcher(arn.trim());
        if (!m.matches() || !(m.group(1).isEmpty() || m.group(1).equals(region))) {
            return null;
        }
        return of(m.group(2), m.group(3));
    }
}
