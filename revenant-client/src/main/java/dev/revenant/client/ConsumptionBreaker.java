package dev.revenant.client;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ties a resilience4j circuit breaker to consumption: open means no worker consumes, half-open one
 * worker, closed all of them. Breaker transitions happen on handler threads; the reaction runs on
 * one scheduler thread and reads the breaker's current state (not the event), so reactions are
 * idempotent and order-independent. Only this class moves the breaker out of OPEN, after the pause
 * and a passing probe.
 */
final class ConsumptionBreaker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumptionBreaker.class);
    // resilience4j would leave OPEN on its own once this elapsed; we never let it, so it is "forever".
    private static final Duration NEVER = Duration.ofDays(3650);

    private final CircuitBreaker breaker;
    private final CircuitBreakerSettings settings;
    private final ScheduledExecutorService scheduler;
    private IntConsumer activeWorkers = n -> { };
    private int workers;
    private ScheduledFuture<?> pendingProbe;
    private ConsumerState lastReaction = ConsumerState.RUNNING;
    private volatile boolean closed;

    private ConsumptionBreaker(String name, CircuitBreakerSettings settings) {
        this.settings = settings;
        if (settings == null) {
            breaker = null;
            scheduler = null;
            return;
        }
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                .failureRateThreshold(settings.failureRatePercent())
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.slidingWindow())
                .minimumNumberOfCalls(settings.minimumCalls())
                .permittedNumberOfCallsInHalfOpenState(settings.trialMessages())
                .waitDurationInOpenState(NEVER)
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .writableStackTraceEnabled(false)
                .build();
        breaker = CircuitBreaker.of(name, config);
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "revenant-breaker-" + name);
            thread.setDaemon(true);
            return thread;
        });
        breaker.getEventPublisher().onStateTransition(event -> react());
    }

    /** No breaker: every message is permitted and failures follow the retry / dead-letter path. */
    static ConsumptionBreaker none() {
        return new ConsumptionBreaker(null, null);
    }

    static ConsumptionBreaker of(String name, CircuitBreakerSettings settings) {
        return new ConsumptionBreaker(name, settings);
    }

    /** Starts steering {@code workerCount} workers through {@code activeWorkers} (0, 1 or all). */
    void attach(int workerCount, IntConsumer setActiveWorkers) {
        synchronized (this) {
            this.workers = workerCount;
            this.activeWorkers = setActiveWorkers;
        }
        if (breaker == null) {
            setActiveWorkers.accept(workerCount);
        } else {
            react();
        }
    }

    boolean tryAcquire() {
        return breaker == null || breaker.tryAcquirePermission();
    }

    void onSuccess(long nanos) {
        if (breaker != null) {
            breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
        }
    }

    void onTransientFailure(long nanos, Throwable failure) {
        if (breaker != null) {
            breaker.onError(nanos, TimeUnit.NANOSECONDS, failure);
        }
    }

    /** A permanent failure says nothing about the downstream: it does not count either way. */
    void release() {
        if (breaker != null) {
            breaker.releasePermission();
        }
    }

    boolean isOpen() {
        if (breaker == null) {
            return false;
        }
        CircuitBreaker.State state = breaker.getState();
        return state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN;
    }

    ConsumerState state() {
        if (breaker == null) {
            return ConsumerState.RUNNING;
        }
        return switch (breaker.getState()) {
            case OPEN, FORCED_OPEN -> ConsumerState.PAUSED;
            case HALF_OPEN -> ConsumerState.TRIAL;
            default -> ConsumerState.RUNNING;
        };
    }

    private void react() {
        if (closed) {
            return;
        }
        try {
            scheduler.execute(this::reconcile);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // Closing: consumption is being stopped anyway.
        }
    }

    private synchronized void reconcile() {
        if (closed) {
            return;
        }
        switch (state()) {
            case PAUSED -> {
                LOG.warn("Circuit breaker '{}' is open: pausing consumption for {}", breaker.getName(), settings.openFor());
                activeWorkers.accept(0);
                if (pendingProbe == null || pendingProbe.isDone()) {
                    pendingProbe = scheduler.schedule(this::probe, settings.openFor().toMillis(), TimeUnit.MILLISECONDS);
                }
            }
            case TRIAL -> {
                LOG.info("Circuit breaker '{}' is half-open: taking {} trial message(s)", breaker.getName(),
                        settings.trialMessages());
                activeWorkers.accept(Math.min(1, workers));
            }
            default -> {
                if (lastReaction != ConsumerState.RUNNING) {
                    LOG.info("Circuit breaker '{}' is closed: consuming on all {} worker(s)", breaker.getName(), workers);
                }
                activeWorkers.accept(workers);
            }
        }
        lastReaction = state();
    }

    private void probe() {
        if (closed || breaker.getState() != CircuitBreaker.State.OPEN) {
            return;
        }
        HealthProbe probe = settings.probe();
        if (probe == null || probe.check()) {
            try {
                breaker.transitionToHalfOpenState();
            } catch (RuntimeException e) {
                // Someone else moved the breaker meanwhile: its transition event reconciles.
                LOG.debug("Circuit breaker '{}': could not go half-open", breaker.getName(), e);
            }
        } else {
            LOG.info("Circuit breaker '{}': downstream still unhealthy, staying paused", breaker.getName());
            synchronized (this) {
                pendingProbe = scheduler.schedule(this::probe, settings.openFor().toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
