package dev.revenant.broker.server;

import dev.revenant.amqp.BasicProperties;
import dev.revenant.broker.AmqpException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
            List<String> all = new ArrayList<>();
            all.add(publish.routingKey());
            addKeys(all, "CC", headers.get("CC"));
            addKeys(all, "BCC", headers.get("BCC"));
            keys = all;
            if (headers.containsKey("BCC")) {
                Map<String, Object> withoutBcc = new LinkedHashMap<>(headers);
                withoutBcc.remove("BCC");
                props = props.copy().headers(withoutBcc);
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
        return new PublishedProperties(props, changed ? encode(props) : publish.encodedProperties(), keys);
    }

    static byte[] encode(BasicProperties properties) {
        ByteBuf buf = Unpooled.buffer(64);
        properties.encode(buf);
        byte[] bytes = new byte[buf.readableBytes()];
        buf.readBytes(bytes);
        return bytes;
    }

    private static void addKeys(List<String> keys, String name, Object header) {
        if (header == null) {
            return;
        }
        if (!(header instanceof List<?> list)) {
            throw AmqpException.channel(AmqpException.PRECONDITION_FAILED,
                    "{unacceptable_type_in_header,\"" + name + "\"," + FieldTypeNames.of(header) + "}");
        }
        for (Object item : list) {
            if (item instanceof String s) {
                keys.add(s);
            }
        }
    }
}
