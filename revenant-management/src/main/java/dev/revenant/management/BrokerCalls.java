package dev.revenant.management;

import dev.revenant.broker.AmqpException;
import dev.revenant.broker.Broker;
import dev.revenant.broker.queue.MessageQueue;
import dev.revenant.broker.queue.arguments.PreconditionFailedException;
import dev.revenant.broker.vhost.VirtualHost;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Lookups and waits on the broker's Java API, with its refusals turned into API errors:
 * AMQP 404 becomes 404, 403 becomes 403, 405 (locked) becomes 409, other codes (406...) 400.
 * A queue that does not answer within {@value #TIMEOUT_SECONDS} s is a 503.
 */
final class BrokerCalls {
    static final int TIMEOUT_SECONDS = 15;

    private final Broker broker;

    BrokerCalls(Broker broker) {
        this.broker = broker;
    }

    Broker broker() {
        return broker;
    }

    VirtualHost vhost(String name) {
        VirtualHost vhost = broker.virtualHost(name);
        if (vhost == null) {
            throw ApiError.notFound("no vhost '" + name + "'");
        }
        return vhost;
    }

    MessageQueue queue(String vhostName, String queueName) {
        MessageQueue queue = vhost(vhostName).queue(queueName);
        if (queue == null || queue.isDeleted()) {
            throw ApiError.notFound("no queue '" + queueName + "' in vhost '" + vhostName + "'");
        }
        return queue;
    }

    /** Waits for a broker future; its failure becomes the matching API error. */
    static <T> T await(Future<T> future) throws InterruptedException {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw translate(e.getCause());
        } catch (TimeoutException e) {
            throw new ApiError(503, "timeout", "the broker did not answer within " + TIMEOUT_SECONDS + " s");
        }
    }

    /** The API error for a failure from the broker; unexpected failures are rethrown as they are. */
    static RuntimeException translate(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof ApiError error) {
            return error;
        } else if (cause instanceof AmqpException amqp) {
            return switch (amqp.replyCode()) {
                case AmqpException.NOT_FOUND -> ApiError.notFound(amqp.getMessage());
                case AmqpException.ACCESS_REFUSED -> new ApiError(403, "access_refused", amqp.getMessage());
                case AmqpException.RESOURCE_LOCKED -> ApiError.conflict(amqp.getMessage());
                default -> ApiError.badRequest(amqp.getMessage());
            };
        } else if (cause instanceof PreconditionFailedException refused) {
            return ApiError.badRequest(refused.detail());
        } else if (cause instanceof NoSuchElementException missing) {
            return ApiError.notFound(missing.getMessage());
        } else if (cause instanceof IllegalArgumentException invalid) {
            return ApiError.badRequest(invalid.getMessage());
        } else if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        return new IllegalStateException(cause);
    }
}
