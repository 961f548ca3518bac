package dev.revenant.client.idempotency;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Processed message ids in a database table (id primary key, processing time), so duplicates are
 * recognised across restarts and across instances. The primary key makes {@link #add} atomic. For
 * exactly-once side effects in the same database, call {@link #add(Connection, String)} inside the
 * transaction that writes them: the id then commits or rolls back together with the work.
 */
public final class JdbcProcessedMessages implements ProcessedMessages {
    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    private final DataSource dataSource;
    private final String table;
    private final Clock clock;

    /** Uses table {@code table} (a plain SQL identifier) in {@code dataSource}. */
    public JdbcProcessedMessages(DataSource dataSource, String table) {
        this(dataSource, table, Clock.systemUTC());
    }

    JdbcProcessedMessages(DataSource dataSource, String table, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        if (table == null || !TABLE_NAME.matcher(table).matches()) {
            throw new IllegalArgumentException("table name '" + table + "' is not a plain SQL identifier "
                    + "(letters, digits and _, not starting with a digit, at most 63 characters)");
        }
        this.table = table;
        this.clock = clock;
    }

    /** Creates the table if it does not exist yet; returns this. */
    public JdbcProcessedMessages createTableIfMissing() {
        try (Connection connection = dataSource.getConnection()) {
            if (!tableExists(connection.getMetaData())) {
                try (Statement statement = connection.createStatement()) {
                    statement.executeUpdate("CREATE TABLE " + table + " (message_id VARCHAR(255) NOT NULL PRIMARY KEY, "
                            + "processed_at TIMESTAMP NOT NULL)");
                }
            }
            return this;
        } catch (SQLException e) {
            throw new IllegalStateException("could not create table " + table + ": " + e.getMessage(), e);
        }
    }

    private boolean tableExists(DatabaseMetaData metaData) throws SQLException {
        for (String candidate : new String[] {table, table.toUpperCase(Locale.ROOT), table.toLowerCase(Locale.ROOT)}) {
            try (ResultSet tables = metaData.getTables(null, null, candidate, new String[] {"TABLE"})) {
                if (tables.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public boolean contains(String messageId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT 1 FROM " + table + " WHERE message_id = ?")) {
            query.setString(1, messageId);
            try (ResultSet result = query.executeQuery()) {
                return result.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not look up message id in " + table + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean add(String messageId) {
        try (Connection connection = dataSource.getConnection()) {
            return add(connection, messageId);
        } catch (SQLException e) {
            throw new IllegalStateException("could not record message id in " + table + ": " + e.getMessage(), e);
        }
    }

    /**
     * Records {@code messageId} using the caller's connection (and so the caller's transaction).
     *
     * @return true if it was new, false if it was already recorded
     */
    public boolean add(Connection connection, String messageId) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO " + table + " (message_id, processed_at) VALUES (?, ?)")) {
            insert.setString(1, messageId);
            insert.setTimestamp(2, Timestamp.from(clock.instant()));
            insert.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    /** Forgets ids processed before {@code cutoff} (keep longer than any redelivery or replay); returns how many. */
    public int deleteProcessedBefore(Instant cutoff) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table + " WHERE processed_at < ?")) {
            delete.setTimestamp(1, Timestamp.from(cutoff));
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not delete old ids from " + table + ": " + e.getMessage(), e);
        }
    }

    /** SQLState class 23 is "integrity constraint violation" in every SQL dialect. */
    private static boolean isDuplicateKey(SQLException e) {
        return e instanceof java.sql.SQLIntegrityConstraintViolationException
                || (e.getSQLState() != null && e.getSQLState().startsWith("23"));
    }
}
