package dev.revenant.client;

/**
 * The business logic of a consumer: a plain function of one message. Returning normally means
 * success (the toolkit acks); throwing means failure, which the consumer's
 * {@link FailureClassifier} turns into a retry or a dead-letter. Handlers never ack themselves.
 */
@FunctionalInterface
public interface MessageHandler {
    /** Processes one message; throws to report a failure. */
    void handle(Message message) throws Exception;
}
