package dev.revenant.store.file;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.ByteRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

import java.nio.ByteBuffer;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** Encode/decode of every on-disk record: round trips, and damage is always detected. */
class RecordCodecProperties {

    @Property
    void messageRecordsRoundTrip(@ForAll @Size(max = 2000) byte[] payload, @ForAll @Size(max = 40) byte[] trailing) {
        byte[] record = MessageRecords.encode(payload);
        ByteBuffer buffer = ByteBuffer.allocate(record.length + trailing.length).put(record).put(trailing).flip();
        assertThat(MessageRecords.decode(buffer)).isEqualTo(payload);
        assertThat(buffer.position()).isEqualTo(record.length);
    }

    @Property
    void aFlippedBitInAMessageRecordIsDetected(@ForAll @Size(max = 500) byte[] payload, @ForAll @IntRange(min = 0) int bitSeed) {
        byte[] record = MessageRecords.encode(payload);
        int bit = bitSeed % (record.length * 8);
        record[bit / 8] ^= (byte) (1 << (bit % 8));
        ByteBuffer buffer = ByteBuffer.wrap(record);
        assertThat(MessageRecords.decode(buffer)).isNull();
        assertThat(buffer.position()).isZero();
    }

    @Property
    void aTruncatedMessageRecordIsDetected(@ForAll @Size(max = 500) byte[] payload, @ForAll @IntRange(min = 1) int cutSeed) {
        byte[] record = MessageRecords.encode(payload);
        int keep = record.length - 1 - cutSeed % record.length;
        assertThat(MessageRecords.decode(ByteBuffer.wrap(Arrays.copyOf(record, keep)))).isNull();
    }

    @Provide
    Arbitrary<Byte> queueRecordTypes() {
        return Arbitraries.of(QueueRecords.ENQUEUE, QueueRecords.DELIVER, QueueRecords.ACK,
                QueueRecords.KEEP, QueueRecords.PURGE);
    }

    @Property
    void queueRecordsRoundTrip(@ForAll("queueRecordTypes") byte type, @ForAll @IntRange(max = 255) int deliveries,
                               @ForAll long seq, @ForAll long location) {
        ByteBuffer buffer = ByteBuffer.allocate(QueueRecords.BYTES);
        QueueRecords.put(buffer, type, deliveries, seq, location);
        assertThat(buffer.position()).isEqualTo(QueueRecords.BYTES);
        assertThat(QueueRecords.isValid(buffer, 0)).isTrue();
        assertThat(QueueRecords.type(buffer, 0)).isEqualTo(type);
        assertThat(QueueRecords.deliveries(buffer, 0)).isEqualTo(deliveries);
        assertThat(QueueRecords.seq(buffer, 0)).isEqualTo(seq);
        assertThat(QueueRecords.location(buffer, 0)).isEqualTo(location);
    }

    @Property
    void aFlippedBitInAQueueRecordIsDetected(@ForAll("queueRecordTypes") byte type, @ForAll long seq,
                                             @ForAll long location, @ForAll @IntRange(max = 191) int bit) {
        ByteBuffer buffer = ByteBuffer.allocate(QueueRecords.BYTES);
        QueueRecords.put(buffer, type, 1, seq, location);
        buffer.put(bit / 8, (byte) (buffer.get(bit / 8) ^ (1 << (bit % 8))));
        assertThat(QueueRecords.isValid(buffer, 0)).isFalse();
    }

    @Property
    void definitionRecordsRoundTrip(@ForAll boolean put, @ForAll @Size(max = 50) String kind,
                                    @ForAll @Size(max = 300) String name, @ForAll @Size(max = 300) byte[] value) {
        DefinitionRecords record = new DefinitionRecords(put, kind, name, put ? value : null);
        DefinitionRecords back = DefinitionRecords.decode(record.encode());
        assertThat(back.put()).isEqualTo(put);
        assertThat(back.kind()).isEqualTo(kind);
        assertThat(back.name()).isEqualTo(name);
        assertThat(back.value()).isEqualTo(put ? value : null);
    }

    @Property
    void locationsRoundTrip(@ForAll boolean persistent, @ForAll @LongRange(min = 1, max = (1L << 30) - 1) long segment,
                            @ForAll @LongRange(min = 0, max = 0xFFFF_FFFFL) long offset) {
        long location = Locations.of(persistent, segment, offset);
        assertThat(location).isPositive();
        assertThat(Locations.segment(location)).isEqualTo(segment);
        assertThat(Locations.offset(location)).isEqualTo(offset);
        assertThat(Locations.isPersistent(location)).isEqualTo(persistent);
    }

    @Property
    void fileHeadersRoundTripAndRejectDamage(@ForAll @Size(max = 300) byte[] extra, @ForAll @ByteRange(min = 1) byte damage,
                                             @ForAll @IntRange(min = 0) int where) throws Exception {
        ByteBuffer header = FileHeader.encode("RVNT-TST", extra);
        java.nio.file.Path file = java.nio.file.Files.createTempFile("header", ".bin");
        try {
            byte[] bytes = new byte[header.remaining()];
            header.get(bytes);
            java.nio.file.Files.write(file, bytes);
            try (var channel = java.nio.channels.FileChannel.open(file)) {
                assertThat(FileHeader.read(channel, "RVNT-TST")).isEqualTo(extra);
                assertThat(FileHeader.read(channel, "RVNT-XXX")).isNull();
            }
            bytes[where % bytes.length] ^= damage;
            java.nio.file.Files.write(file, bytes);
            try (var channel = java.nio.channels.FileChannel.open(file)) {
                assertThat(FileHeader.read(channel, "RVNT-TST")).isNull();
            }
        } finally {
            java.nio.file.Files.delete(file);
        }
    }
}
