package dev.revenant.store.file;

import dev.revenant.store.DefinitionStore;
import dev.revenant.store.DefinitionStoreContract;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.assertj.core.api.Assertions.assertThat;

/** The contract against the file store, plus what only a file can do: survive and heal. */
class FileDefinitionStoreTest extends DefinitionStoreContract {

    @Override
    protected DefinitionStore open(Path directory) {
        return DefinitionStore.open(directory);
    }

    private void reopen() {
        store.close();
        store = open(directory);
    }

    @Test
    void definitionsSurviveARestart() {
        store.put("exchange", "/|orders", bytes("topic"));
        store.put("queue", "/|q1", bytes("args"));
        store.put("queue", "/|q2", bytes("args2"));
        store.remove("queue", "/|q1");
        reopen();
        assertThat(store.list("exchange")).containsOnlyKeys("/|orders");
        assertThat(store.list("queue")).containsOnlyKeys("/|q2");
        assertThat(store.get("queue", "/|q2")).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("args2")));
    }

    @Test
    void aTornLastRecordIsDroppedAndTheRestKept() throws IOException {
        store.put("queue", "a", bytes("1"));
        store.put("queue", "b", bytes("2"));
        store.close();
        Path file = directory.resolve(FileDefinitionStore.FILE);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() - 3);
        }
        store = open(directory);
        assertThat(store.list("queue")).containsOnlyKeys("a");
        store.put("queue", "c", bytes("3"));
        reopen();
        assertThat(store.list("queue")).containsOnlyKeys("a", "c");
    }

    @Test
    void rewritingKeepsTheFileSmallAndTheContentSame() throws IOException {
        for (int i = 0; i < 500; i++) {
            store.put("queue", "q" + (i % 5), bytes("version-" + i));
        }
        assertThat(Files.size(directory.resolve(FileDefinitionStore.FILE))).isLessThan(6_000);
        reopen();
        assertThat(store.list("queue")).hasSize(5);
        assertThat(store.get("queue", "q4")).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("version-499")));
        assertThat(Files.exists(directory.resolve(FileDefinitionStore.FILE + ".tmp"))).isFalse();
    }

    @Test
    void aFileWithABadHeaderIsSetAsideNotOverwritten() throws IOException {
        store.put("queue", "a", bytes("1"));
        store.close();
        Path file = directory.resolve(FileDefinitionStore.FILE);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(bytes("XXXX")), 0);
        }
        store = open(directory);
        assertThat(store.list("queue")).isEmpty();
        assertThat(Files.exists(directory.resolve(FileDefinitionStore.FILE + ".corrupt"))).isTrue();
    }
}
