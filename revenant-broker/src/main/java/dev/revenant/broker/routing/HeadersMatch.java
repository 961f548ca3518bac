package dev.revenant.broker.routing;

import dev.revenant.broker.queue.arguments.FieldValues;
import dev.revenant.broker.queue.arguments.PreconditionFailedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One headers-exchange binding, compiled from its arguments, matching message headers exactly as
 * RabbitMQ 3.10+ does. {@code x-match} is {@code all} (the default), {@code any},
 * {@code all-with-x} or {@code any-with-x}. {@code all}/{@code any} ignore binding keys starting
 * with "x-"; the "-with-x" modes keep them ({@code x-match} itself is never matched). A binding
 * value of void (null) matches any value of a present header. With nothing left to match,
 * {@code all} matches every message and {@code any} none. Immutable.
 */
public final class HeadersMatch {
    /** The four matching modes, by their {@code x-match} names. */
    public enum Mode {
        ALL("all"), ANY("any"), ALL_WITH_X("all-with-x"), ANY_WITH_X("any-with-x");

        private final String wireName;

        Mode(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    private final Mode mode;
    private final String[] keys;
    private final Object[] values;

    private HeadersMatch(Mode mode, List<String> keys, List<Object> values) {
        this.mode = mode;
        this.keys = keys.toArray(new String[0]);
        this.values = values.toArray();
    }

    /**
     * Compiles binding arguments, refusing a bad {@code x-match} as RabbitMQ does at bind time.
     *
     * @throws PreconditionFailedException {@code Invalid x-match field value <<"foo">>; expected
     *         all, any, all-with-x, or any-with-x} or {@code Invalid x-match field type signedint
     *         (value 1); expected longstr}
     */
    public static HeadersMatch compile(Map<String, Object> bindingArguments) {
        Map<String, Object> args = bindingArguments == null ? Map.of() : bindingArguments;
        Mode mode = mode(args);
        boolean withX = mode == Mode.ALL_WITH_X || mode == Mode.ANY_WITH_X;
        List<String> keys = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        args.forEach((key, value) -> {
            if (!key.equals("x-match") && (withX || !key.startsWith("x-"))) {
                keys.add(key);
                values.add(value);
            }
        });
        return new HeadersMatch(mode, keys, values);
    }

    /** One-off form of {@code compile(bindingArguments).matches(messageHeaders)}. */
    public static boolean matches(Map<String, Object> bindingArguments, Map<String, Object> messageHeaders) {
        return compile(bindingArguments).matches(messageHeaders);
    }

    /** Whether a message with these headers (null for none) is routed by this binding. */
    public boolean matches(Map<String, Object> messageHeaders) {
        Map<String, Object> headers = messageHeaders == null ? Map.of() : messageHeaders;
        boolean all = mode == Mode.ALL || mode == Mode.ALL_WITH_X;
        for (int i = 0; i < keys.length; i++) {
            boolean hit = headers.containsKey(keys[i])
                    && (values[i] == null || HeaderValues.equal(values[i], headers.get(keys[i])));
            if (hit != all) {
                return hit;
            }
        }
        return all;
    }

    /** The matching mode. */
    public Mode mode() {
        return mode;
    }

    private static Mode mode(Map<String, Object> args) {
        if (!args.containsKey("x-match")) {
            return Mode.ALL;
        }
        Object value = args.get("x-match");
        if (!(value instanceof String name)) {
            throw new PreconditionFailedException("Invalid x-match field type " + FieldValues.typeName(value)
                    + " (value " + FieldValues.erlangTerm(value) + "); expected longstr");
        }
        for (Mode mode : Mode.values()) {
            if (mode.wireName.equals(name)) {
                return mode;
            }
        }
        throw new PreconditionFailedException("Invalid x-match field value " + FieldValues.erlangTerm(name)
                + "; expected all, any, all-with-x, or any-with-x");
    }
}
