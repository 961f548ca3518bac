package dev.revenant.benchmarks.jmh;

import dev.revenant.amqp.AmqpSpec;
import dev.revenant.amqp.BasicProperties;
import dev.revenant.amqp.ContentHeader;
import dev.revenant.amqp.FrameParser;
import dev.revenant.amqp.Frames;
import dev.revenant.amqp.MethodDecoder;
import dev.revenant.amqp.MethodEncoder;
import dev.revenant.amqp.MethodHandler;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The wire codec on the path of every message: cutting frames out of the inbound stream and
 * decoding basic.publish + content header + body (what a broker reads per message), and encoding
 * basic.deliver + content header + body (what it writes per message). Each operation handles one
 * whole message, so the score reads as messages per microsecond.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FrameCodecBenchmark {
    @Param({"100", "1024"})
    int bodySize;

    private ByteBuf inbound;
    private ByteBuf outbound;
    private byte[] body;
    private ByteBuf encodedProperties;
    private long deliveryTag;

    /** Receives the decoded publish: the typed handler call the broker would make, nothing more. */
    private static final class PublishSink implements MethodHandler, FrameParser.FrameListener {
        Blackhole blackhole;

        @Override
        public void unexpectedMethod(int channel, int classId, int methodId) {
            throw new IllegalStateException("unexpected method " + AmqpSpec.methodName(classId, methodId));
        }

        @Override
        public void basicPublish(int channel, int ticket, String exchange, String routingKey, boolean mandatory, boolean immediate) {
            blackhole.consume(exchange);
            blackhole.consume(routingKey);
        }

        @Override
        public void methodFrame(int channel, ByteBuf payload) {
            MethodDecoder.decode(channel, payload, this);
        }

        @Override
        public void headerFrame(int channel, ByteBuf payload) {
            ContentHeader header = ContentHeader.read(payload);
            blackhole.consume(BasicProperties.decode(header.encodedProperties()));
        }

        @Override
        public void bodyFrame(int channel, ByteBuf payload) {
            blackhole.consume(payload.readableBytes());
        }

        @Override
        public void heartbeatFrame(int channel) {
        }
    }

    private final PublishSink sink = new PublishSink();

    @Setup
    public void setUp() {
        body = new byte[bodySize];
        BasicProperties properties = new BasicProperties().deliveryMode(2).contentType("application/octet-stream");
        encodedProperties = Unpooled.buffer();
        properties.encode(encodedProperties);
        inbound = Unpooled.directBuffer(2 * bodySize + 512);
        MethodEncoder.basicPublish(inbound, 1, 0, "orders", "order.paid", false, false);
        Frames.contentHeader(inbound, 1, AmqpSpec.CLASS_BASIC, bodySize, encodedProperties);
        Frames.bodyFrameHead(inbound, 1, bodySize);
        inbound.writeBytes(body);
        inbound.writeByte(AmqpSpec.FRAME_END);
        outbound = Unpooled.directBuffer(2 * bodySize + 512);
    }

    @Benchmark
    public void decodePublish(Blackhole blackhole) {
        sink.blackhole = blackhole;
        inbound.readerIndex(0);
        FrameParser.parse(inbound, 131_072, sink);
    }

    @Benchmark
    public ByteBuf encodeDeliver() {
        outbound.clear();
        MethodEncoder.basicDeliver(outbound, 1, "amq.ctag-benchmark", ++deliveryTag, false, "orders", "order.paid");
        Frames.contentHeader(outbound, 1, AmqpSpec.CLASS_BASIC, bodySize, encodedProperties);
        Frames.bodyFrameHead(outbound, 1, bodySize);
        outbound.writeBytes(body);
        outbound.writeByte(AmqpSpec.FRAME_END);
        return outbound;
    }
}
