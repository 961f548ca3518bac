package dev.revenant.amqp;

import io.netty.buffer.ByteBuf;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AMQP field values, tables and strings in RabbitMQ's dialect. Tables decode to ordered maps
 * whose value types are fixed (see package docs): 't' Boolean, 'b' Byte, 's' Short, 'I' Integer,
 * 'l' Long, 'f' Float, 'd' Double, 'D' BigDecimal, 'S' String, 'x' byte[], 'A' List, 'T' Instant,
 * 'F' Map, 'V' null; encoding maps each type back to the same tag. Malformed input raises
 * {@link FrameFormatException} with 501 FRAME_ERROR (as RabbitMQ closes with), never another exception.
 */
public final class FieldCodec {
    /**
     * Deepest nesting of tables and arrays accepted when reading (the outermost container counts
     * as 1). Reading recurses once per level, so a bound keeps a hostile frame (a 128 KiB frame can
     * nest 26,000 arrays) from overflowing the stack; the official Java client reads only 32.
     */
    public static final int MAX_NESTING_DEPTH = 256;

    private FieldCodec() {
    }

    public static String readShortString(ByteBuf in) {
        require(in, 1, "short string length");
        int length = in.readUnsignedByte();
        require(in, length, "short string");
        String value = in.toString(in.readerIndex(), length, StandardCharsets.UTF_8);
        in.skipBytes(length);
        return value;
    }

    public static void writeShortString(ByteBuf out, String value) {
        if (value == null) {
            out.writeByte(0);
            return;
        }
        int lengthIndex = out.writerIndex();
        out.writeByte(0);
        int length = out.writeCharSequence(value, StandardCharsets.UTF_8);
        if (length > 255) {
            throw new IllegalArgumentException("short string longer than 255 bytes: " + length);
        }
        out.setByte(lengthIndex, length);
    }

    public static byte[] readLongBytes(ByteBuf in) {
        byte[] bytes = new byte[readLength(in, "long string")];
        in.readBytes(bytes);
        return bytes;
    }

    public static void writeLongBytes(ByteBuf out, byte[] value) {
        if (value == null) {
            out.writeInt(0);
            return;
        }
        out.writeInt(value.length);
        out.writeBytes(value);
    }

    /** Reads a table; an empty table decodes to an empty (mutable) map. */
    public static Map<String, Object> readTable(ByteBuf in) {
        return readTable(in, 1);
    }

    public static void writeTable(ByteBuf out, Map<String, ?> table) {
        int lengthIndex = out.writerIndex();
        out.writeInt(0);
        if (table != null) {
            for (Map.Entry<String, ?> entry : table.entrySet()) {
                writeShortString(out, entry.getKey());
                writeFieldValue(out, entry.getValue());
            }
        }
        out.setInt(lengthIndex, out.writerIndex() - lengthIndex - 4);
    }

    /** Reads one tagged field value. */
    public static Object readFieldValue(ByteBuf in) {
        return readFieldValue(in, 0);
    }

    // Containers are read from a slice of exactly their declared length, so nothing inside one
    // can read past it: a value that overruns its table or array is simply truncated.
    private static Map<String, Object> readTable(ByteBuf in, int depth) {
        checkDepth(depth);
        ByteBuf body = in.readSlice(readLength(in, "table"));
        Map<String, Object> table = new LinkedHashMap<>();
        while (body.isReadable()) {
            String name = readShortString(body);
            table.put(name, readFieldValue(body, depth));
        }
        return table;
    }

    private static List<Object> readArray(ByteBuf in, int depth) {
        checkDepth(depth);
        ByteBuf body = in.readSlice(readLength(in, "array"));
        List<Object> list = new ArrayList<>();
        while (body.isReadable()) {
            list.add(readFieldValue(body, depth));
        }
        return list;
    }

    /** Reads a value held by a container at {@code depth} (0 when read on its own). */
    private static Object readFieldValue(ByteBuf in, int depth) {
        require(in, 1, "field value type");
        int tag = in.readUnsignedByte();
        switch (tag) {
            case 't': return require(in, 1, "boolean").readUnsignedByte() != 0;
            case 'b': return require(in, 1, "byte").readByte();
            case 'B': return (short) require(in, 1, "unsigned byte").readUnsignedByte();
            case 's': return require(in, 2, "short").readShort();
            case 'u': return require(in, 2, "unsigned short").readUnsignedShort();
            case 'I': return require(in, 4, "integer").readInt();
            case 'i': return require(in, 4, "unsigned integer").readUnsignedInt();
            case 'l': return require(in, 8, "long").readLong();
            case 'f': return require(in, 4, "float").readFloat();
            case 'd': return require(in, 8, "double").readDouble();
            case 'D': {
                int scale = require(in, 5, "decimal").readUnsignedByte();
                int unscaled = in.readInt();
                return new BigDecimal(BigInteger.valueOf(unscaled), scale);
            }
            case 'S': {
                int length = readLength(in, "string value");
                String value = in.toString(in.readerIndex(), length, StandardCharsets.UTF_8);
                in.skipBytes(length);
                return value;
            }
            case 'x': return readLongBytes(in);
            case 'A': return readArray(in, depth + 1);
            case 'T': return timestamp(require(in, 8, "timestamp").readLong());
            case 'F': return readTable(in, depth + 1);
            case 'V': return null;
            default:
                throw new FrameFormatException("unknown field value type '" + (char) tag + "' (" + tag + ")");
        }
    }

