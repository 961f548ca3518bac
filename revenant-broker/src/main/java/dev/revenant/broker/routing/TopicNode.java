package dev.revenant.broker.routing;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One node of the topic trie: the pattern words leading here, children per literal word and for
 * '*' and '#', and the destinations whose pattern ends here. Written by one thread at a time;
 * every field is safely published, so readers may walk it while it changes.
 */
final class TopicNode<D> {
    private volatile ConcurrentHashMap<String, TopicNode<D>> words;
    volatile TopicNode<D> star;
    volatile TopicNode<D> hash;
    /** Immutable; replaced as a whole on every change. */
    volatile Set<D> destinations = Set.of();

    TopicNode<D> word(String word) {
        Map<String, TopicNode<D>> children = words;
        return children == null ? null : children.get(word);
    }

    /** The child for a pattern word ('*' and '#' are wildcards only as whole words), created if asked. */
    TopicNode<D> child(String patternWord, boolean create) {
        if (patternWord.equals("*")) {
            if (star == null && create) {
                star = new TopicNode<>();
            }
            return star;
        } else if (patternWord.equals("#")) {
            if (hash == null && create) {
                hash = new TopicNode<>();
            }
            return hash;
        }
        TopicNode<D> child = word(patternWord);
        if (child == null && create) {
            if (words == null) {
                words = new ConcurrentHashMap<>();
            }
            child = new TopicNode<>();
            words.put(patternWord, child);
        }
        return child;
    }

    void removeChild(String patternWord) {
        if (patternWord.equals("*")) {
            star = null;
        } else if (patternWord.equals("#")) {
            hash = null;
        } else if (words != null) {
            words.remove(patternWord);
            if (words.isEmpty()) {
                words = null;
            }
        }
    }

    boolean isEmpty() {
        return destinations.isEmpty() && star == null && hash == null && words == null;
    }
}
