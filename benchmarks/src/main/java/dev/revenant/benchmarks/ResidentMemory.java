package dev.revenant.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples a process's resident set size from {@code /proc/<pid>/status} every 100 ms and keeps
 * the peak seen while open. VmHWM is not used because it covers the process's whole life, and the
 * brokers stay up across scenarios.
 */
public final class ResidentMemory implements AutoCloseable {
    private final Path status;
    private final AtomicLong peakKibibytes = new AtomicLong(-1);
    private final long firstKibibytes;
    private final Thread sampler;
    private volatile boolean running = true;

    public ResidentMemory(long pid) {
        this.status = Path.of("/proc", Long.toString(pid), "status");
        sample();
        this.firstKibibytes = peakKibibytes.get();
        this.sampler = new Thread(() -> {
            while (running) {
                sample();
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "rss-sampler-" + pid);
        sampler.setDaemon(true);
        sampler.start();
    }

    private void sample() {
        try {
            residentKibibytes(Files.readString(status)).ifPresent(kib -> peakKibibytes.accumulateAndGet(kib, Math::max));
        } catch (IOException e) {
            // the process is gone or not ours to read: the peak stays what it was
        }
    }

    /** The VmRSS line of a /proc status file, in KiB. */
    public static OptionalLong residentKibibytes(String statusText) {
        for (String line : statusText.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                return OptionalLong.of(Long.parseLong(line.substring(6).trim().split("\\s+")[0]));
            }
        }
        return OptionalLong.empty();
    }

    /** RSS in MiB when sampling began, or empty when the process could not be read. */
    public OptionalLong firstMebibytes() {
        return firstKibibytes < 0 ? OptionalLong.empty() : OptionalLong.of(firstKibibytes / 1024);
    }

    /** Peak RSS in MiB, or empty when the process could never be read. */
    public OptionalLong peakMebibytes() {
        long kib = peakKibibytes.get();
        return kib < 0 ? OptionalLong.empty() : OptionalLong.of(kib / 1024);
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
        try {
            sampler.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sample();
    }
}