    private static Instant timestamp(long epochSecond) {
        // RabbitMQ passes any 64-bit timestamp through; Instant spans +-1e9 years, so only
        // deliberately absurd values are refused here.
        if (epochSecond < Instant.MIN.getEpochSecond() || epochSecond > Instant.MAX.getEpochSecond()) {
            throw new FrameFormatException("timestamp " + epochSecond + " is outside the representable range");
        }
        return Instant.ofEpochSecond(epochSecond);
    }

    /** Reads a 32-bit length prefix and checks that many bytes follow. */
    private static int readLength(ByteBuf in, String what) {
        require(in, 4, what + " length");
        long length = in.readUnsignedInt();
        if (length > in.readableBytes()) {
            throw new FrameFormatException(what + " of " + length + " bytes exceeds its frame");
        }
        return (int) length;
    }

    private static ByteBuf require(ByteBuf in, int bytes, String what) {
        if (in.readableBytes() < bytes) {
            throw new FrameFormatException("truncated " + what + ": " + bytes + " bytes needed, " + in.readableBytes() + " left");
        }
        return in;
    }

    private static void checkDepth(int depth) {
        if (depth > MAX_NESTING_DEPTH) {
            throw new FrameFormatException("field tables and arrays nested deeper than " + MAX_NESTING_DEPTH);
        }
    }

    /** Writes one tagged field value; unknown Java types are refused. */
    public static void writeFieldValue(ByteBuf out, Object value) {
        if (value == null) {
            out.writeByte('V');
        } else if (value instanceof String s) {
            out.writeByte('S');
            int lengthIndex = out.writerIndex();
            out.writeInt(0);
            int length = out.writeCharSequence(s, StandardCharsets.UTF_8);
            out.setInt(lengthIndex, length);
        } else if (value instanceof Integer i) {
            out.writeByte('I').writeInt(i);
        } else if (value instanceof Long l) {
            out.writeByte('l').writeLong(l);
        } else if (value instanceof Boolean b) {
            out.writeByte('t').writeByte(b ? 1 : 0);
        } else if (value instanceof Map<?, ?> m) {
            out.writeByte('F');
            @SuppressWarnings("unchecked")
            Map<String, ?> table = (Map<String, ?>) m;
            writeTable(out, table);
        } else if (value instanceof List<?> list) {
            out.writeByte('A');
            int lengthIndex = out.writerIndex();
            out.writeInt(0);
            for (Object item : list) {
                writeFieldValue(out, item);
            }
            out.setInt(lengthIndex, out.writerIndex() - lengthIndex - 4);
        } else if (value instanceof Instant t) {
            out.writeByte('T').writeLong(t.getEpochSecond());
        } else if (value instanceof Date d) {
            out.writeByte('T').writeLong(d.getTime() / 1000);
        } else if (value instanceof byte[] bytes) {
            out.writeByte('x');
            writeLongBytes(out, bytes);
        } else if (value instanceof Short s) {
            out.writeByte('s').writeShort(s);
        } else if (value instanceof Byte b) {
            out.writeByte('b').writeByte(b);
        } else if (value instanceof Float f) {
            out.writeByte('f').writeFloat(f);
        } else if (value instanceof Double d) {
            out.writeByte('d').writeDouble(d);
        } else if (value instanceof BigDecimal d) {
            writeDecimal(out, d);
        } else {
            throw new IllegalArgumentException("no AMQP field type for " + value.getClass().getName());
        }
    }

    private static void writeDecimal(ByteBuf out, BigDecimal value) {
        if (value.scale() < 0 || value.scale() > 255) {
            throw new IllegalArgumentException("decimal scale out of range 0..255: " + value);
        }
        BigInteger unscaled = value.unscaledValue();
        if (unscaled.bitLength() > 31) {
            throw new IllegalArgumentException("decimal does not fit 32 bits unscaled: " + value);
        }
        out.writeByte('D').writeByte(value.scale()).writeInt(unscaled.intValue());
    }
}
