package dev.revenant.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * When a consumer stops taking messages because its downstream keeps failing. Over the last
 * {@code slidingWindow} handled messages (once at least {@code minimumCalls} are in), a share of
 * transient failures of {@code failureRatePercent} or more opens the breaker: consumption pauses
 * and messages wait in the queue. After {@code openFor}, the {@code probe} (if any) must answer
 * healthy; then one worker resumes for {@code trialMessages} trial messages, which close the
 * breaker (all workers resume) or open it again. Immutable.
 */
public final class CircuitBreakerSettings {
    private final float failureRatePercent;
    private final int slidingWindow;
    private final int minimumCalls;
    private final Duration openFor;
    private final int trialMessages;
    private final HealthProbe probe;

    private CircuitBreakerSettings(float failureRatePercent, int slidingWindow, int minimumCalls, Duration openFor,
                                   int trialMessages, HealthProbe probe) {
        this.failureRatePercent = failureRatePercent;
        this.slidingWindow = slidingWindow;
        this.minimumCalls = minimumCalls;
        this.openFor = openFor;
        this.trialMessages = trialMessages;
        this.probe = probe;
    }

    /** 50% of the last 10 messages (at least 5), open for 30 s, 3 trial messages, no probe. */
    public static CircuitBreakerSettings defaults() {
        return new CircuitBreakerSettings(50f, 10, 5, Duration.ofSeconds(30), 3, null);
    }

    /** With another failure-rate threshold, in percent (0 excluded, 100 included). */
    public CircuitBreakerSettings withFailureRatePercent(float percent) {
        return new CircuitBreakerSettings(percent, slidingWindow, minimumCalls, openFor, trialMessages, probe);
    }

    /** With another sliding window (number of most recent messages considered). */
    public CircuitBreakerSettings withSlidingWindow(int messages) {
        return new CircuitBreakerSettings(failureRatePercent, messages, minimumCalls, openFor, trialMessages, probe);
    }

    /** With another minimum number of messages before the failure rate counts. */
    public CircuitBreakerSettings withMinimumCalls(int messages) {
        return new CircuitBreakerSettings(failureRatePercent, slidingWindow, messages, openFor, trialMessages, probe);
    }

    /** With another pause before probing (and between failed probes). */
    public CircuitBreakerSettings withOpenFor(Duration duration) {
        return new CircuitBreakerSettings(failureRatePercent, slidingWindow, minimumCalls, duration, trialMessages, probe);
    }

    /** With another number of trial messages after the pause. */
    public CircuitBreakerSettings withTrialMessages(int messages) {
        return new CircuitBreakerSettings(failureRatePercent, slidingWindow, minimumCalls, openFor, messages, probe);
    }

    /** With a health probe that must pass before any trial message is taken. */
    public CircuitBreakerSettings withProbe(HealthProbe healthProbe) {
        return new CircuitBreakerSettings(failureRatePercent, slidingWindow, minimumCalls, openFor, trialMessages,
                healthProbe);
    }

    /** Failure-rate threshold in percent. */
    public float failureRatePercent() {
        return failureRatePercent;
    }

    /** Sliding window size, in messages. */
    public int slidingWindow() {
        return slidingWindow;
    }

    /** Minimum messages before the rate counts. */
    public int minimumCalls() {
        return minimumCalls;
    }

    /** Pause before probing. */
    public Duration openFor() {
        return openFor;
    }

    /** Trial messages after the pause. */
    public int trialMessages() {
        return trialMessages;
    }

    /** The health probe, or null. */
    public HealthProbe probe() {
        return probe;
    }

    /** Everything wrong with these settings, each with what to change; empty when valid. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (!(failureRatePercent > 0 && failureRatePercent <= 100)) {
            problems.add("circuit breaker failure rate is " + failureRatePercent + "%: give a value in (0, 100], e.g. 50");
        }
        if (slidingWindow < 1) {
            problems.add("circuit breaker sliding window is " + slidingWindow + ": give at least 1 message, e.g. 10");
        }
        if (minimumCalls < 1 || minimumCalls > Math.max(1, slidingWindow)) {
            problems.add("circuit breaker minimum calls is " + minimumCalls + ": give a value between 1 and the sliding "
                    + "window (" + slidingWindow + ")");
        }
        if (openFor == null || openFor.isNegative() || openFor.toMillis() < 1) {
            problems.add("circuit breaker open duration is " + openFor + ": give a positive duration, e.g. Duration.ofSeconds(30)");
        }
        if (trialMessages < 1) {
            problems.add("circuit breaker trial messages is " + trialMessages + ": give at least 1");
        }
        return problems;
    }

    @Override
    public String toString() {
        return "CircuitBreakerSettings[failureRate=" + failureRatePercent + "%, window=" + slidingWindow + ", minimum="
                + minimumCalls + ", openFor=" + openFor + ", trials=" + trialMessages + ", probe=" + (probe != null) + "]";
    }
}
