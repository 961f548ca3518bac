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
 * 'F' Map, 'V' null; encoding maps each type back to the same tag.
 */
public final class FieldCodec {
    private FieldCodec() {
    }

    public static String readShortString(ByteBuf in) {
        int length = in.readUnsignedByte();
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
        long length = in.readUnsignedInt();
        if (length > in.readableBytes()) {
            throw new FrameFormatException(AmqpSpec.SYNTAX_ERROR, "long string of " + length + " bytes exceeds its frame");
        }
        byte[] bytes = new byte[(int) length];
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
        long length = in.readUnsignedInt();
        if (length > in.readableBytes()) {
            throw new FrameFormatException(AmqpSpec.SYNTAX_ERROR, "table of " + length + " bytes exceeds its frame");
        }
        Map<String, Object> table = new LinkedHashMap<>();
        int end = in.readerIndex() + (int) length;
        while (in.readerIndex() < end) {
            String name = readShortString(in);
            table.put(name, readFieldValue(in));
        }
        if (in.readerIndex() != end) {
            throw new FrameFormatException(AmqpSpec.SYNTAX_ERROR, "table field overruns the table's length");
        }
        return table;
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

    static List<Object> readArray(ByteBuf in) {
        long length = in.readUnsignedInt();
        if (length > in.readableBytes()) {
            throw new FrameFormatException(AmqpSpec.SYNTAX_ERROR, "array of " + length + " bytes exceeds its frame");
        }
        List<Object> list = new ArrayList<>();
        int end = in.readerIndex() + (int) length;
        while (in.readerIndex() < end) {
            list.add(readFieldValue(in));
        }
        if (in.readerIndex() != end) {
            throw new FrameFormatException(AmqpSpec.SYNTAX_ERROR, "array value overruns the array's length");
        }
        return list;
    }

    /** Reads one tagged field value. */
    public static Object readFieldValue(ByteBuf in) {
        int tag = in.readUnsignedByte();
        switch (tag) {
            case 't': return in.readUnsignedByte() != 0;
            case 'b': return in.readByte();
            case 'B': return (short) in.readUnsignedByte();
            case 's': return in.readShort();
            case 'u': return in.readUnsignedShort();
            case 'I': return in.readInt();
            case 'i': return in.readUnsignedInt();
            case 'l': return in.readLong();
            case 'f': return in.readFloat();
            case 'd': return in.readDouble();
            case 'D': {
                int scale = in.readUnsignedByte();
                int unscaled = in.readInt();
                return new BigDecimal(BigInteger.valueOf(unscaled), scale);
            }
            case 'S': {
                long length = in.readUnsignedInt();
                if (length > in.readableBytes()) {
                    throw new FrameFormatException(AmqpSpec.SYNTAX_ERROR, "string value of " + length + " bytes exceeds its frame");
                }
                String value = in.toString(in.readerIndex(), (int) length, StandardCharsets.UTF_8);
                in.skipBytes((int) length);
                return value;
            }
            case 'x': return readLongBytes(in);
            case 'A': return readArray(in);
            case 'T': return Instant.ofEpochSecond(in.readLong());
            case 'F': return readTable(in);
            case 'V': return null;
            default:
                throw new FrameFormatException(AmqpSpec.SYNTAX_ERROR, "unknown field value type '" + (char) tag + "' (" + tag + ")");
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
