package dev.zirconffm.reliability;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Runs one API call against the model's prediction and keeps the evidence: the last operations
 * (for the failure report) and counts of calls, refusals and reads checked.
 */
final class Checker {

    /** A call under test; it may throw. */
    interface Call<T> {
        T run() throws Exception;
    }

    /** The model and the API disagree. */
    static final class Mismatch extends RuntimeException {
        Mismatch(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final int LOG = 40;
    private final Deque<String> log = new ArrayDeque<>();
    private final Map<Outcome.Kind, Long> outcomes = new EnumMap<>(Outcome.Kind.class);
    private final Map<String, Long> statuses = new TreeMap<>();
    private final Map<String, long[]> perOp = new TreeMap<>();
    long ops;
    long bytesCompared;

    /** Notes an operation for the failure report. */
    void note(String what) {
        if (log.size() == LOG) {
            log.removeFirst();
        }
        log.addLast("#" + ops + " " + what);
    }

    /**
     * Runs {@code call}. With no predicted refusal it must return normally, and its result is
     * returned; else it must end with one of {@code refusals} (several may apply when the API
     * does not order its checks), and null is returned.
     */
    <T> T expect(String what, Set<Outcome> refusals, Call<T> call) {
        note(what + (refusals.isEmpty() ? " -> OK" : " -> " + refusals));
        String op = what.replaceAll("\\(.*|\\[.*|#.*| of VMO.*", "").trim();
        perOp.computeIfAbsent(op, k -> new long[2])[refusals.isEmpty() ? 0 : 1]++;
        T result;
        try {
            result = call.run();
        } catch (Exception | Error e) {
            Outcome got = Outcome.of(e);
            count(got);
            if (refusals.contains(got)) {
                return null;
            }
            throw fail(what + ": expected " + (refusals.isEmpty() ? "OK" : refusals) + " but got " + got, e);
        }
        count(Outcome.OK);
        if (!refusals.isEmpty()) {
            throw fail(what + ": expected " + refusals + " but the call succeeded", null);
        }
        return result;
    }

    /** Fails unless the bytes the API returned are the model's. */
    void sameBytes(String what, byte[] model, byte[] actual) {
        bytesCompared += actual.length;
        if (!Arrays.equals(model, actual)) {
            int i = Arrays.mismatch(model, actual);
            throw fail(what + ": byte " + i + " is " + actual[i] + ", the model says " + model[i], null);
        }
    }

    /** Fails unless {@code actual} equals the model's {@code expected}. */
    void same(String what, Object expected, Object actual) {
        if (!expected.equals(actual)) {
            throw fail(what + ": got " + actual + ", the model says " + expected, null);
        }
    }

    Mismatch fail(String message, Throwable cause) {
        return new Mismatch(message + "\nlast operations:\n  " + String.join("\n  ", log), cause);
    }

    private void count(Outcome o) {
        outcomes.merge(o.kind(), 1L, Long::sum);
        if (o.kind() == Outcome.Kind.ZX) {
            statuses.merge(o.status().name(), 1L, Long::sum);
        }
    }

    /** "OK=…, ILLEGAL_STATE=…, ZX=… {ACCESS_DENIED=…, …}, bytes compared=…". */
    String summary() {
        return outcomes + " " + statuses + ", bytes compared=" + bytesCompared;
    }

    /** Per operation: how many calls were predicted to succeed / to be refused. */
    String perOperation() {
        StringBuilder sb = new StringBuilder();
        perOp.forEach((op, n) -> sb.append(sb.isEmpty() ? "" : ", ").append(op).append(' ').append(n[0]).append('/').append(n[1]));
        return sb.toString();
    }
}
