package dev.revenant.benchmarks;

import java.time.Duration;
import java.util.List;

/** One broker under test as the scenarios see it: where to send PerfTest, how to set up topology, whose memory to watch. */
public record Target(Broker broker, int port, long pid, PerfTestLauncher launcher, Topology topology) {
    public String uri() {
        return "amqp://guest:guest@127.0.0.1:" + port;
    }

    public PerfTestLauncher.Running startPerfTest(String runName, List<String> arguments, Duration deadline) {
        return launcher.start(runName + "-" + broker.name().toLowerCase(), uri(), arguments, deadline);
    }

    public PerfTestOutput perfTest(String runName, List<String> arguments, Duration deadline) {
        return startPerfTest(runName, arguments, deadline).await();
    }
}
