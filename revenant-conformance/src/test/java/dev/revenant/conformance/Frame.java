package dev.revenant.conformance;

import java.nio.ByteBuffer;

/**
 * One AMQP 0-9-1 frame as it crossed the wire: type, channel and payload (frame-end stripped).
 * Method frames expose their class and method ids and a reader over their arguments.
 */
record Frame(int type, int channel, byte[] payload) {
    static final int METHOD = 1;
    static final int HEADER = 2;
    static final int BODY = 3;
    static final int HEARTBEAT = 8;
    static final int FRAME_END = 0xCE;

    boolean isMethod() {
        return type == METHOD;
    }

    boolean isMethod(int classId, int methodId) {
        return isMethod() && classId() == classId && methodId() == methodId;
    }

    int classId() {
        return ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
    }

    int methodId() {
        return ((payload[2] & 0xFF) << 8) | (payload[3] & 0xFF);
    }

    /** The method's arguments, positioned after the class and method ids. */
    ArgumentReader arguments() {
        return new ArgumentReader(ByteBuffer.wrap(payload, 4, payload.length - 4).slice());
    }

    @Override
    public String toString() {
        String what = isMethod() ? "method " + classId() + "." + methodId() : "type " + type;
        return "Frame[" + what + ", channel " + channel + ", " + payload.length + " bytes]";
    }
}
