package dev.revenant.broker.routing;

import java.util.ArrayList;
import java.util.List;

/** Splits routing keys and binding patterns into words the way RabbitMQ's topic exchange does. */
final class RoutingKeyWords {
    private RoutingKeyWords() {
    }

    /**
     * Words separated by '.', empty words kept ("a..b" is three words); the empty key has no words
     * at all, so "*" does not match it while "#" does.
     */
    static List<String> split(String key) {
        List<String> words = new ArrayList<>();
        if (key.isEmpty()) {
            return words;
        }
        int start = 0;
        for (int dot = key.indexOf('.'); dot >= 0; dot = key.indexOf('.', start)) {
            words.add(key.substring(start, dot));
            start = dot + 1;
        }
        words.add(key.substring(start));
        return words;
    }
}
