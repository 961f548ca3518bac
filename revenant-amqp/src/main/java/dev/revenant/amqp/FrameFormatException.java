package dev.revenant.amqp;

/**
 * Bytes that do not form valid AMQP frames or arguments. Carries the connection-level reply
 * code the peer must be closed with (501 FRAME_ERROR unless stated otherwise).
 */
public final class FrameFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int replyCode;

    public FrameFormatException(String message) {
        this(AmqpSpec.FRAME_ERROR, message);
    }

    public FrameFormatException(int replyCode, String message) {
        super(message, null, false, false);
        this.replyCode = replyCode;
    }

    /** The AMQP reply code to close the connection with. */
    public int replyCode() {
        return replyCode;
    }
}
