package dev.revenant.client;

/**
 * Receives a {@link DeadLetterReplayer}'s progress after every probe and every message moved. Runs
 * on the replayer's threads: keep it quick; an exception it throws is logged and ignored.
 */
@FunctionalInterface
public interface ReplayListener {
    /** Called with the latest progress. */
    void onProgress(ReplayProgress progress);
}
