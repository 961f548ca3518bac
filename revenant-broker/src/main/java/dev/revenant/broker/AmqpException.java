package dev.revenant.broker;

import dev.revenant.amqp.AmqpSpec;

/**
 * An AMQP error to report to the client: a reply code and text, and whether it closes the
 * channel (soft error) or the whole connection (hard error). The text follows RabbitMQ's
 * wording so that client logs read the same on either broker.
 */
public final class AmqpException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public static final int ACCESS_REFUSED = AmqpSpec.ACCESS_REFUSED;
    public static final int NOT_FOUND = AmqpSpec.NOT_FOUND;
    public static final int RESOURCE_LOCKED = AmqpSpec.RESOURCE_LOCKED;
    public static final int PRECONDITION_FAILED = AmqpSpec.PRECONDITION_FAILED;

    private final int replyCode;
    private final boolean connectionLevel;

    private AmqpException(int replyCode, String text, boolean connectionLevel) {
        super(text, null, false, false);
        this.replyCode = replyCode;
        this.connectionLevel = connectionLevel;
    }

    /** A soft error: the channel is closed, the connection lives on. */
    public static AmqpException channel(int replyCode, String text) {
        return new AmqpException(replyCode, text, false);
    }

    /** A hard error: the connection is closed. */
    public static AmqpException connection(int replyCode, String text) {
        return new AmqpException(replyCode, text, true);
    }

    public int replyCode() {
        return replyCode;
    }

    public boolean connectionLevel() {
        return connectionLevel;
    }

    /** Reply text as sent on the wire: "NOT_FOUND - no queue 'q' in vhost '/'". */
    public String replyText() {
        return formatReplyText(replyCode, getMessage());
    }

    /** RabbitMQ-style reply text for a code and message, cut to fit a short string (255 bytes). */
    public static String formatReplyText(int replyCode, String message) {
        String name = AmqpSpec.replyCodeName(replyCode);
        String text = (name == null ? "" : name + " - ") + message;
        byte[] utf8 = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (utf8.length <= 255) {
            return text;
        }
        int end = 255;
        while (end > 0 && (utf8[end] & 0xC0) == 0x80) {
            end--; // do not cut a multi-byte character in half
        }
        return new String(utf8, 0, end, java.nio.charset.StandardCharsets.UTF_8);
    }
}
