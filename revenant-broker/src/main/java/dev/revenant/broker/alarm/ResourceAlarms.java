package dev.revenant.broker.alarm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RabbitMQ's memory and disk alarms: once a second the heap in use is compared with a fraction
 * of the maximum heap, and the free space under the data directory with a floor. While either is
 * crossed, listeners are told to block publishers ({@code connection.blocked}); when both clear,
 * to unblock them. Thread-safe; listeners are called on the timer thread.
 */
public final class ResourceAlarms implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ResourceAlarms.class);

    /** Told when the alarm state changes; {@code reason} is null when publishers may go on. */
    public interface Listener {
        void alarmChanged(String reason);
    }

    private final Path dataDir;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private volatile double memoryHighWatermark;
    private volatile long diskFreeLimitBytes;
    private volatile String activeReason;
    private ScheduledFuture<?> check;

    public ResourceAlarms(Path dataDir, double memoryHighWatermark, long diskFreeLimitBytes) {
        this.dataDir = dataDir;
        this.memoryHighWatermark = memoryHighWatermark;
        this.diskFreeLimitBytes = diskFreeLimitBytes;
    }

    /** Starts checking once a second on the given timer. */
    public void start(ScheduledExecutorService timer) {
        check = timer.scheduleWithFixedDelay(this::check, 0, 1, TimeUnit.SECONDS);
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    /** The active alarm's description, or null when none is raised. */
    public String activeReason() {
        return activeReason;
    }

    /** Changes the heap fraction (0 < f <= 1) above which publishers are blocked; takes effect at the next check. */
    public void memoryHighWatermark(double fraction) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("memory high watermark must be in (0, 1], was " + fraction);
        }
        memoryHighWatermark = fraction;
    }

    /** Changes the free-disk floor below which publishers are blocked; takes effect at the next check. */
    public void diskFreeLimit(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("disk free limit must be >= 0, was " + bytes);
        }
        diskFreeLimitBytes = bytes;
    }

    /** Runs one check now (also what the timer runs). */
    public synchronized void check() {
        String reason = reason();
        String previous = activeReason;
        if (reason == null ? previous == null : reason.equals(previous)) {
            return;
        }
        activeReason = reason;
        if (reason != null) {
            LOG.warn("resource alarm set: {}; publishers are blocked", reason);
        } else {
            LOG.info("resource alarm cleared; publishers may go on");
        }
        for (Listener listener : listeners) {
            listener.alarmChanged(reason);
        }
    }

    private String reason() {
        Runtime runtime = Runtime.getRuntime();
        long used = runtime.totalMemory() - runtime.freeMemory();
        long limit = (long) (runtime.maxMemory() * memoryHighWatermark);
        if (used > limit) {
            return "low on memory: heap in use " + (used >> 20) + " MiB above the high watermark " + (limit >> 20) + " MiB";
        }
        try {
            long free = Files.getFileStore(dataDir).getUsableSpace();
            if (free < diskFreeLimitBytes) {
                return "low on disk: " + (free >> 20) + " MiB free under the data directory, limit " + (diskFreeLimitBytes >> 20) + " MiB";
            }
        } catch (IOException e) {
            LOG.debug("cannot read free disk space of {}: {}", dataDir, e.toString());
        }
        return null;
    }

    @Override
    public void close() {
        if (check != null) {
            check.cancel(false);
        }
    }
}
