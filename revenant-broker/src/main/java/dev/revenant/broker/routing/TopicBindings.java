package dev.revenant.broker.routing;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A topic exchange's bindings as a trie over pattern words, with RabbitMQ's semantics: words split
 * on '.', empty words allowed, '*' matches exactly one word, '#' zero or more, the empty key has
 * no words. Routing walks only the branches the key can match and reports each destination at
 * most once.
 *
 * <p>Concurrency: {@link #route} may run on any number of threads at once, also while the
 * bindings change (it sees each binding either before or after the change). Writes are rare and
 * serialised here by a lock; the owner may serialise them too.
 */
public final class TopicBindings<D> {
    private final TopicNode<D> root = new TopicNode<>();
    private final BindingCounts<Entry> counts = new BindingCounts<>();

    private record Entry(String pattern, Object destination) {
    }

    /**
     * Adds one binding of {@code destination} with binding key {@code pattern}; call once per
     * binding. Returns true when the pair was not routable before.
     */
    public synchronized boolean bind(String pattern, D destination) {
        Objects.requireNonNull(destination, "destination");
        if (!counts.add(new Entry(pattern, destination))) {
            return false;
        }
        TopicNode<D> node = root;
        for (String word : RoutingKeyWords.split(pattern)) {
            node = node.child(word, true);
        }
        node.destinations = Destinations.with(node.destinations, destination);
        return true;
    }

    /**
     * Removes one binding; returns true when that was the last binding of the pair, which then no
     * longer routes. Unknown pairs are ignored (false).
     */
    public synchronized boolean unbind(String pattern, D destination) {
        if (!counts.remove(new Entry(pattern, destination))) {
            return false;
        }
        List<String> words = RoutingKeyWords.split(pattern);
        List<TopicNode<D>> path = new ArrayList<>(words.size() + 1);
        TopicNode<D> node = root;
        path.add(node);
        for (String word : words) {
            node = node.child(word, false);
            path.add(node);
        }
        node.destinations = Destinations.without(node.destinations, destination);
        // Prune the now empty tail so the trie does not grow with bindings long gone.
        for (int i = words.size(); i > 0 && path.get(i).isEmpty(); i--) {
            path.get(i - 1).removeChild(words.get(i - 1));
        }
        return true;
    }

    /** Reports every destination whose pattern matches {@code routingKey}, each once. */
    public void route(String routingKey, Consumer<? super D> sink) {
        new Walk<>(root, sink).route(routingKey);
    }

    /** Like {@link #route(String, Consumer)} for several keys (sender-selected CC/BCC): each destination once. */
    public void route(Collection<String> routingKeys, Consumer<? super D> sink) {
        Walk<D> walk = new Walk<>(root, sink);
        for (String key : routingKeys) {
            walk.route(key);
        }
    }

    /** The destinations matching {@code routingKey}, in no particular order. */
    public Set<D> route(String routingKey) {
        Set<D> matched = new LinkedHashSet<>();
        route(routingKey, matched::add);
        return matched;
    }

    /** Number of distinct (pattern, destination) pairs bound. */
    public synchronized int size() {
        return counts.size();
    }

    /** One routing pass; remembers what it reported and which '#' positions it already tried. */
    private static final class Walk<D> {
        private final TopicNode<D> root;
        private final Consumer<? super D> sink;
        private final Set<D> reported = new LinkedHashSet<>();
        private List<String> words;
        private Map<TopicNode<D>, BitSet> hashVisits;

        Walk(TopicNode<D> root, Consumer<? super D> sink) {
            this.root = root;
            this.sink = sink;
        }

        void route(String routingKey) {
            words = RoutingKeyWords.split(routingKey);
            hashVisits = null;
            match(root, 0);
        }

        private void match(TopicNode<D> node, int index) {
            if (index == words.size()) {
                for (D destination : node.destinations) {
                    if (reported.add(destination)) {
                        sink.accept(destination);
                    }
                }
            } else {
                TopicNode<D> literal = node.word(words.get(index));
                if (literal != null) {
                    match(literal, index + 1);
                }
                TopicNode<D> star = node.star;
                if (star != null) {
                    match(star, index + 1);
                }
            }
            TopicNode<D> hash = node.hash;
            if (hash != null) {
                // '#' swallows zero or more words: continue after it from here and every later word.
                for (int next = index; next <= words.size(); next++) {
                    if (firstHashVisit(hash, next)) {
                        match(hash, next);
                    }
                }
            }
        }

        /** Patterns such as "#.#" reach the same node at the same word many ways; walk it once. */
        private boolean firstHashVisit(TopicNode<D> hash, int index) {
            if (hashVisits == null) {
                hashVisits = new IdentityHashMap<>();
            }
            BitSet visited = hashVisits.computeIfAbsent(hash, n -> new BitSet());
            if (visited.get(index)) {
                return false;
            }
            visited.set(index);
            return true;
        }
    }
}
