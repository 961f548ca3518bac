package dev.revenant.broker.queue;

/**
 * Told, on the queue's executor, whether a queue took a published message (it may refuse one
 * when full with {@code x-overflow=reject-publish}), so the publisher's confirm can be sent.
 */
public interface PublishConfirmation {
    /** Does nothing: the publisher does not wait for this queue's answer. */
    PublishConfirmation NONE = accepted -> { };

    void settled(boolean accepted);
}
