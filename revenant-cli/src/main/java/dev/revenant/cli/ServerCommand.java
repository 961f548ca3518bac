package dev.revenant.cli;

import dev.revenant.broker.Broker;
import dev.revenant.broker.BrokerConfig;
import dev.revenant.management.ManagementServer;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * {@code revenant server}: runs the broker and its management API in the foreground, prints the
 * ready line with both real ports once both accept connections, and shuts down cleanly on
 * SIGTERM or SIGINT.
 */
final class ServerCommand {
    private ServerCommand() {
    }

    static int run(ServerOptions options, PrintStream out) {
        BrokerConfig config = options.config();
        Broker broker = Broker.start(config);
        ManagementServer management;
        try {
            management = config.httpPort() < 0 ? null : ManagementServer.start(broker, config.host(), config.httpPort());
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (management != null) {
                management.close();
            }
            broker.close();
            stopped.countDown();
        }, "revenant-shutdown"));
        out.println("Revenant ready amqp=" + broker.amqpPort() + " http=" + (management == null ? -1 : management.port()));
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
