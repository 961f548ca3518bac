package dev.revenant.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The behaviour every {@link DefinitionStore} must have, run against each implementation. */
public abstract class DefinitionStoreContract {
    @TempDir
    protected Path directory;
    protected DefinitionStore store;

    protected abstract DefinitionStore open(Path directory);

    @BeforeEach
    void openStore() {
        store = open(directory);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    protected static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void putThenGetAndList() {
        store.put("queue", "/|orders", bytes("{durable}"));
        store.put("queue", "/|audit", bytes("{}"));
        store.put("exchange", "/|amq.direct", bytes("direct"));
        assertThat(store.get("queue", "/|orders")).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("{durable}")));
        assertThat(store.get("queue", "missing")).isEmpty();
        assertThat(store.get("nokind", "x")).isEmpty();
        assertThat(store.list("queue")).containsOnlyKeys("/|orders", "/|audit");
        assertThat(store.list("queue").keySet()).containsExactly("/|orders", "/|audit");
        assertThat(store.list("user")).isEmpty();
    }

    @Test
    void putReplacesAndRemoveForgets() {
        store.put("user", "guest", bytes("v1"));
        store.put("user", "guest", bytes("v2"));
        assertThat(store.get("user", "guest")).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("v2")));
        assertThat(store.remove("user", "guest")).isTrue();
        assertThat(store.remove("user", "guest")).isFalse();
        assertThat(store.get("user", "guest")).isEmpty();
    }

    @Test
    void valuesAreCopiedInAndOut() {
        byte[] value = bytes("abc");
        store.put("vhost", "/", value);
        value[0] = 'X';
        byte[] read = store.get("vhost", "/").orElseThrow();
        assertThat(read).isEqualTo(bytes("abc"));
        read[0] = 'Y';
        assertThat(store.list("vhost").get("/")).isEqualTo(bytes("abc"));
    }

    @Test
    void emptyValuesAndOddNamesAreKept() {
        store.put("binding", "", new byte[0]);
        store.put("binding", "ü\u0000/#*", bytes("x"));
        assertThat(store.get("binding", "")).hasValueSatisfying(v -> assertThat(v).isEmpty());
        assertThat(store.list("binding")).containsOnlyKeys("", "ü\u0000/#*");
    }

    @Test
    void concurrentWritersAllLand() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> tasks = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                tasks.add(pool.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        store.put("queue", "t" + thread + "-" + i, bytes("v" + i));
                    }
                }));
            }
            for (Future<?> task : tasks) {
                task.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.list("queue")).hasSize(100);
    }
}
