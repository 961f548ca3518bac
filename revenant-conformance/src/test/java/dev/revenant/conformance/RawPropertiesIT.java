package dev.revenant.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The content header a consumer receives carries the publisher's property bytes unchanged:
 * every property flag set, and a headers table using every field type tag, unsigned ones and
 * nesting included, in an order no sorted map would produce.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.revenant.testkit.BrokerTargets#all")
class RawPropertiesIT extends ConformanceBase {

    private static byte[] bytes(int... values) {
        byte[] result = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = (byte) values[i];
        }
        return result;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A headers table with one entry per AMQP 0-9-1 field type (RabbitMQ's tag set). */
    static byte[] everyFieldType() {
        byte[] innerArray = MethodArguments.fields()
                .octet('x').longString(bytes(9, 8))
                .octet('F').table(new TableBytes().bool("in-array", true).bytes())
                .bytes();
        byte[] arrayContent = MethodArguments.fields()
                .octet('I').longInt(7)
                .octet('S').longString(utf8("ab"))
                .octet('V')
                .octet('t').octet(0)
                .octet('A').longString(innerArray)
                .bytes();
        TableBytes nested = new TableBytes()
                .entry("deep", 'F', TableBytes.longStringValue(new TableBytes().longString("leaf", "x").bytes()))
                .entry("n", 'l', ByteBuffer.allocate(8).putLong(-2).array());
        return new TableBytes()
                .entry("z-last-alphabetically-first", 'S', TableBytes.longStringValue(utf8("ünïcode")))
                .entry("bool", 't', bytes(1))
                .entry("int8", 'b', bytes(-5))
                .entry("uint8", 'B', bytes(250))
                .entry("int16", 's', bytes(0x80, 0x01))
                .entry("uint16", 'u', bytes(0xFF, 0xFE))
                .entry("int32", 'I', ByteBuffer.allocate(4).putInt(-123456).array())
                .entry("uint32", 'i', bytes(0xFF, 0xFF, 0xFF, 0xF0))
                .entry("int64", 'l', ByteBuffer.allocate(8).putLong(Long.MIN_VALUE).array())
                .entry("float", 'f', ByteBuffer.allocate(4).putFloat(-0.5f).array())
                .entry("double", 'd', ByteBuffer.allocate(8).putDouble(1e300).array())
                .entry("decimal", 'D', bytes(3, 0, 0, 0x30, 0x39))
                .entry("bytes", 'x', TableBytes.longStringValue(bytes(0, 0xCE, 0xFF)))
                .entry("array", 'A', TableBytes.longStringValue(arrayContent))
                .entry("timestamp", 'T', ByteBuffer.allocate(8).putLong(1_700_000_000L).array())
                .entry("table", 'F', TableBytes.longStringValue(nested.bytes()))
                .entry("void", 'V', new byte[0])
                .entry("a-first-alphabetically-last", 'S', TableBytes.longStringValue(utf8("end")))
                .bytes();
    }

    /** Property flags with all fourteen basic properties present, then their values in order. */
    static byte[] everyProperty() {
        return MethodArguments.fields()
                .shortInt(0xFFFC) // property flags: bits 15..2, one per property
                .shortString("application/octet-stream").shortString("identity")
                .table(everyFieldType())
                .octet(2).octet(4)
                .shortString("corr").shortString("reply").shortString("600000").shortString("id-1")
                .longLong(1_700_000_123L)
                .shortString("kind").shortString("guest").shortString("app").shortString("cluster")
                .bytes();
    }

    @Test
    void contentHeaderBytesPassThroughUnchanged() throws Exception {
        byte[] properties = everyProperty();
        byte[] body = utf8("payload");
        try (RawAmqpConnection raw = RawAmqpConnection.open(target)) {
            raw.handshake();
            raw.openChannel(1);
            raw.sendMethod(1, MethodArguments.method(50, 10).shortInt(0).shortString("")
                    .bits(false, false, true, true, false).emptyTable());
            String queue = raw.expectMethod(50, 11).arguments().shortString();
            raw.sendMethod(1, MethodArguments.method(60, 40).shortInt(0).shortString("").shortString(queue).bits(false, false));
            raw.sendContentHeader(1, 60, body.length, properties);
            raw.sendFrame(Frame.BODY, 1, body);

            raw.sendMethod(1, MethodArguments.method(60, 70).shortInt(0).shortString(queue).bits(true));
            raw.expectMethod(60, 71);
            Frame header = raw.readFrame();
            assertThat(header.type()).isEqualTo(Frame.HEADER);
            ByteBuffer payload = ByteBuffer.wrap(header.payload());
            assertThat(payload.getShort()).as("class").isEqualTo((short) 60);
            assertThat(payload.getShort()).as("weight").isZero();
            assertThat(payload.getLong()).as("body size").isEqualTo(body.length);
            byte[] receivedProperties = Arrays.copyOfRange(header.payload(), 12, header.payload().length);
            assertThat(receivedProperties).as("property flags and values").isEqualTo(properties);
            assertThat(raw.readFrame().payload()).isEqualTo(body);
        }
    }
}
