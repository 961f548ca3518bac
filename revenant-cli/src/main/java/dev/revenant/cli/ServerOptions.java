package dev.revenant.cli;

import dev.revenant.broker.BrokerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Options of {@code revenant server}: command-line flags override the configuration file, which
 * overrides defaults. {@code --http-port -1} runs without the management API. The file uses RabbitMQ's sysctl style, one {@code key = value} a line:
 * {@code amqp.port}, {@code http.port}, {@code data_dir}, {@code heartbeat}, {@code frame_max},
 * {@code channel_max}, {@code max_message_size}, {@code loopback_users.guest},
 * {@code vm_memory_high_watermark.relative}, {@code disk_free_limit.absolute},
 * {@code users.NAME.password_hash}, {@code users.NAME.tags}.
 */
record ServerOptions(BrokerConfig config) {
    /** The management API's port unless {@code --http-port} or {@code http.port} says otherwise (RabbitMQ's). */
    static final int DEFAULT_HTTP_PORT = 15672;

    static ServerOptions parse(String[] args) {
        Map<String, String> flags = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (!Set.of("--amqp-port", "--http-port", "--data-dir", "--config").contains(flag)) {
                throw new UsageException("unknown option '" + flag + "'; " + Main.usage());
            }
            if (i + 1 >= args.length) {
                throw new UsageException("option " + flag + " needs a value");
            }
            flags.put(flag, args[++i]);
        }
        Map<String, String> file = flags.containsKey("--config") ? readConfig(Path.of(flags.get("--config"))) : Map.of();
        BrokerConfig.Builder builder = BrokerConfig.builder().httpPort(DEFAULT_HTTP_PORT);
        applyFile(builder, file);
        if (flags.containsKey("--amqp-port")) {
            builder.amqpPort(integer("--amqp-port", flags.get("--amqp-port")));
        }
        if (flags.containsKey("--http-port")) {
            builder.httpPort(integer("--http-port", flags.get("--http-port")));
        }
        if (flags.containsKey("--data-dir")) {
            builder.dataDir(Path.of(flags.get("--data-dir")));
        }
        try {
            return new ServerOptions(builder.build());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static void applyFile(BrokerConfig.Builder builder, Map<String, String> file) {
        Map<String, String> hashes = new LinkedHashMap<>();
        Map<String, String> tags = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : file.entrySet()) {
            String key = e.getKey();
            String value = e.getValue();
            switch (key) {
                case "amqp.port" -> builder.amqpPort(integer(key, value));
                case "http.port" -> builder.httpPort(integer(key, value));
                case "data_dir" -> builder.dataDir(Path.of(value));
                case "heartbeat" -> builder.heartbeatSeconds(integer(key, value));
                case "frame_max" -> builder.frameMax(integer(key, value));
                case "channel_max" -> builder.channelMax(integer(key, value));
                case "max_message_size" -> builder.maxMessageSize(integer(key, value));
                case "loopback_users.guest" -> builder.loopbackOnlyGuest(bool(key, value));
                case "vm_memory_high_watermark.relative" -> builder.memoryHighWatermark(fraction(key, value));
                case "disk_free_limit.absolute" -> builder.diskFreeLimitBytes(longValue(key, value));
                default -> {
                    if (key.startsWith("users.") && key.endsWith(".password_hash")) {
                        hashes.put(key.substring(6, key.length() - 14), value);
                    } else if (key.startsWith("users.") && key.endsWith(".tags")) {
                        tags.put(key.substring(6, key.length() - 5), value);
                    } else {
                        throw new UsageException("unknown configuration key '" + key + "'");
                    }
                }
            }
        }
        for (String user : tags.keySet()) {
            if (!hashes.containsKey(user)) {
                throw new UsageException("users." + user + ".tags is set but users." + user + ".password_hash is missing");
            }
        }
        hashes.forEach((user, hash) -> builder.user(new BrokerConfig.UserCredentials(user, hash,
                Set.of(tags.getOrDefault(user, "").split("\\s*,\\s*")).stream().filter(t -> !t.isEmpty())
                        .collect(java.util.stream.Collectors.toSet()))));
    }

    static Map<String, String> readConfig(Path path) {
        Map<String, String> entries = new LinkedHashMap<>();
        try {
            int lineNumber = 0;
            for (String line : Files.readAllLines(path)) {
                lineNumber++;
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                int eq = trimmed.indexOf('=');
                if (eq <= 0) {
                    throw new UsageException(path + ":" + lineNumber + ": expected 'key = value'");
                }
                entries.put(trimmed.substring(0, eq).strip(), trimmed.substring(eq + 1).strip());
            }
        } catch (IOException e) {
            throw new UsageException("cannot read configuration file " + path + ": " + e.getMessage());
        }
        return entries;
    }

    private static int integer(String name, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new UsageException(name + " must be an integer, was '" + value + "'");
        }
    }

    private static double fraction(String name, String value) {
        try {
            return Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            throw new UsageException(name + " must be a number such as 0.8, was '" + value + "'");
        }
    }

    private static long longValue(String name, String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new UsageException(name + " must be a number of bytes, was '" + value + "'");
        }
    }

    private static boolean bool(String name, String value) {
        if (value.equals("true") || value.equals("false")) {
            return Boolean.parseBoolean(value);
        }
        throw new UsageException(name + " must be true or false, was '" + value + "'");
    }
}
