package dev.revenant.broker.durable;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.MessageProperties;
import dev.revenant.broker.Broker;
import dev.revenant.broker.BrokerConfig;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A damaged tail of the store never stops the broker: it starts and serves everything before the damage. */
class CorruptedStoreIT {
    private static final int MESSAGES = 50;

    @TempDir
    Path dataDir;

    @Test
    void garbageOverTheLastMessageRecordLosesOnlyThatMessage() throws Exception {
        publish();
        Path segment = newest(dataDir.resolve("messages"), "msgs.");
        overwriteTail(segment, 12);
        assertThat(readAll()).hasSize(MESSAGES - 1).startsWith("m0", "m1").endsWith("m48");
    }

    @Test
    void aTruncatedQueueLogLosesOnlyTheLastEnqueue() throws Exception {
        publish();
        Path log = newest(dataDir.resolve("messages"), "qlog.");
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "rw")) {
            file.setLength(file.length() - 5); // a torn last record
        }
        assertThat(readAll()).hasSize(MESSAGES - 1).startsWith("m0").endsWith("m48");
    }

    private Broker start() {
        return Broker.start(BrokerConfig.builder().host("127.0.0.1").amqpPort(0).dataDir(dataDir).build());
    }

    private void publish() throws Exception {
        try (Broker broker = start(); Connection c = factory(broker).newConnection(); Channel ch = c.createChannel()) {
            ch.queueDeclare("q", true, false, false, null);
            ch.confirmSelect();
            for (int i = 0; i < MESSAGES; i++) {
                ch.basicPublish("", "q", MessageProperties.PERSISTENT_BASIC, ("m" + i).getBytes(StandardCharsets.UTF_8));
            }
            ch.waitForConfirmsOrDie(10_000);
        }
    }

    private List<String> readAll() throws Exception {
        List<String> bodies = new ArrayList<>();
        try (Broker broker = start(); Connection c = factory(broker).newConnection(); Channel ch = c.createChannel()) {
            GetResponse r;
            while ((r = ch.basicGet("q", true)) != null) {
                bodies.add(new String(r.getBody(), StandardCharsets.UTF_8));
            }
        }
        return bodies;
    }

    private static void overwriteTail(Path file, int bytes) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(f.length() - bytes);
            f.write(new byte[bytes]); // zeros over the end of the last record: its checksum no longer matches
        }
    }

    private static Path newest(Path dir, String prefix) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith(prefix))
                    .max(Comparator.comparing((Path p) -> p.getFileName().toString()))
                    .orElseThrow(() -> new AssertionError("no " + prefix + "* file under " + dir));
        }
    }

    private static ConnectionFactory factory(Broker broker) {
        ConnectionFactory f = new ConnectionFactory();
        f.setPort(broker.amqpPort());
        return f;
    }
}
