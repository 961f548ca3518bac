package dev.revenant.amqp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.LongString;
import com.rabbitmq.client.impl.AMQImpl;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Content-header properties: flag positions from the spec, and the official client's header frames both ways. */
class BasicPropertiesTest {

    @Test
    void eachPropertyAloneSetsItsOwnFlagBitInSpecOrder() {
        List<SpecModel.Argument> properties = PropertySets.properties();
        assertThat(properties).hasSize(14);
        for (int i = 0; i < properties.size(); i++) {
            Object[] values = new Object[properties.size()];
            values[i] = sample(properties.get(i).type());
            byte[] encoded = PropertySets.encode(PropertySets.build(Arrays.asList(values)));
            int flags = (encoded[0] & 0xff) << 8 | (encoded[1] & 0xff);
            assertThat(flags).as(properties.get(i).name()).isEqualTo(1 << (15 - i));
            assertThat(PropertySets.snapshot(BasicProperties.decode(Unpooled.wrappedBuffer(encoded))))
                    .isEqualTo(PropertySets.snapshot(PropertySets.build(Arrays.asList(values))));
        }
    }

    @Test
    void noPropertiesIsJustZeroFlags() {
        assertThat(PropertySets.encode(new BasicProperties())).containsExactly(0, 0);
        assertThat(PropertySets.snapshot(BasicProperties.decode(Unpooled.wrappedBuffer(new byte[] {0, 0}))))
                .allSatisfy((name, value) -> assertThat(value).as(name).isNull());
    }

    @Test
    void handWrittenPropertiesDecode() {
        // content-type "a", delivery-mode 2, timestamp 1, app-id "z"
        ByteBuf in = FieldCodecTest.bytes("9048" + "0161" + "02" + "0000000000000001" + "017a");
        BasicProperties p = BasicProperties.decode(in);
        assertThat(p.contentType()).isEqualTo("a");
        assertThat(p.deliveryMode()).isEqualTo(2);
        assertThat(p.timestamp()).isEqualTo(1L);
        assertThat(p.appId()).isEqualTo("z");
        assertThat(p.headers()).isNull();
        assertThat(in.isReadable()).isFalse();
    }

    @Test
    void extremeTimestampsAndOctetsRoundTrip() {
        for (long t : new long[] {Long.MIN_VALUE, -1, Long.MAX_VALUE}) {
            BasicProperties p = new BasicProperties().timestamp(t).priority(255).deliveryMode(0);
            BasicProperties decoded = BasicProperties.decode(Unpooled.wrappedBuffer(PropertySets.encode(p)));
            assertThat(PropertySets.snapshot(decoded)).isEqualTo(PropertySets.snapshot(p));
        }
    }

    @Test
    void everyPropertyTheOfficialClientWritesDecodesToTheSameValue() throws Exception {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("x-death", List.of(Map.of("count", 3L, "reason", "rejected")));
        headers.put("x-decimal", new BigDecimal("1.50"));
        headers.put("x-when", new Date(1_600_000_000_000L));
        AMQP.BasicProperties client = new AMQP.BasicProperties.Builder()
                .contentType("application/json").contentEncoding("gzip").headers(headers).deliveryMode(2).priority(9)
                .correlationId("corr").replyTo("amq.rabbitmq.reply-to").expiration("60000").messageId("m-1")
                .timestamp(new Date(1_700_000_000_000L)).type("order.created").userId("guest").appId("shop").clusterId("c")
                .build();
        byte[] payload = PropertySets.clientHeaderPayload(client, 1234);

        ContentHeader header = ContentHeader.read(Unpooled.wrappedBuffer(payload));
        assertThat(header.classId()).isEqualTo(AmqpSpec.CLASS_BASIC);
        assertThat(header.bodySize()).isEqualTo(1234);
        ByteBuf encoded = header.encodedProperties().duplicate();
        BasicProperties p = BasicProperties.decode(encoded);
        assertThat(encoded.isReadable()).isFalse();

        assertThat(p.contentType()).isEqualTo("application/json");
        assertThat(p.contentEncoding()).isEqualTo("gzip");
        assertThat(p.headers()).containsOnlyKeys("x-death", "x-decimal", "x-when");
        assertThat(p.headers().get("x-death")).isEqualTo(List.of(Map.of("count", 3L, "reason", "rejected")));
        assertThat(p.headers().get("x-decimal")).isEqualTo(new BigDecimal("1.50"));
        assertThat(p.headers().get("x-when")).isEqualTo(Instant.ofEpochSecond(1_600_000_000L));
        assertThat(p.deliveryMode()).isEqualTo(2);
        assertThat(p.priority()).isEqualTo(9);
        assertThat(p.correlationId()).isEqualTo("corr");
        assertThat(p.replyTo()).isEqualTo("amq.rabbitmq.reply-to");
        assertThat(p.expiration()).isEqualTo("60000");
        assertThat(p.messageId()).isEqualTo("m-1");
        assertThat(p.timestamp()).isEqualTo(1_700_000_000L);
        assertThat(p.type()).isEqualTo("order.created");
        assertThat(p.userId()).isEqualTo("guest");
        assertThat(p.appId()).isEqualTo("shop");
        assertThat(p.clusterId()).isEqualTo("c");

        // re-encoding what was decoded gives back the client's bytes exactly
        assertThat(ByteBufUtil.hexDump(Unpooled.wrappedBuffer(PropertySets.encode(p))))
                .isEqualTo(ByteBufUtil.hexDump(header.encodedProperties()));
    }

    @Test
    void headerFramesWeWriteAreReadByTheOfficialClient() throws Exception {
        BasicProperties ours = new BasicProperties().contentType("text/plain").headers(new LinkedHashMap<>(Map.of("k", "v")))
                .deliveryMode(1).timestamp(1_700_000_000L).userId("guest");
        ByteBuf frame = Unpooled.buffer();
        ByteBuf properties = Unpooled.buffer();
        ours.encode(properties);
        Frames.contentHeader(frame, 5, AmqpSpec.CLASS_BASIC, 42, properties);

        byte[] payload = new byte[frame.readableBytes() - 8];
        frame.getBytes(7, payload);
        AMQP.BasicProperties client = (AMQP.BasicProperties) AMQImpl.readContentHeaderFrom(new DataInputStream(new ByteArrayInputStream(payload)));
        assertThat(client.getBodySize()).isEqualTo(42);
        assertThat(client.getContentType()).isEqualTo("text/plain");
        assertThat(client.getHeaders()).containsOnlyKeys("k");
        assertThat(client.getHeaders().get("k")).isInstanceOf(LongString.class).hasToString("v");
        assertThat(client.getDeliveryMode()).isEqualTo(1);
        assertThat(client.getTimestamp()).isEqualTo(new Date(1_700_000_000_000L));
        assertThat(client.getUserId()).isEqualTo("guest");
        assertThat(client.getPriority()).isNull();
        assertThat(client.getAppId()).isNull();
    }

    @Test
    void malformedPropertyListsRaiseFrameFormatException() {
        for (String hex : List.of("", "80", "0001", "8000", "8000" + "05616263", "2000" + "00000010" + "0161", "1000", "0040" + "00000000")) {
            assertThatThrownBy(() -> BasicProperties.decode(FieldCodecTest.bytes(hex))).as(hex).isInstanceOf(FrameFormatException.class);
        }
    }

    static Object sample(String wireType) {
        switch (wireType) {
            case "shortstr": return "v";
            case "octet": return 7;
            case "timestamp": return 99L;
            case "table": return new LinkedHashMap<>(Map.of("h", 1));
            default: throw new IllegalArgumentException(wireType);
        }
    }
}
