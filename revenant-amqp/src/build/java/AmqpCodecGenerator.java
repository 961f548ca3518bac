import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Build-time generator of the AMQP 0-9-1 codec from the machine-readable spec (run by the
 * exec plugin as a single-file program, so it needs nothing but the JDK). It writes:
 * AmqpSpec (constants, class and method ids and names), MethodHandler (one typed callback per
 * method), MethodDecoder (payload -> handler call, no method objects), MethodEncoder (one static
 * writer per method, whole frames) and BasicProperties (the content-header property list).
 * Usage: java AmqpCodecGenerator.java SPEC.json OUTPUT_DIR
 */
public class AmqpCodecGenerator {
    static final String PKG = "dev.revenant.amqp";

    record Arg(String name, String type) { }
    record Method(String cls, int classId, String name, int id, boolean content, List<Arg> args) { }

    public static void main(String[] argv) throws IOException {
        Map<String, Object> spec = asMap(new Json(Files.readString(Path.of(argv[0]))).value());
        Path out = Path.of(argv[1]).resolve(PKG.replace('.', '/'));
        Files.createDirectories(out);
        Map<String, String> domains = new LinkedHashMap<>();
        for (Object d : asList(spec.get("domains"))) {
            List<Object> pair = asList(d);
            domains.put((String) pair.get(0), (String) pair.get(1));
        }
        List<Method> methods = new ArrayList<>();
        List<Arg> properties = new ArrayList<>();
        for (Object c : asList(spec.get("classes"))) {
            Map<String, Object> cls = asMap(c);
            String cname = (String) cls.get("name");
            int cid = ((Number) cls.get("id")).intValue();
            for (Object m : asList(cls.get("methods"))) {
                Map<String, Object> method = asMap(m);
                List<Arg> args = new ArrayList<>();
                for (Object a : asList(method.get("arguments"))) {
                    Map<String, Object> arg = asMap(a);
                    String type = arg.containsKey("type") ? (String) arg.get("type") : domains.get((String) arg.get("domain"));
                    while (domains.containsKey(type) && !domains.get(type).equals(type)) {
                        type = domains.get(type);
                    }
                    args.add(new Arg((String) arg.get("name"), type));
                }
                methods.add(new Method(cname, cid, (String) method.get("name"), ((Number) method.get("id")).intValue(),
                        Boolean.TRUE.equals(method.get("content")), args));
            }
            if (cname.equals("basic")) {
                for (Object p : asList(cls.get("properties"))) {
                    Map<String, Object> prop = asMap(p);
                    properties.add(new Arg((String) prop.get("name"), (String) prop.get("type")));
                }
            }
        }
        write(out, "AmqpSpec", specClass(spec, methods));
        write(out, "MethodHandler", handlerInterface(methods));
        write(out, "MethodDecoder", decoderClass(methods));
        write(out, "MethodEncoder", encoderClass(methods));
        write(out, "BasicProperties", propertiesClass(properties));
    }

