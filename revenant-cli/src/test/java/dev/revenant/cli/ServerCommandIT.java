package dev.revenant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code revenant server} as its own OS process: ready line, a client from this process, SIGTERM. */
class ServerCommandIT {
    @Test
    void servesClientsFromAnotherProcessAndStopsOnSigterm(@TempDir Path dataDir) throws Exception {
        try (BrokerProcess server = BrokerProcess.start(dataDir)) {
            ConnectionFactory factory = new ConnectionFactory();
            factory.setPort(server.amqpPort());
            try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
                channel.queueDeclare("cli-it", false, false, false, null);
                channel.confirmSelect();
                channel.basicPublish("", "cli-it", null, "across processes".getBytes(StandardCharsets.UTF_8));
                channel.waitForConfirmsOrDie(5000);
                GetResponse got = channel.basicGet("cli-it", true);
                assertThat(new String(got.getBody(), StandardCharsets.UTF_8)).isEqualTo("across processes");
            }
            assertThat(server.stop()).as("server exits after SIGTERM").isTrue();
        }
    }

    @Test
    void badOptionExitsWithUsageError() throws Exception {
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int code = Main.run(new String[] {"server", "--amqp-port", "seventy"}, System.out,
                new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--amqp-port must be an integer, was 'seventy'");
    }
}
