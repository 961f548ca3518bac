package dev.revenant.client.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InMemoryProcessedMessagesTest extends ProcessedMessagesContract {
    @Override
    ProcessedMessages store() {
        return new InMemoryProcessedMessages();
    }

    @Test
    void forgetsTheOldestBeyondCapacity() {
        InMemoryProcessedMessages store = new InMemoryProcessedMessages(2);
        store.add("a");
        store.add("b");
        store.add("c");
        assertThat(store.size()).isEqualTo(2);
        assertThat(store.contains("a")).isFalse();
        assertThat(store.contains("b")).isTrue();
        assertThat(store.contains("c")).isTrue();
    }

    @Test
    void refusesANonPositiveCapacity() {
        assertThatThrownBy(() -> new InMemoryProcessedMessages(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
