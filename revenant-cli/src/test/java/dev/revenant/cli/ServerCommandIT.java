package dev.revenant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code revenant server} as its own OS process: ready line, a client from this process, SIGTERM. */
class ServerCommandIT {
    private static final Pattern READY = Pattern.compile("Revenant ready amqp=(\\d+) http=(\\d+)");

    @Test
    void servesClientsFromAnotherProcessAndStopsOnSigterm(@TempDir Path dataDir) throws Exception {
        Process server = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "dev.revenant.cli.Main", "server", "--amqp-port", "0", "--data-dir", dataDir.toString()))
                .redirectErrorStream(true)
                .start();
        try {
            int port = awaitReadyPort(server);
            ConnectionFactory factory = new ConnectionFactory();
            factory.setPort(port);
            try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
                channel.queueDeclare("cli-it", false, false, false, null);
                channel.confirmSelect();
                channel.basicPublish("", "cli-it", null, "across processes".getBytes(StandardCharsets.UTF_8));
                channel.waitForConfirmsOrDie(5000);
                GetResponse got = channel.basicGet("cli-it", true);
                assertThat(new String(got.getBody(), StandardCharsets.UTF_8)).isEqualTo("across processes");
            }
            server.destroy(); // SIGTERM
            assertThat(server.waitFor(15, TimeUnit.SECONDS)).as("server exits after SIGTERM").isTrue();
        } finally {
            server.destroyForcibly();
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

    private static int awaitReadyPort(Process server) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String line;
        while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
            Matcher m = READY.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "server-output");
                drain.setDaemon(true);
                drain.start();
                return Integer.parseInt(m.group(1));
            }
        }
        throw new AssertionError("server never printed its ready line");
    }
}
