package dev.revenant.client;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A work queue together with everything its failures need: a dead-letter exchange and queue, a
 * parking-lot queue for messages replayed too often, and optional retry delays. Immutable; the
 * {@code with...} methods return changed copies and {@link #problems()} lists what is wrong
 * without throwing. Declaring is idempotent and fails with {@link TopologyMismatchException}
 * when something already exists with other arguments.
 */
public final class QueueTopology {
    private static final int MAX_NAME_BYTES = 255;
    private static final int MAX_RETRY_DELAYS = 64;
    private static final Set<String> MANAGED_ARGUMENTS =
            Set.of("x-dead-letter-exchange", "x-dead-letter-routing-key", "x-retry-delays");

    private final String queue;
    private final String deadLetterExchange;
    private final String deadLetterQueue;
    private final String parkingLotQueue;
    private final List<Duration> retryDelays;
    private final RetryMode retryMode;
    private final Map<String, Object> queueArguments;

    private QueueTopology(String queue, String deadLetterExchange, String deadLetterQueue, String parkingLotQueue,
                          List<Duration> retryDelays, RetryMode retryMode, Map<String, Object> queueArguments) {
        this.queue = queue;
        this.deadLetterExchange = deadLetterExchange;
        this.deadLetterQueue = deadLetterQueue;
        this.parkingLotQueue = parkingLotQueue;
        this.retryDelays = retryDelays;
        this.retryMode = retryMode;
        this.queueArguments = queueArguments;
    }

    /**
     * The topology of work queue {@code queue} with default names: dead-letter exchange
     * {@code queue.dlx}, dead-letter queue {@code queue.dlq}, parking lot {@code queue.parking-lot},
     * no retries, {@link RetryMode#AUTO}.
     */
    public static QueueTopology forQueue(String queue) {
        String base = queue == null ? "" : queue;
        return new QueueTopology(queue, base + ".dlx", base + ".dlq", base + ".parking-lot",
                List.of(), RetryMode.AUTO, Map.of());
    }

    /** With another dead-letter exchange (a direct exchange; the work queue's name is the key). */
    public QueueTopology withDeadLetterExchange(String exchange) {
        return new QueueTopology(queue, exchange, deadLetterQueue, parkingLotQueue, retryDelays, retryMode, queueArguments);
    }

    /** With another dead-letter queue name. */
    public QueueTopology withDeadLetterQueue(String name) {
        return new QueueTopology(queue, deadLetterExchange, name, parkingLotQueue, retryDelays, retryMode, queueArguments);
    }

    /** With another parking-lot queue name. */
    public QueueTopology withParkingLotQueue(String name) {
        return new QueueTopology(queue, deadLetterExchange, deadLetterQueue, name, retryDelays, retryMode, queueArguments);
    }

    /** With these retry delays: retry {@code n} waits {@code delays[n-1]}; none means no retry. */
    public QueueTopology withRetryDelays(Duration... delays) {
        return withRetryDelays(delays == null ? null : Arrays.asList(delays));
    }

    /** With these retry delays (see {@link #withRetryDelays(Duration...)}). */
    public QueueTopology withRetryDelays(List<Duration> delays) {
        List<Duration> copy = delays == null ? null : Collections.unmodifiableList(new ArrayList<>(delays));
        return new QueueTopology(queue, deadLetterExchange, deadLetterQueue, parkingLotQueue, copy, retryMode, queueArguments);
    }

    /** With a fixed retry mode instead of {@link RetryMode#AUTO}. */
    public QueueTopology withRetryMode(RetryMode mode) {
        return new QueueTopology(queue, deadLetterExchange, deadLetterQueue, parkingLotQueue, retryDelays, mode, queueArguments);
    }

    /** With an extra argument on the work queue, e.g. {@code x-queue-type} or {@code x-max-length}. */
    public QueueTopology withQueueArgument(String name, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(queueArguments);
        copy.put(name, value);
        return new QueueTopology(queue, deadLetterExchange, deadLetterQueue, parkingLotQueue, retryDelays, retryMode,
                Collections.unmodifiableMap(copy));
    }

    /** The work queue's name. */
    public String queue() {
        return queue;
    }

    /** The dead-letter exchange's name. */
    public String deadLetterExchange() {
        return deadLetterExchange;
    }

    /** The dead-letter queue's name. */
    public String deadLetterQueue() {
        return deadLetterQueue;
    }

    /** The parking-lot queue's name (messages a replayer gave up on). */
    public String parkingLotQueue() {
        return parkingLotQueue;
    }

    /** The retry delays, in order. */
    public List<Duration> retryDelays() {
        return retryDelays == null ? List.of() : retryDelays;
    }

    /** The configured retry mode (possibly {@link RetryMode#AUTO}). */
    public RetryMode retryMode() {
        return retryMode;
    }

    /** The extra work-queue arguments. */
    public Map<String, Object> queueArguments() {
        return queueArguments;
    }

    /** Name of the TTL queue that holds messages waiting {@code delay} (TTL_QUEUES mode). */
    public String retryQueueName(Duration delay) {
        return queue + ".retry." + delay.toMillis() + "ms";
    }

    /** Everything wrong with this topology, each with what to change; empty when valid. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        checkName(problems, "work queue name", queue, "QueueTopology.forQueue(\"orders\")");
        if (deadLetterExchange == null || deadLetterExchange.isBlank()) {
            problems.add("dead-letter exchange is missing: failed messages need one; keep the default or call "
                    + "withDeadLetterExchange(\"" + queue + ".dlx\")");
        } else {
            checkName(problems, "dead-letter exchange", deadLetterExchange, "withDeadLetterExchange(...)");
        }
        checkName(problems, "dead-letter queue", deadLetterQueue, "withDeadLetterQueue(\"" + queue + ".dlq\")");
        checkName(problems, "parking-lot queue", parkingLotQueue, "withParkingLotQueue(\"" + queue + ".parking-lot\")");
        if (queue != null && (queue.equals(deadLetterQueue) || queue.equals(parkingLotQueue))) {
            problems.add("the dead-letter and parking-lot queues must differ from the work queue '" + queue + "'");
        }
        if (retryMode == null) {
            problems.add("retry mode is null: use RetryMode.AUTO unless you need a fixed one");
        }
        checkDelays(problems);
        for (String name : queueArguments.keySet()) {
            if (MANAGED_ARGUMENTS.contains(name)) {
                problems.add("queue argument '" + name + "' is managed by the topology: remove withQueueArgument(\""
                        + name + "\", ...) and use withDeadLetterExchange/withRetryDelays instead");
            }
        }
        return problems;
    }

    /** This topology if valid, else an {@link IllegalArgumentException} listing every problem. */
    public QueueTopology validate() {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid topology for queue '" + queue + "':\n - "
                    + String.join("\n - ", problems));
        }
        return this;
    }

    /**
     * Declares the whole topology on {@code connection} (on a channel of its own) and returns the
     * retry mode in force there. Re-declaring identical topology is a no-op.
     *
     * @throws TopologyMismatchException when a queue or exchange exists with other arguments
     * @throws IllegalArgumentException when the topology is invalid
     */
    public RetryMode declare(Connection connection) throws IOException {
        validate();
        RetryMode mode = retryMode.resolve(connection.getServerProperties());
        TopologyDeclaration.declare(connection, this, mode);
        return mode;
    }

    /**
     * Declares the whole topology on {@code channel} and returns the retry mode in force. With
     * automatic recovery, the client re-declares it after a connection loss as long as this
     * channel is still open; after a {@link TopologyMismatchException} the broker has closed it.
     *
     * @throws TopologyMismatchException when a queue or exchange exists with other arguments
     * @throws IllegalArgumentException when the topology is invalid
     */
    public RetryMode declare(Channel channel) throws IOException {
        validate();
        RetryMode mode = retryMode.resolve(channel.getConnection().getServerProperties());
        TopologyDeclaration.declare(channel, this, mode);
        return mode;
    }

    /** The work queue's arguments under {@code mode} (a resolved mode, never AUTO). */
    Map<String, Object> workQueueArguments(RetryMode mode) {
        Map<String, Object> arguments = new LinkedHashMap<>(queueArguments);
        arguments.put("x-dead-letter-exchange", deadLetterExchange);
        arguments.put("x-dead-letter-routing-key", queue);
        if (mode == RetryMode.BROKER_NATIVE && !retryDelays().isEmpty()) {
            List<Object> millis = new ArrayList<>();
            retryDelays().forEach(delay -> millis.add((int) delay.toMillis()));
            arguments.put("x-retry-delays", millis);
        }
        return arguments;
    }

    /** Arguments of the TTL queue for {@code delay}: expire after it, then back to the work queue. */
    Map<String, Object> retryQueueArguments(Duration delay) {
        Map<String, Object> arguments = new LinkedHashMap<>();
        arguments.put("x-message-ttl", (int) delay.toMillis());
        arguments.put("x-dead-letter-exchange", "");
        arguments.put("x-dead-letter-routing-key", queue);
        return arguments;
    }

    /** The distinct retry delays in whole milliseconds, in first-use order (one TTL queue each). */
    Set<Duration> distinctRetryDelays() {
        Set<Duration> distinct = new LinkedHashSet<>();
        retryDelays().forEach(delay -> distinct.add(Duration.ofMillis(delay.toMillis())));
        return distinct;
    }

    private void checkDelays(List<String> problems) {
        if (retryDelays == null) {
            problems.add("retry delays are null: pass no delays for no retry");
            return;
        }
        if (retryDelays.size() > MAX_RETRY_DELAYS) {
            problems.add("there are " + retryDelays.size() + " retry delays; at most " + MAX_RETRY_DELAYS + " are allowed");
        }
        for (int i = 0; i < retryDelays.size(); i++) {
            Duration delay = retryDelays.get(i);
            String which = "retry delay #" + (i + 1);
            if (delay == null) {
                problems.add(which + " is null: give a positive duration such as Duration.ofSeconds(5)");
            } else if (delay.isNegative() || delay.isZero() || delay.toMillis() == 0) {
                problems.add(which + " is " + delay.toMillis() + " ms: delays must be at least 1 ms, "
                        + "e.g. Duration.ofSeconds(5)");
            } else if (delay.toMillis() > Integer.MAX_VALUE) {
                problems.add(which + " is longer than " + Integer.MAX_VALUE + " ms (about 24 days): shorten it");
            }
        }
    }

    private static void checkName(List<String> problems, String what, String name, String example) {
        if (name == null || name.isBlank()) {
            problems.add(what + " is empty: give a name, e.g. " + example);
        } else if (name.startsWith("amq.")) {
            problems.add(what + " '" + name + "' starts with 'amq.', which brokers reserve: choose another name");
        } else if (Utf8Text.byteLength(name) > MAX_NAME_BYTES) {
            problems.add(what + " is longer than " + MAX_NAME_BYTES + " bytes: shorten it");
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof QueueTopology that && Objects.equals(queue, that.queue)
                && Objects.equals(deadLetterExchange, that.deadLetterExchange)
                && Objects.equals(deadLetterQueue, that.deadLetterQueue)
                && Objects.equals(parkingLotQueue, that.parkingLotQueue)
                && Objects.equals(retryDelays, that.retryDelays) && retryMode == that.retryMode
                && queueArguments.equals(that.queueArguments);
    }

    @Override
    public int hashCode() {
        return Objects.hash(queue, deadLetterExchange, deadLetterQueue, parkingLotQueue, retryDelays, retryMode);
    }

    @Override
    public String toString() {
        return "QueueTopology[queue=" + queue + ", dlx=" + deadLetterExchange + ", dlq=" + deadLetterQueue
                + ", parkingLot=" + parkingLotQueue + ", retryDelays=" + retryDelays + ", retryMode=" + retryMode + "]";
    }
}
