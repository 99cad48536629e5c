package io.cairn.it;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What one key of a crash campaign may hold, and how it got there. An acknowledged request fixes the state;
 * a request that failed or was cut by a kill may or may not have taken effect, so until the next acknowledged
 * request of the key both the state before it and the state it would have made are allowed. Every request is
 * kept in the key's history with its time and request id, which is what a failure shows.
 *
 * <p>Only the key's owning client changes it, one request at a time; verification runs while no client does.
 */
final class KeyModel {

    /** One content of the key: {@code digest} null means absent; {@code etag} is what S3 reports for it. */
    record State(long size, String digest, String etag) {
        static final State ABSENT = new State(-1, null, null);

        boolean absent() {
            return digest == null;
        }

        boolean sameContent(State other) {
            return absent() ? other.absent() : digest.equals(other.digest);
        }

        @Override
        public String toString() {
            if (absent()) {
                return "absent";
            }
            return size + " B " + (digest.length() >= 12 ? "sha256 " + digest.substring(0, 12) : "ETag " + etag);
        }
    }

    /** Why an observed state is wrong, in the words of the campaign's report. */
    enum Violation {
        LOST("lost: an acknowledged PUT is missing"),
        ROLLED_BACK("rolled back: older content than the last acknowledged PUT"),
        RESURRECTED("resurrected: a deleted key is back"),
        TORN("torn: content that no request wrote");

        final String description;

        Violation(String description) {
            this.description = description;
        }
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());

    final String key;
    private State acknowledged = State.ABSENT;
    private final List<State> uncertain = new ArrayList<>();
    /** Every state the key was ever meant to hold, acknowledged or not, to tell rollbacks from torn content. */
    private final List<State> everWritten = new ArrayList<>();
    private final List<String> history = new ArrayList<>();

    KeyModel(String key) {
        this.key = key;
    }

    synchronized void acknowledged(State after, String event) {
        acknowledged = after;
        uncertain.clear();
        everWritten.add(after);
        log(event);
    }

    /** A request that failed or was cut: its effect may or may not be there. */
    synchronized void uncertain(State after, String event) {
        if (!after.sameContent(acknowledged) && uncertain.stream().noneMatch(after::sameContent)) {
            uncertain.add(after);
        }
        everWritten.add(after);
        log(event);
    }

    /** A request that cannot have changed the key (a read, a failure before anything was sent). */
    synchronized void note(String event) {
        log(event);
    }

    /** After a restart that found {@code observed} (allowed or not), the key holds it from now on. */
    synchronized void settle(State observed, String event) {
        acknowledged = observed;
        uncertain.clear();
        log(event);
    }

    synchronized Set<State> allowed() {
        Set<State> allowed = new LinkedHashSet<>();
        allowed.add(acknowledged);
        allowed.addAll(uncertain);
        return allowed;
    }

    synchronized boolean uncertain() {
        return !uncertain.isEmpty();
    }

    /** Null when {@code observed} is allowed, else what went wrong. */
    synchronized Violation judge(State observed) {
        for (State s : allowed()) {
            if (s.sameContent(observed)) {
                return null;
            }
        }
        if (observed.absent()) {
            return Violation.LOST;
        }
        boolean known = everWritten.stream().anyMatch(observed::sameContent);
        if (!known) {
            return Violation.TORN;
        }
        return allowed().stream().allMatch(State::absent) ? Violation.RESURRECTED : Violation.ROLLED_BACK;
    }

    synchronized String history() {
        StringBuilder b = new StringBuilder();
        for (String line : history) {
            b.append("    ").append(line).append('\n');
        }
        return b.toString();
    }

    private void log(String event) {
        history.add(TIME.format(Instant.now()) + " " + event);
    }
}
