package dev.revenant.broker.routing;

import dev.revenant.broker.queue.arguments.FieldValues;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A headers exchange's bindings. Each binding is tested against the message headers (RabbitMQ
 * does the same scan); each destination is reported once. Routing reads an immutable snapshot,
 * safe on any number of threads while bindings change; writes are serialised here by a lock.
 */
public final class HeadersBindings<D> {
    private volatile List<Binding<D>> bindings = List.of();

    private record Binding<D>(Map<String, Object> arguments, HeadersMatch match, D destination) {
    }

    /**
     * Adds one binding (validating {@code x-match}). Bindings with the same destination and equal
     * arguments are one binding, as in RabbitMQ: returns false and changes nothing for a repeat.
     *
     * @throws dev.revenant.broker.queue.arguments.PreconditionFailedException for a bad {@code x-match}
     */
    public synchronized boolean bind(Map<String, Object> arguments, D destination) {
        Objects.requireNonNull(destination, "destination");
        HeadersMatch match = HeadersMatch.compile(arguments);
        Map<String, Object> args = arguments == null ? Map.of() : arguments;
        if (indexOf(args, destination) >= 0) {
            return false;
        }
        List<Binding<D>> next = new ArrayList<>(bindings);
        next.add(new Binding<>(args, match, destination));
        bindings = List.copyOf(next);
        return true;
    }

    /** Removes the binding with these arguments and destination; false when there is none. */
    public synchronized boolean unbind(Map<String, Object> arguments, D destination) {
        int index = indexOf(arguments == null ? Map.of() : arguments, destination);
        if (index < 0) {
            return false;
        }
        List<Binding<D>> next = new ArrayList<>(bindings);
        next.remove(index);
        bindings = List.copyOf(next);
        return true;
    }

    /** Reports every destination with a binding matching {@code headers} (null for none), each once. */
    public void route(Map<String, Object> headers, Consumer<? super D> sink) {
        Set<D> reported = new LinkedHashSet<>();
        for (Binding<D> binding : bindings) {
            if (!reported.contains(binding.destination()) && binding.match().matches(headers)) {
                reported.add(binding.destination());
                sink.accept(binding.destination());
            }
        }
    }

    /** The destinations matching {@code headers}. */
    public Set<D> route(Map<String, Object> headers) {
        Set<D> matched = new LinkedHashSet<>();
        route(headers, matched::add);
        return matched;
    }

    /** Number of bindings. */
    public int size() {
        return bindings.size();
    }

    private int indexOf(Map<String, Object> args, D destination) {
        List<Binding<D>> current = bindings;
        for (int i = 0; i < current.size(); i++) {
            Binding<D> binding = current.get(i);
            if (binding.destination().equals(destination) && sameArguments(binding.arguments(), args)) {
                return i;
            }
        }
        return -1;
    }

    /** Argument tables are the same binding when they hold the same keys with identical typed values. */
    private static boolean sameArguments(Map<String, Object> a, Map<String, Object> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (Map.Entry<String, Object> entry : a.entrySet()) {
            if (!b.containsKey(entry.getKey())
                    || !FieldValues.sameTyped(entry.getValue(), b.get(entry.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
