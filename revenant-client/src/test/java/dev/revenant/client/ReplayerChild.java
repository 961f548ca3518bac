package dev.revenant.client;

import com.rabbitmq.client.ConnectionFactory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;

/**
 * A replayer alone in its own JVM, so a test can kill it with {@code destroyForcibly} (SIGKILL)
 * mid-replay. Prints {@code replayed=N} after every message so the parent knows when to strike.
 * Arguments: host port deadLetterQueue workQueue parkingLotQueue ratePerSecond.
 */
public final class ReplayerChild {
    private ReplayerChild() {
    }

    public static void main(String[] args) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(args[0]);
        factory.setPort(Integer.parseInt(args[1]));
        factory.setUsername("guest");
        factory.setPassword("guest");
        DeadLetterReplayer replayer = DeadLetterReplayer.builder("child").connectionFactory(factory)
                .deadLetterQueue(args[2]).workQueue(args[3]).parkingLotQueue(args[4])
                .healthProbe(() -> true).probeInterval(Duration.ofMillis(50))
                .ratePerSecond(Integer.parseInt(args[5])).meterRegistry(new SimpleMeterRegistry())
                .listener(progress -> {
                    System.out.println("replayed=" + progress.replayed());
                    System.out.flush();
                })
                .build().start();
        System.out.println("started");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
        replayer.close();
    }
}
