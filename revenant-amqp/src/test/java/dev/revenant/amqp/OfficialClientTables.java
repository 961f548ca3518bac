package dev.revenant.amqp;

import com.rabbitmq.client.impl.ValueReader;
import com.rabbitmq.client.impl.ValueWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** Field tables written and read by amqp-client's ValueWriter and ValueReader, next to ours. */
final class OfficialClientTables {
    private OfficialClientTables() {
    }

    /** The bytes amqp-client writes for a table given in its own value types. */
    static byte[] clientWrites(Map<String, Object> clientTable) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            new ValueWriter(out).writeTable(clientTable);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The table amqp-client reads from bytes, in its own value types. */
    static Map<String, Object> clientReads(byte[] table) {
        try {
            return new ValueReader(new DataInputStream(new ByteArrayInputStream(table))).readTable();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] ourWrites(Map<String, ?> table) {
        ByteBuf out = Unpooled.buffer();
        FieldCodec.writeTable(out, table);
        return ByteBufUtil.getBytes(out);
    }

    static Map<String, Object> ourReads(byte[] table) {
        ByteBuf in = Unpooled.wrappedBuffer(table);
        Map<String, Object> read = FieldCodec.readTable(in);
        if (in.isReadable()) {
            throw new AssertionError(in.readableBytes() + " bytes left after the table");
        }
        return read;
    }
}
