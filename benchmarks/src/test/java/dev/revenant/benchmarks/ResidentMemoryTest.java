package dev.revenant.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ResidentMemoryTest {

    @Test
    void readsVmRssInKibibytes() {
        String status = "Name:\tbeam.smp\nVmPeak:\t 2242092 kB\nVmHWM:\t  130000 kB\nVmRSS:\t  128904 kB\nThreads:\t40\n";

        assertThat(ResidentMemory.residentKibibytes(status)).hasValue(128904);
        assertThat(ResidentMemory.residentKibibytes("Name:\tkthreadd\n")).isEmpty();
    }

    @Test
    void samplesALiveProcess() throws Exception {
        long pid = ProcessHandle.current().pid();
        assumeTrue(Files.isReadable(Path.of("/proc", Long.toString(pid), "status")), "needs Linux /proc");

        ResidentMemory memory = new ResidentMemory(pid);
        memory.close();

        assertThat(memory.firstMebibytes()).isPresent();
        assertThat(memory.peakMebibytes().getAsLong()).isPositive().isGreaterThanOrEqualTo(memory.firstMebibytes().getAsLong());
    }

    @Test
    void aProcessThatCannotBeReadHasNoPeak() throws Exception {
        ResidentMemory memory = new ResidentMemory(Long.MAX_VALUE);
        memory.close();

        assertThat(memory.peakMebibytes()).isEmpty();
        assertThat(memory.firstMebibytes()).isEmpty();
    }
}
