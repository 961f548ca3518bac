package dev.revenant.broker.redrive;

import dev.revenant.broker.message.Message;
import dev.revenant.broker.queue.MessageQueue;
import dev.revenant.broker.queue.QueuedMessage;
import dev.revenant.broker.vhost.VirtualHost;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.UnaryOperator;

/**
 * Republishes one ready message, found by its broker id, to a {@link MoveTarget}, optionally
 * edited first, and then removes the original, at-least-once like a move: the original is
 * removed only after every target queue took the copy. If a consumer took the original in the
 * meantime it stays with that consumer and the outcome says so.
 */
public final class Republisher {
    private Republisher() {
    }

    /**
     * What happened.
     *
     * @param copyId          the broker id of the published copy
     * @param queues          how many queues took the copy
     * @param originalRemoved whether the original was still ready and is now removed
     */
    public record Outcome(long copyId, int queues, boolean originalRemoved) { }

    /**
     * Republishes the ready message {@code messageId} of {@code source}. The future fails with
     * {@link NoSuchElementException} when no ready message has that id, and with
     * {@link IllegalArgumentException} (the reason) when the copy cannot be placed; the original is
     * then left where it was.
     *
     * @param edit applied to the original before the copy is made (new properties or body); identity for none
     * @param removeOriginal whether to remove the original once the copy is placed
     */
    public static CompletableFuture<Outcome> republish(VirtualHost vhost, MessageQueue source, long messageId,
                                                       MoveTarget target, UnaryOperator<Message> edit, boolean removeOriginal) {
        return source.browse(0, Integer.MAX_VALUE).thenCompose(ready -> {
            Message original = null;
            for (QueuedMessage m : ready) {
                if (m.message().id() == messageId) {
                    original = m.message();
                    break;
                }
            }
            if (original == null) {
                throw new NoSuchElementException("no ready message with id " + messageId + " in queue '" + source.name()
                        + "' in vhost '" + vhost.name() + "'");
            }
            CopyRoute route;
            try {
                route = CopyRoute.resolve(vhost, target, edit.apply(original), source.name());
            } catch (MoveFailure e) {
                throw new IllegalArgumentException(e.getMessage());
            }
            return route.deliver().thenCompose(refusal -> {
                if (refusal.isPresent()) {
                    throw new IllegalArgumentException(refusal.get());
                }
                if (!removeOriginal) {
                    return CompletableFuture.completedFuture(new Outcome(route.copy().id(), route.queues().size(), false));
                }
                return source.removeMessage(messageId)
                        .thenApply(removed -> new Outcome(route.copy().id(), route.queues().size(), removed));
            });
        });
    }

    /** The exception a failed {@link #republish} future carries, unwrapped. */
    public static Throwable cause(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
