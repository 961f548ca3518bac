package dev.revenant.broker;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Immutable settings of one broker instance. Built with {@link #builder()}; {@link Builder#build()}
 * validates every value and fails fast with a message naming the setting to change.
 */
public final class BrokerConfig {
    private final String host;
    private final int amqpPort;
    private final int httpPort;
    private final Path dataDir;
    private final int heartbeatSeconds;
    private final int frameMax;
    private final int channelMax;
    private final boolean loopbackOnlyGuest;
    private final long maxMessageSize;
    private final double memoryHighWatermark;
    private final long diskFreeLimitBytes;
    private final Map<String, UserCredentials> users;

    private BrokerConfig(Builder b) {
        this.host = b.host;
        this.amqpPort = b.amqpPort;
        this.httpPort = b.httpPort;
        this.dataDir = b.dataDir;
        this.heartbeatSeconds = b.heartbeatSeconds;
        this.frameMax = b.frameMax;
        this.channelMax = b.channelMax;
        this.loopbackOnlyGuest = b.loopbackOnlyGuest;
        this.maxMessageSize = b.maxMessageSize;
        this.memoryHighWatermark = b.memoryHighWatermark;
        this.diskFreeLimitBytes = b.diskFreeLimitBytes;
        this.users = Map.copyOf(b.users);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Address the AMQP listener binds to; {@code 0.0.0.0} by default. */
    public String host() { return host; }
    /** AMQP port; 0 picks a free port, read back with {@link Broker#amqpPort()}. */
    public int amqpPort() { return amqpPort; }
    /** Management HTTP port; -1 means no HTTP listener, 0 picks a free port. */
    public int httpPort() { return httpPort; }
    /** Directory for definitions and message segments. */
    public Path dataDir() { return dataDir; }
    /** Heartbeat interval the server proposes in connection.tune; 0 disables. */
    public int heartbeatSeconds() { return heartbeatSeconds; }
    /** Largest frame the server accepts, proposed in connection.tune. */
    public int frameMax() { return frameMax; }
    /** Highest channel number a connection may open. */
    public int channelMax() { return channelMax; }
    /** Whether the guest user may only log in from loopback addresses (RabbitMQ's default). */
    public boolean loopbackOnlyGuest() { return loopbackOnlyGuest; }
    /** Largest message body accepted, in bytes (RabbitMQ's max_message_size, 128 MiB by default). */
    public long maxMessageSize() { return maxMessageSize; }
    /** Fraction of the maximum heap above which publishers are blocked (0.8 by default). */
    public double memoryHighWatermark() { return memoryHighWatermark; }
    /** Free disk under the data directory below which publishers are blocked (50 MiB, RabbitMQ's default). */
    public long diskFreeLimitBytes() { return diskFreeLimitBytes; }
    /** Users by name; guest/guest is present unless the configuration removed it. */
    public Map<String, UserCredentials> users() { return users; }

    /** A user's name, password hash (RabbitMQ's salted SHA-256 format, base64) and tags. */
    public record UserCredentials(String name, String passwordHash, java.util.Set<String> tags) {
        public UserCredentials {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(passwordHash, "passwordHash");
            tags = java.util.Set.copyOf(tags);
        }
    }

    /** Mutable builder; every setter returns this builder. */
    public static final class Builder {
        private String host = "0.0.0.0";
        private int amqpPort = 5672;
        private int httpPort = -1;
        private Path dataDir = Path.of("data");
        private int heartbeatSeconds = 60;
        private int frameMax = 131072;
        private int channelMax = 2047;
        private boolean loopbackOnlyGuest = true;
        private long maxMessageSize = 134_217_728L;
        private double memoryHighWatermark = 0.8;
        private long diskFreeLimitBytes = 50L * 1024 * 1024;
        private final Map<String, UserCredentials> users = new LinkedHashMap<>();

        private Builder() {
            users.put("guest", new UserCredentials("guest", PasswordHashes.hash("guest"), java.util.Set.of("administrator")));
        }

        public Builder host(String host) { this.host = host; return this; }
        public Builder amqpPort(int port) { this.amqpPort = port; return this; }
        public Builder httpPort(int port) { this.httpPort = port; return this; }
        public Builder dataDir(Path dir) { this.dataDir = dir; return this; }
        public Builder heartbeatSeconds(int seconds) { this.heartbeatSeconds = seconds; return this; }
        public Builder frameMax(int bytes) { this.frameMax = bytes; return this; }
        public Builder channelMax(int channels) { this.channelMax = channels; return this; }
        public Builder loopbackOnlyGuest(boolean only) { this.loopbackOnlyGuest = only; return this; }
        public Builder maxMessageSize(long bytes) { this.maxMessageSize = bytes; return this; }
        public Builder memoryHighWatermark(double fraction) { this.memoryHighWatermark = fraction; return this; }
        public Builder diskFreeLimitBytes(long bytes) { this.diskFreeLimitBytes = bytes; return this; }
        public Builder user(UserCredentials user) { users.put(user.name(), user); return this; }
        public Builder removeUser(String name) { users.remove(name); return this; }

        public BrokerConfig build() {
            requirePort("amqpPort", amqpPort, false);
            requirePort("httpPort", httpPort, true);
            Objects.requireNonNull(host, "host must be set, e.g. 0.0.0.0");
            Objects.requireNonNull(dataDir, "dataDir must be set, e.g. ./data");
            if (heartbeatSeconds < 0 || heartbeatSeconds > 65535) {
                throw new IllegalArgumentException("heartbeatSeconds must be 0..65535, was " + heartbeatSeconds);
            }
            if (frameMax < 4096) {
                throw new IllegalArgumentException("frameMax must be at least 4096 (AMQP's FRAME-MIN-SIZE), was " + frameMax);
            }
            if (channelMax < 1 || channelMax > 65535) {
                throw new IllegalArgumentException("channelMax must be 1..65535, was " + channelMax);
            }
            if (maxMessageSize < 1 || maxMessageSize > 536_870_912L) {
                throw new IllegalArgumentException("maxMessageSize must be 1..536870912 (512 MiB), was " + maxMessageSize);
            }
            if (!(memoryHighWatermark > 0 && memoryHighWatermark <= 1)) {
                throw new IllegalArgumentException("memoryHighWatermark must be in (0, 1], was " + memoryHighWatermark);
            }
            if (diskFreeLimitBytes < 0) {
                throw new IllegalArgumentException("diskFreeLimitBytes must be >= 0, was " + diskFreeLimitBytes);
            }
            return new BrokerConfig(this);
        }

        private static void requirePort(String name, int port, boolean allowDisabled) {
            int min = allowDisabled ? -1 : 0;
            if (port < min || port > 65535) {
                throw new IllegalArgumentException(name + " must be " + min + "..65535, was " + port);
            }
        }
    }
}
