package dev.revenant.client.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

class JdbcProcessedMessagesTest extends ProcessedMessagesContract {
    private final JdbcDataSource dataSource = dataSource();

    private static JdbcDataSource dataSource() {
        JdbcDataSource source = new JdbcDataSource();
        // A named in-memory database per test instance, kept while the JVM lives.
        source.setURL("jdbc:h2:mem:processed-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return source;
    }

    @Override
    ProcessedMessages store() {
        return new JdbcProcessedMessages(dataSource, "processed_messages").createTableIfMissing();
    }

    @Test
    void creatingTheTableTwiceIsHarmlessAndKeepsTheIds() {
        store().add("a");
        assertThat(store().contains("a")).isTrue();
    }

    @Test
    void anIdAddedInARolledBackTransactionIsNotRecorded() throws Exception {
        JdbcProcessedMessages store = (JdbcProcessedMessages) store();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            assertThat(store.add(connection, "rolled-back")).isTrue();
            connection.rollback();
            assertThat(store.add(connection, "committed")).isTrue();
            connection.commit();
        }
        assertThat(store.contains("rolled-back")).isFalse();
        assertThat(store.contains("committed")).isTrue();
    }

    @Test
    void oldIdsCanBeForgotten() {
        Instant then = Instant.parse("2025-01-01T00:00:00Z");
        JdbcProcessedMessages old = new JdbcProcessedMessages(dataSource, "processed_messages",
                Clock.fixed(then, ZoneOffset.UTC)).createTableIfMissing();
        old.add("old");
        store().add("new");
        assertThat(old.deleteProcessedBefore(then.plusSeconds(1))).isEqualTo(1);
        assertThat(old.contains("old")).isFalse();
        assertThat(old.contains("new")).isTrue();
    }

    @Test
    void tableNameMustBeAPlainIdentifier() {
        assertThatThrownBy(() -> new JdbcProcessedMessages(dataSource, "x; DROP TABLE y"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("plain SQL identifier");
    }
}