    static void write(Path dir, String name, String source) throws IOException {
        Path file = dir.resolve(name + ".java");
        // Leave an identical file untouched so incremental compilation stays incremental.
        if (Files.exists(file) && Files.readString(file).equals(source)) {
            return;
        }
        Files.writeString(file, source, StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- AmqpSpec

    static String specClass(Map<String, Object> spec, List<Method> methods) {
        StringBuilder s = header("AmqpSpec", "Constants of AMQP " + spec.get("major-version") + "-" + spec.get("minor-version")
                + "-" + spec.get("revision") + ": frame types, reply codes, class and method ids (generated from the spec).");
        s.append("public final class AmqpSpec {\n    private AmqpSpec() { }\n\n");
        s.append("    public static final int MAJOR = ").append(spec.get("major-version")).append(";\n");
        s.append("    public static final int MINOR = ").append(spec.get("minor-version")).append(";\n");
        s.append("    public static final int REVISION = ").append(spec.get("revision")).append(";\n");
        s.append("    public static final int DEFAULT_PORT = ").append(spec.get("port")).append(";\n\n");
        for (Object c : asList(spec.get("constants"))) {
            Map<String, Object> constant = asMap(c);
            String cls = (String) constant.get("class");
            if (cls != null) {
                s.append("    /** Reply code, ").append(cls).append(". */\n");
            }
            s.append("    public static final int ").append(upper((String) constant.get("name"))).append(" = ")
                    .append(((Number) constant.get("value")).intValue()).append(";\n");
        }
        s.append("\n");
        Map<String, Integer> classes = new LinkedHashMap<>();
        for (Method m : methods) {
            classes.put(m.cls, m.classId);
        }
        classes.forEach((name, id) -> s.append("    public static final int CLASS_").append(upper(name)).append(" = ").append(id).append(";\n"));
        s.append("\n");
        for (Method m : methods) {
            s.append("    /** ").append(m.cls).append('.').append(m.name).append(": class id << 16 | method id. */\n");
            s.append("    public static final int ").append(upper(m.cls)).append('_').append(upper(m.name))
                    .append(" = ").append((m.classId << 16) | m.id).append(";\n");
        }
        s.append("\n    /** Whether the reply code is a hard (connection) error. */\n");
        s.append("    public static boolean isHardError(int replyCode) {\n        switch (replyCode) {\n");
        for (Object c : asList(spec.get("constants"))) {
            Map<String, Object> constant = asMap(c);
            if ("hard-error".equals(constant.get("class"))) {
                s.append("            case ").append(((Number) constant.get("value")).intValue()).append(":\n");
            }
        }
        s.append("                return true;\n            default:\n                return false;\n        }\n    }\n\n");
        s.append("    /** The spec's name of a reply code in RabbitMQ's style, e.g. NOT_FOUND; null if unknown. */\n");
        s.append("    public static String replyCodeName(int replyCode) {\n        switch (replyCode) {\n");
        for (Object c : asList(spec.get("constants"))) {
            Map<String, Object> constant = asMap(c);
            if (constant.containsKey("class") || "REPLY-SUCCESS".equals(constant.get("name"))) {
                s.append("            case ").append(((Number) constant.get("value")).intValue()).append(": return \"")
                        .append(upper((String) constant.get("name"))).append("\";\n");
            }
        }
        s.append("            default: return null;\n        }\n    }\n\n");
        s.append("    /** Dotted name of a method, e.g. basic.publish, or class.method ids if unknown. */\n");
        s.append("    public static String methodName(int classId, int methodId) {\n        switch ((classId << 16) | methodId) {\n");
        for (Method m : methods) {
            s.append("            case ").append(upper(m.cls)).append('_').append(upper(m.name)).append(": return \"")
                    .append(m.cls).append('.').append(m.name).append("\";\n");
        }
        s.append("            default: return classId + \".\" + methodId;\n        }\n    }\n\n");
        s.append("    /** Whether the method carries content (a header and body frames follow it). */\n");
        s.append("    public static boolean hasContent(int classId, int methodId) {\n        switch ((classId << 16) | methodId) {\n");
        for (Method m : methods) {
            if (m.content) {
                s.append("            case ").append(upper(m.cls)).append('_').append(upper(m.name)).append(":\n");
            }
        }
        s.append("                return true;\n            default:\n                return false;\n        }\n    }\n}\n");
        return s.toString();
    }

    // ---------------------------------------------------------------- MethodHandler

    static String handlerInterface(List<Method> methods) {
        StringBuilder s = header("MethodHandler", "Receives decoded methods as typed calls, one per spec method; a method a side does not\n"
                + " * expect falls through to {@link #unexpectedMethod}. Arguments arrive in spec order.");
        s.append("public interface MethodHandler {\n");
        s.append("    /** Called for every method this handler does not override. */\n");
        s.append("    void unexpectedMethod(int channel, int classId, int methodId);\n\n");
        for (Method m : methods) {
            s.append("    /** ").append(m.cls).append('.').append(m.name).append(". */\n");
            s.append("    default void ").append(methodName(m)).append("(int channel");
            for (Arg a : m.args) {
                s.append(", ").append(javaType(a.type)).append(' ').append(camel(a.name));
            }
            s.append(") {\n        unexpectedMethod(channel, ").append(m.classId).append(", ").append(m.id).append(");\n    }\n\n");
        }
        s.setLength(s.length() - 1);
        s.append("}\n");
        return s.toString();
    }

    // ---------------------------------------------------------------- MethodDecoder

    static String decoderClass(List<Method> methods) {
        StringBuilder s = header("MethodDecoder", "Decodes a method frame's payload straight into one typed {@link MethodHandler} call,\n"
                + " * allocating no method object. Malformed payloads raise {@link FrameFormatException}.");
        s.insert(s.indexOf("/**"), "import io.netty.buffer.ByteBuf;\n\n");
        s.append("public final class MethodDecoder {\n    private MethodDecoder() { }\n\n");
        s.append("    /** Decodes one method payload (class id, method id, arguments) and calls the handler. */\n");
        s.append("    public static void decode(int channel, ByteBuf in, MethodHandler handler) {\n");
        s.append("        if (in.readableBytes() < 4) {\n            throw new FrameFormatException(\"method frame too short: \" + in.readableBytes() + \" bytes\");\n        }\n");
        s.append("        int frameClassId = in.readUnsignedShort();\n        int frameMethodId = in.readUnsignedShort();\n");
        s.append("        switch ((frameClassId << 16) | frameMethodId) {\n");
        for (Method m : methods) {
            s.append("            case AmqpSpec.").append(upper(m.cls)).append('_').append(upper(m.name)).append(": {\n");
            // Only the reads sit in the try: an IndexOutOfBoundsException thrown by the handler is
            // the handler's bug, not a truncated frame, and must not be reported as one.
            List<String> names = new ArrayList<>();
            for (Arg a : m.args) {
                names.add(camel(a.name));
                s.append("                ").append(javaType(a.type)).append(' ').append(camel(a.name)).append(";\n");
            }
            if (!m.args.isEmpty()) {
                s.append("                try {\n");
                int bit = 0;
                String group = null;
                for (int i = 0; i < m.args.size(); i++) {
                    Arg a = m.args.get(i);
                    String v = camel(a.name);
                    if (a.type.equals("bit")) {
                        if (bit == 0) {
                            group = "bits" + i;
                            s.append("                    int ").append(group).append(" = in.readUnsignedByte();\n");
                        }
                        s.append("                    ").append(v).append(" = (").append(group).append(" & ").append(1 << bit).append(") != 0;\n");
                        bit = (bit + 1) % 8;
                    } else {
                        bit = 0;
                        s.append("                    ").append(v).append(" = ").append(readExpr(a.type)).append(";\n");
                    }
                }
                s.append("                } catch (IndexOutOfBoundsException e) {\n                    throw truncated(frameClassId, frameMethodId);\n                }\n");
            }
            s.append("                handler.").append(methodName(m)).append("(channel");
            for (String n : names) {
                s.append(", ").append(n);
            }
            s.append(");\n                return;\n            }\n");
        }
        s.append("            default:\n                handler.unexpectedMethod(channel, frameClassId, frameMethodId);\n        }\n");
        s.append("    }\n\n");
        s.append("    private static FrameFormatException truncated(int classId, int methodId) {\n");
        s.append("        return new FrameFormatException(\"truncated arguments of \" + AmqpSpec.methodName(classId, methodId));\n    }\n}\n");
        return s.toString();
    }

    static String readExpr(String type) {
        switch (type) {
            case "octet": return "(int) in.readUnsignedByte()";
            case "short": return "in.readUnsignedShort()";
            case "long": return "in.readUnsignedInt()";
            case "longlong": return "in.readLong()";
            case "timestamp": return "in.readLong()";
            case "shortstr": return "FieldCodec.readShortString(in)";
            case "longstr": return "FieldCodec.readLongBytes(in)";
            case "table": return "FieldCodec.readTable(in)";
            default: throw new IllegalArgumentException("unknown type " + type);
        }
    }

    // ---------------------------------------------------------------- MethodEncoder

    static String encoderClass(List<Method> methods) {
        StringBuilder s = header("MethodEncoder", "Writes whole method frames (type, channel, size, payload, frame-end), one static writer\n"
                + " * per spec method, so that encoding cannot drift from the spec.");
        s.insert(s.indexOf("/**"), "import io.netty.buffer.ByteBuf;\n\n");
        s.append("public final class MethodEncoder {\n    private MethodEncoder() { }\n\n");
        for (Method m : methods) {
            s.append("    /** Writes a ").append(m.cls).append('.').append(m.name).append(" frame. */\n");
            s.append("    public static void ").append(methodName(m)).append("(ByteBuf out, int channel");
            for (Arg a : m.args) {
                s.append(", ").append(javaType(a.type)).append(' ').append(camel(a.name));
            }
            s.append(") {\n");
            s.append("        int start = Frames.beginFrame(out, AmqpSpec.FRAME_METHOD, channel);\n");
            s.append("        out.writeShort(").append(m.classId).append(");\n        out.writeShort(").append(m.id).append(");\n");
            int bit = 0;
            for (int i = 0; i < m.args.size(); i++) {
                Arg a = m.args.get(i);
                String v = camel(a.name);
                if (a.type.equals("bit")) {
                    if (bit == 0) {
                        s.append("        int bits").append(i).append(" = 0;\n");
                        s.append("        int bitsIndex").append(i).append(" = out.writerIndex();\n        out.writeByte(0);\n");
                    }
                    int groupStart = i - bit;
                    s.append("        bits").append(groupStart).append(" |= ").append(v).append(" ? ").append(1 << bit).append(" : 0;\n");
                    s.append("        out.setByte(bitsIndex").append(groupStart).append(", bits").append(groupStart).append(");\n");
                    bit = (bit + 1) % 8;
                } else {
                    bit = 0;
                    s.append("        ").append(writeStmt(a.type, v)).append(";\n");
                }
            }
            s.append("        Frames.endFrame(out, start);\n    }\n\n");
        }
        s.setLength(s.length() - 1);
        s.append("}\n");
        return s.toString();
    }

    static String writeStmt(String type, String v) {
        switch (type) {
            case "octet": return "out.writeByte(" + v + ")";
            case "short": return "out.writeShort(" + v + ")";
            case "long": return "out.writeInt((int) " + v + ")";
            case "longlong": return "out.writeLong(" + v + ")";
            case "timestamp": return "out.writeLong(" + v + ")";
            case "shortstr": return "FieldCodec.writeShortString(out, " + v + ")";
            case "longstr": return "FieldCodec.writeLongBytes(out, " + v + ")";
            case "table": return "FieldCodec.writeTable(out, " + v + ")";
            default: throw new IllegalArgumentException("unknown type " + type);
        }
    }

    // ---------------------------------------------------------------- BasicProperties

    static String propertiesClass(List<Arg> props) {
        StringBuilder s = header("BasicProperties", "The basic class's content-header properties, in spec order with their presence flags.\n"
                + " * A null field is absent on the wire; decode then encode reproduces the same bytes.");
        s.insert(s.indexOf("/**"), "import io.netty.buffer.ByteBuf;\nimport java.util.Map;\n\n");
        s.append("public final class BasicProperties {\n");
        for (Arg p : props) {
            s.append("    private ").append(boxed(p.type)).append(' ').append(camel(p.name)).append(";\n");
        }
        s.append("\n    public BasicProperties() { }\n\n");
        s.append("    /** A shallow copy (tables are shared, not copied). */\n");
        s.append("    public BasicProperties copy() {\n        BasicProperties c = new BasicProperties();\n");
        for (Arg p : props) {
            s.append("        c.").append(camel(p.name)).append(" = ").append(camel(p.name)).append(";\n");
        }
        s.append("        return c;\n    }\n\n");
        for (Arg p : props) {
            String n = camel(p.name);
            String t = boxed(p.type);
            s.append("    /** The ").append(p.name).append(" property, or null when absent. */\n");
            s.append("    public ").append(t).append(' ').append(n).append("() { return ").append(n).append("; }\n\n");
            s.append("    public BasicProperties ").append(n).append('(').append(t).append(" value) { this.").append(n)
                    .append(" = value; return this; }\n\n");
        }
        s.append("    /** Reads the property flags and the present properties; malformed ones raise {@link FrameFormatException}. */\n");
        s.append("    public static BasicProperties decode(ByteBuf in) {\n        BasicProperties p = new BasicProperties();\n");
        s.append("        if (in.readableBytes() < 2) {\n            throw new FrameFormatException(\"content header without property flags\");\n        }\n");
        s.append("        int flags = in.readUnsignedShort();\n");
        s.append("        if ((flags & 1) != 0) {\n            throw new FrameFormatException(\"property flags continuation is not supported\");\n        }\n");
        s.append("        try {\n");
        for (int i = 0; i < props.size(); i++) {
            Arg p = props.get(i);
            s.append("            if ((flags & ").append(1 << (15 - i)).append(") != 0) {\n                p.").append(camel(p.name))
                    .append(" = ").append(readExpr(p.type)).append(";\n            }\n");
        }
        s.append("        } catch (IndexOutOfBoundsException e) {\n");
        s.append("            throw new FrameFormatException(\"truncated content header properties\");\n        }\n");
        s.append("        return p;\n    }\n\n");
        s.append("    /** Writes the property flags and the present properties. */\n");
        s.append("    public void encode(ByteBuf out) {\n        int flags = 0;\n");
        for (int i = 0; i < props.size(); i++) {
            s.append("        if (").append(camel(props.get(i).name)).append(" != null) {\n            flags |= ").append(1 << (15 - i)).append(";\n        }\n");
        }
        s.append("        out.writeShort(flags);\n");
        for (Arg p : props) {
            String n = camel(p.name);
            s.append("        if (").append(n).append(" != null) {\n            ").append(writeStmt(p.type, n)).append(";\n        }\n");
        }
        s.append("    }\n\n    @Override\n    public String toString() {\n        StringBuilder b = new StringBuilder(\"BasicProperties{\");\n");
        for (Arg p : props) {
            String n = camel(p.name);
            s.append("        if (").append(n).append(" != null) {\n            b.append(\"").append(p.name).append("=\").append(")
                    .append(p.type.equals("longstr") ? "new String(" + n + ", java.nio.charset.StandardCharsets.UTF_8)" : n)
                    .append(").append(' ');\n        }\n");
        }
        s.append("        return b.append('}').toString();\n    }\n}\n");
        return s.toString();
    }

    // ---------------------------------------------------------------- helpers

    static StringBuilder header(String name, String doc) {
        StringBuilder s = new StringBuilder();
        s.append("// Generated by AmqpCodecGenerator from amqp-rabbitmq-0.9.1.json: do not edit.\n");
        s.append("package ").append(PKG).append(";\n\n");
        s.append("/**\n * ").append(doc).append("\n */\n");
        return s;
    }

    static String javaType(String type) {
        switch (type) {
            case "bit": return "boolean";
            case "octet": case "short": return "int";
            case "long": case "longlong": case "timestamp": return "long";
            case "shortstr": return "String";
            case "longstr": return "byte[]";
            case "table": return "Map<String, Object>".replace("Map", "java.util.Map");
            default: throw new IllegalArgumentException("unknown type " + type);
        }
    }

    static String boxed(String type) {
        switch (type) {
            case "octet": case "short": return "Integer";
            case "long": case "longlong": case "timestamp": return "Long";
            case "bit": return "Boolean";
            case "table": return "Map<String, Object>";
            default: return javaType(type);
        }
    }

    static String methodName(Method m) {
        String n = camel(m.name);
        return m.cls + Character.toUpperCase(n.charAt(0)) + n.substring(1);
    }

    static String camel(String kebab) {
        StringBuilder b = new StringBuilder();
        boolean up = false;
        for (char c : kebab.toCharArray()) {
            if (c == '-') {
                up = true;
            } else {
                b.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return b.toString();
    }

    static String upper(String kebab) {
        return kebab.replace('-', '_').toUpperCase();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Object> asList(Object o) {
        return o == null ? List.of() : (List<Object>) o;
    }

    /** A minimal JSON reader: objects, arrays, strings, numbers, booleans, null. */
    static final class Json {
        private final String text;
        private int pos;

        Json(String text) {
            this.text = text;
        }

        Object value() {
            skip();
            char c = text.charAt(pos);
            if (c == '{') {
                Map<String, Object> map = new LinkedHashMap<>();
                pos++;
                skip();
                if (text.charAt(pos) == '}') {
                    pos++;
                    return map;
                }
                while (true) {
                    skip();
                    String key = (String) value();
                    skip();
                    expect(':');
                    map.put(key, value());
                    skip();
                    if (text.charAt(pos) == '}') {
                        pos++;
                        return map;
                    }
                }
            }
            if (c == '[') {
                List<Object> list = new ArrayList<>();
                pos++;
                skip();
                if (text.charAt(pos) == ']') {
                    pos++;
                    return list;
                }
                while (true) {
                    list.add(value());
                    skip();
                    if (text.charAt(pos) == ']') {
                        pos++;
                        return list;
                    }
                }
            }
            if (c == '"') {
                StringBuilder b = new StringBuilder();
                pos++;
                while (text.charAt(pos) != '"') {
                    char ch = text.charAt(pos++);
                    if (ch == '\\') {
                        char e = text.charAt(pos++);
                        switch (e) {
                            case 'n': b.append('\n'); break;
                            case 't': b.append('\t'); break;
                            case 'u': b.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16)); pos += 4; break;
                            default: b.append(e);
                        }
                    } else {
                        b.append(ch);
                    }
                }
                pos++;
                return b.toString();
            }
            if (text.startsWith("true", pos)) {
                pos += 4;
                return Boolean.TRUE;
            }
            if (text.startsWith("false", pos)) {
                pos += 5;
                return Boolean.FALSE;
            }
            if (text.startsWith("null", pos)) {
                pos += 4;
                return null;
            }
            int start = pos;
            while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0) {
                pos++;
            }
            String number = text.substring(start, pos);
            return number.contains(".") ? (Object) Double.valueOf(number) : (Object) Long.valueOf(number);
        }

        private void skip() {
            while (pos < text.length() && (Character.isWhitespace(text.charAt(pos)) || text.charAt(pos) == ',')) {
                pos++;
            }
        }

        private void expect(char c) {
            if (text.charAt(pos++) != c) {
                throw new IllegalStateException("expected '" + c + "' at " + (pos - 1));
            }
        }
    }
}
