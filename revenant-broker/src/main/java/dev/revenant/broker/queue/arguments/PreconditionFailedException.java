package dev.revenant.broker.queue.arguments;

/**
 * A request refused with AMQP reply code 406 PRECONDITION_FAILED. {@link #replyText()} is the
 * exact text RabbitMQ sends in its {@code channel.close}, so clients that log or match on it see
 * the same thing from Revenant.
 */
public final class PreconditionFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** AMQP reply code for PRECONDITION_FAILED. */
    public static final int REPLY_CODE = 406;

    private final String detail;

    /** @param detail the text after {@code "PRECONDITION_FAILED - "} */
    public PreconditionFailedException(String detail) {
        super("PRECONDITION_FAILED - " + detail);
        this.detail = detail;
    }

    /** Always 406. */
    public int replyCode() {
        return REPLY_CODE;
    }

    /** The full reply text, e.g. {@code PRECONDITION_FAILED - invalid arg 'x-max-length' ...}. */
    public String replyText() {
        return getMessage();
    }

    /** The reply text without the {@code PRECONDITION_FAILED - } prefix. */
    public String detail() {
        return detail;
    }
}
