package dev.revenant.broker.server;

import dev.revenant.amqp.MethodEncoder;
import dev.revenant.broker.AmqpException;
import dev.revenant.broker.exchange.Exchange;
import dev.revenant.broker.queue.MessageQueue;
import dev.revenant.broker.queue.arguments.QueueDeclaration;
import dev.revenant.broker.vhost.VirtualHost;
import io.netty.buffer.ByteBuf;
import java.util.Map;

/**
 * The exchange and queue class methods of one channel: declarations, bindings, purge and delete,
 * answered with their -ok methods once the virtual host (and, for counts, the queue) has acted.
 */
final class TopologyCommands {
    private final AmqpChannel channel;
    private String lastDeclaredQueue;

    TopologyCommands(AmqpChannel channel) {
        this.channel = channel;
    }

    private VirtualHost vhost() {
        return channel.connection().vhost();
    }

    void exchangeDeclare(String name, String type, boolean passive, boolean durable, boolean autoDelete, boolean internal,
                         boolean nowait, Map<String, Object> arguments) {
        if (name.isEmpty()) {
            throw AmqpException.channel(AmqpException.ACCESS_REFUSED, "operation not permitted on the default exchange");
        }
        vhost().declareExchange(name, type, passive, durable, autoDelete, internal, arguments);
        if (!nowait) {
            reply(out -> MethodEncoder.exchangeDeclareOk(out, channel.number()));
        }
    }

    void exchangeDelete(String name, boolean ifUnused, boolean nowait) {
        vhost().deleteExchange(name, ifUnused);
        if (!nowait) {
            reply(out -> MethodEncoder.exchangeDeleteOk(out, channel.number()));
        }
    }

    void exchangeBind(String destinationName, String source, String routingKey, boolean nowait, Map<String, Object> arguments,
                      boolean bind) {
        Exchange destination = vhost().exchange(destinationName);
        if (destination == null && bind) {
            throw AmqpException.channel(AmqpException.NOT_FOUND, "no exchange '" + destinationName + "' in vhost '" + vhost().name() + "'");
        }
        if (bind) {
            vhost().bind(destination, source, routingKey, arguments);
        } else {
            vhost().unbind(destination, source, routingKey, arguments);
        }
        if (!nowait) {
            reply(out -> {
                if (bind) {
                    MethodEncoder.exchangeBindOk(out, channel.number());
                } else {
                    MethodEncoder.exchangeUnbindOk(out, channel.number());
                }
            });
        }
    }

    void queueDeclare(String requestedName, boolean passive, boolean durable, boolean exclusive, boolean autoDelete,
                      boolean nowait, Map<String, Object> arguments) {
        String name = requestedName.isEmpty() && !passive ? "amq.gen-" + RandomNames.token(16) : requestedName;
        if (name.isEmpty()) {
            name = requireLastDeclared();
        }
        QueueDeclaration declaration = new QueueDeclaration(vhost().name(), name, durable, exclusive, autoDelete, arguments);
        MessageQueue queue = vhost().declareQueue(declaration, passive, requestedName.isEmpty(), channel.connection());
        lastDeclaredQueue = queue.name();
        String declaredName = queue.name();
        channel.whenDone(queue.declared(), counts -> {
            if (!nowait) {
                reply(out -> MethodEncoder.queueDeclareOk(out, channel.number(), declaredName, counts.messages(), counts.consumers()));
            }
        });
    }

    void queueBind(String queueName, String exchange, String routingKey, boolean nowait, Map<String, Object> arguments, boolean bind) {
        // RabbitMQ lets any connection unbind, even from another's exclusive queue, and a missing queue unbinds fine.
        MessageQueue queue = bind ? requireQueue(queueName) : vhost().queue(queueName.isEmpty() ? requireLastDeclared() : queueName);
        String key = queueName.isEmpty() && routingKey.isEmpty() && queue != null ? queue.name() : routingKey;
        if (bind) {
            vhost().bind(queue, exchange, key, arguments);
            if (!nowait) {
                reply(out -> MethodEncoder.queueBindOk(out, channel.number()));
            }
        } else {
            vhost().unbind(queue, exchange, key, arguments);
            reply(out -> MethodEncoder.queueUnbindOk(out, channel.number()));
        }
    }

    void queuePurge(String queueName, boolean nowait) {
        MessageQueue queue = requireQueue(queueName);
        channel.whenDone(queue.purge(), count -> {
            if (!nowait) {
                reply(out -> MethodEncoder.queuePurgeOk(out, channel.number(), count));
            }
        });
    }

    void queueDelete(String queueName, boolean ifUnused, boolean ifEmpty, boolean nowait) {
        String name = queueName.isEmpty() ? requireLastDeclared() : queueName;
        MessageQueue queue = vhost().queue(name);
        if (queue == null) {
            if (!nowait) {
                reply(out -> MethodEncoder.queueDeleteOk(out, channel.number(), 0));
            }
            return;
        }
        checkExclusive(queue);
        channel.whenDone(queue.delete(ifUnused, ifEmpty), count -> {
            if (!nowait) {
                reply(out -> MethodEncoder.queueDeleteOk(out, channel.number(), count));
            }
        });
    }

    /** The queue a method names ("" meaning the one last declared on this channel), usable by this connection. */
    MessageQueue requireQueue(String queueName) {
        String name = queueName.isEmpty() ? requireLastDeclared() : queueName;
        MessageQueue queue = vhost().queue(name);
        if (queue == null) {
            throw AmqpException.channel(AmqpException.NOT_FOUND, "no queue '" + name + "' in vhost '" + vhost().name() + "'");
        }
        checkExclusive(queue);
        return queue;
    }

    private void checkExclusive(MessageQueue queue) {
        Object owner = queue.exclusiveOwner();
        if (owner != null && owner != channel.connection()) {
            throw AmqpException.channel(AmqpException.RESOURCE_LOCKED, "cannot obtain exclusive access to locked queue '"
                    + queue.name() + "' in vhost '" + vhost().name() + "'. It could be originally declared on another "
                    + "connection or the exclusive property value does not match that of the original declaration.");
        }
    }

    private String requireLastDeclared() {
        if (lastDeclaredQueue == null) {
            throw AmqpException.channel(AmqpException.NOT_FOUND, "no previously declared queue");
        }
        return lastDeclaredQueue;
    }

    private void reply(java.util.function.Consumer<ByteBuf> encoder) {
        ByteBuf out = channel.connection().buffer();
        encoder.accept(out);
        channel.connection().write(out);
    }
}
