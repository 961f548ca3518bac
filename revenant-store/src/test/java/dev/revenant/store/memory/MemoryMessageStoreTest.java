package dev.revenant.store.memory;

import dev.revenant.store.MessageStore;
import dev.revenant.store.MessageStoreContract;
import dev.revenant.store.QueueStore;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class MemoryMessageStoreTest extends MessageStoreContract {

    @Override
    protected MessageStore open(Path directory) {
        return MessageStore.inMemory();
    }

    @Test
    void dropsAMessageWhenItsLastReferenceGoes() {
        MemoryMessageStore memory = (MemoryMessageStore) store;
        long location = store.append(true, 2, text("x"));
        QueueStore a = store.queue("a", false);
        QueueStore b = store.queue("b", false);
        long seqA = a.enqueue(location);
        long seqB = b.enqueue(location);
        a.ack(seqA);
        assertThat(memory.messageCount()).isEqualTo(1);
        b.ack(seqB);
        assertThat(memory.messageCount()).isZero();
    }
}
