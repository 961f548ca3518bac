package dev.revenant.store.file;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** However a segment is cut or followed by junk, the valid end is the last whole record's end. */
class MessageScannerProperties {
    private static final int START = 16;

    @Property(tries = 300)
    void validEndIsTheLastWholeRecordBeforeTheDamage(
            @ForAll @Size(max = 30) List<@IntRange(max = 3000) Integer> sizes,
            @ForAll @IntRange(min = 0) int cutSeed, @ForAll @Size(max = 64) byte[] junk) throws Exception {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.write(new byte[START]);
        long[] ends = new long[sizes.size() + 1];
        ends[0] = START;
        for (int i = 0; i < sizes.size(); i++) {
            byte[] payload = new byte[sizes.get(i)];
            java.util.Arrays.fill(payload, (byte) (i + 1));
            content.write(MessageRecords.encode(payload));
            ends[i + 1] = content.size();
        }
        byte[] bytes = content.toByteArray();
        int cut = START + cutSeed % (bytes.length - START + 1);
        long expected = START;
        for (long end : ends) {
            if (end <= cut) {
                expected = end;
            }
        }
        Path file = Files.createTempFile("segment", ".bin");
        try {
            Files.write(file, java.util.Arrays.copyOf(bytes, cut));
            if (junk.length > 0 && cut == bytes.length) {
                // Junk after whole records must not be taken for one (unless it happens to be valid).
                Files.write(file, junk, StandardOpenOption.APPEND);
            }
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                long validEnd = MessageScanner.validEnd(channel, START, channel.size());
                if (junk.length > 0 && cut == bytes.length && MessageRecords.decode(ByteBuffer.wrap(junk)) != null) {
                    assertThat(validEnd).isGreaterThanOrEqualTo(expected);
                } else {
                    assertThat(validEnd).isEqualTo(expected);
                }
            }
        } finally {
            Files.delete(file);
        }
    }
}
