package dev.revenant.broker.queue.arguments;

import java.util.LinkedHashMap;
import java.util.Map;

/** Builds argument tables in insertion order, allowing void (null) values. */
final class Tables {
    private Tables() {
    }

    static Map<String, Object> table(Object... keysAndValues) {
        Map<String, Object> table = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            table.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return table;
    }
}
