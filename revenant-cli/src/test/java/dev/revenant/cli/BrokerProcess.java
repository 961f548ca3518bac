package dev.revenant.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code revenant server} run as a child OS process on a given data directory, for tests. */
final class BrokerProcess implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("Revenant ready amqp=(\\d+) http=(\\d+)");

    private final Process process;
    private final int amqpPort;
    private final int httpPort;

    private BrokerProcess(Process process, int amqpPort, int httpPort) {
        this.process = process;
        this.amqpPort = amqpPort;
        this.httpPort = httpPort;
    }

    static BrokerProcess start(Path dataDir, String... extraArgs) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "dev.revenant.cli.Main", "server", "--amqp-port", "0", "--http-port", "0", "--data-dir", dataDir.toString()));
        command.addAll(List.of(extraArgs));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String line;
        while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
            Matcher m = READY.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> {
                    try {
                        out.lines().forEach(l -> { });
                    } catch (java.io.UncheckedIOException closedWhenTheBrokerWasKilled) {
                        // nothing more to read
                    }
                }, "broker-output");
                drain.setDaemon(true);
                drain.start();
                return new BrokerProcess(process, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
            }
        }
        process.destroyForcibly();
        throw new AssertionError("broker process never printed its ready line");
    }

    int amqpPort() {
        return amqpPort;
    }

    int httpPort() {
        return httpPort;
    }

    /** SIGKILL: no shutdown hook, no flush. */
    void kill() throws InterruptedException {
        process.toHandle().destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, then waits for the exit. */
    boolean stop() throws InterruptedException {
        process.destroy();
        return process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
