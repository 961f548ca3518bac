package dev.revenant.broker.server;

import dev.revenant.amqp.BasicProperties;
import dev.revenant.broker.AmqpException;
import dev.revenant.broker.routing.SenderSelectedDistribution;
import dev.revenant.broker.message.Message;
import java.util.List;
import java.util.Map;

/**
 * The properties a message is stored with and the routing keys it is routed by, after RabbitMQ's
 * publish-time rewrites: CC and BCC headers add routing keys and BCC is removed; a reply-to of
 * the direct reply-to pseudo-queue becomes the publisher's reply address. Unchanged properties
 * keep the publisher's exact bytes.
 */
record PublishedProperties(BasicProperties properties, byte[] encoded, List<String> routingKeys) {

    static PublishedProperties of(ContentAssembler.Publish publish, String replyAddress) {
        BasicProperties props = publish.properties();
        List<String> keys = List.of(publish.routingKey());
        boolean changed = false;
        Map<String, Object> headers = props.headers();
        if (headers != null && (headers.containsKey("CC") || headers.containsKey("BCC"))) {
            keys = SenderSelectedDistribution.routingKeys(publish.routingKey(), headers);
            if (headers.containsKey("BCC")) {
                props = props.copy().headers(SenderSelectedDistribution.withoutBcc(headers));
                changed = true;
            }
        }
        if (DirectReplyTo.PSEUDO_QUEUE.equals(props.replyTo())) {
            if (replyAddress == null) {
                throw AmqpException.channel(AmqpException.PRECONDITION_FAILED, "fast reply consumer does not exist");
            }
            props = props.copy().replyTo(replyAddress);
            changed = true;
        }
        return new PublishedProperties(props, changed ? Message.encode(props) : publish.encodedProperties(), keys);
    }
}
