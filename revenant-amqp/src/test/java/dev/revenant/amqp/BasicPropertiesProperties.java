package dev.revenant.amqp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** Random property sets survive our codec and the official client's; random header bytes fail only as FrameFormatException. */
class BasicPropertiesProperties {

    @Property(tries = 500)
    void decodeOfEncodeGivesTheSameProperties(@ForAll("propertySets") BasicProperties p) {
        byte[] encoded = PropertySets.encode(p);
        ByteBuf in = Unpooled.wrappedBuffer(encoded);
        BasicProperties decoded = BasicProperties.decode(in);
        assertThat(in.isReadable()).isFalse();
        assertThat(PropertySets.snapshot(decoded)).isEqualTo(PropertySets.snapshot(p));
        assertThat(PropertySets.encode(decoded)).isEqualTo(encoded);
    }

    @Property(tries = 300)
    void officialClientBytesDecodeToTheSamePropertiesAndReencodeIdentically(@ForAll("propertySets") BasicProperties p) {
        byte[] payload = PropertySets.clientHeaderPayload(PropertySets.client(p), 77);
        ContentHeader header = ContentHeader.read(Unpooled.wrappedBuffer(payload));
        assertThat(header.bodySize()).isEqualTo(77);
        BasicProperties decoded = BasicProperties.decode(header.encodedProperties().duplicate());
        assertThat(PropertySets.snapshot(decoded)).isEqualTo(PropertySets.snapshot(p));
        assertThat(PropertySets.encode(decoded)).isEqualTo(Arrays.copyOfRange(payload, 12, payload.length));
    }

    @Property(tries = 2000)
    void randomHeaderBytesRaiseNothingButFrameFormatException(@ForAll @Size(max = 48) byte[] bytes) {
        Throwable thrown = catchThrowable(() -> BasicProperties.decode(ContentHeader.read(Unpooled.wrappedBuffer(bytes)).encodedProperties()));
        if (thrown != null) {
            assertThat(thrown).isInstanceOf(FrameFormatException.class);
        }
    }

    @Property(tries = 400, edgeCases = EdgeCasesMode.NONE)
    void truncatedOrCorruptedPropertyListsRaiseNothingButFrameFormatException(@ForAll("propertySets") BasicProperties p,
            @ForAll byte corruption, @ForAll int position, @ForAll boolean truncate) {
        byte[] encoded = PropertySets.encode(p);
        int at = Math.floorMod(position, encoded.length);
        byte[] damaged = truncate ? Arrays.copyOf(encoded, at) : encoded.clone();
        if (!truncate) {
            damaged[at] = corruption;
        }
        Throwable thrown = catchThrowable(() -> BasicProperties.decode(Unpooled.wrappedBuffer(damaged)));
        if (thrown != null) {
            assertThat(thrown).isInstanceOf(FrameFormatException.class);
        } else {
            assertThat(truncate).as("a truncated list must not decode").isFalse();
        }
    }

    @Provide
    Arbitrary<BasicProperties> propertySets() {
        return PropertySets.propertySets();
    }
}
