package dev.revenant.cli;

import dev.revenant.broker.Broker;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * {@code revenant server}: runs the broker in the foreground, prints the ready line once it
 * accepts connections, and shuts down cleanly on SIGTERM or SIGINT.
 */
final class ServerCommand {
    private ServerCommand() {
    }

    static int run(ServerOptions options, PrintStream out) {
        Broker broker = Broker.start(options.config());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "revenant-shutdown"));
        out.println("Revenant ready amqp=" + broker.amqpPort() + " http=0");
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
