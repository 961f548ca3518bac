package dev.revenant.conformance;

import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Polling helpers for messages that were published on another channel or connection, whose
 * arrival order relative to this channel's next command the protocol does not guarantee.
 */
final class Messages {
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(20);

    private Messages() {
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String text(GetResponse response) {
        return new String(response.getBody(), StandardCharsets.UTF_8);
    }

    /** basic.get until a message comes (fails the test after the timeout). */
    static GetResponse awaitGet(Channel channel, String queue, boolean autoAck) {
        AtomicReference<GetResponse> got = new AtomicReference<>();
        await().atMost(TIMEOUT).pollInterval(POLL).until(() -> {
            got.set(channel.basicGet(queue, autoAck));
            return got.get() != null;
        });
        return got.get();
    }

    /** Waits until the queue reports exactly {@code count} ready messages. */
    static void awaitMessageCount(Channel channel, String queue, long count) {
        await().atMost(TIMEOUT).pollInterval(POLL).until(() -> channel.messageCount(queue) == count);
    }

    /** Takes every ready message (auto-ack), returning the bodies in queue order. */
    static List<String> drain(Channel channel, String queue) {
        List<String> bodies = new ArrayList<>();
        try {
            for (GetResponse response = channel.basicGet(queue, true); response != null;
                    response = channel.basicGet(queue, true)) {
                bodies.add(text(response));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bodies;
    }

    /** Publishes each text as a message to the default exchange, routed to {@code queue}. */
    static void publishAll(Channel channel, String queue, String... texts) throws IOException {
        for (String text : texts) {
            channel.basicPublish("", queue, null, utf8(text));
        }
    }
}
