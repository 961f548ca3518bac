package dev.revenant.amqp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The spec JSON the codec is generated from, read independently of the generator into plain
 * records: constants, classes, methods with their arguments' wire types (domains resolved), and
 * the basic class's properties. Tests compare the generated code against this.
 */
record SpecModel(List<Constant> constants, Map<String, Integer> classIds, List<Method> methods, List<Argument> basicProperties) {
    static final Path SPEC = Path.of("src/main/spec/amqp-rabbitmq-0.9.1.json");
    static final Set<String> WIRE_TYPES = Set.of("bit", "octet", "short", "long", "longlong", "shortstr", "longstr", "table", "timestamp");

    record Constant(String name, int value, String errorClass) {
        String javaName() {
            return name.replace('-', '_');
        }
    }

    record Argument(String name, String type) {
        String javaName() {
            return camel(name);
        }
    }

    record Method(String className, int classId, String name, int id, boolean content, List<Argument> arguments) {
        String dotted() {
            return className + "." + name;
        }

        /** The Java name used by MethodHandler and MethodEncoder, e.g. queueDeclareOk. */
        String javaName() {
            String n = camel(name);
            return className + Character.toUpperCase(n.charAt(0)) + n.substring(1);
        }

        /** The AmqpSpec constant name, e.g. QUEUE_DECLARE_OK. */
        String constantName() {
            return (className + "_" + name).replace('-', '_').toUpperCase();
        }
    }

    private static SpecModel loaded;

    static synchronized SpecModel load() {
        if (loaded == null) {
            try {
                loaded = parse(Files.readString(SPEC));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return loaded;
    }

    @SuppressWarnings("unchecked")
    static SpecModel parse(String json) {
        Map<String, Object> spec = (Map<String, Object>) MiniJson.parse(json);
        Map<String, String> domains = new HashMap<>();
        for (Object d : (List<Object>) spec.get("domains")) {
            List<Object> pair = (List<Object>) d;
            domains.put((String) pair.get(0), (String) pair.get(1));
        }
        List<Constant> constants = new ArrayList<>();
        for (Object c : (List<Object>) spec.get("constants")) {
            Map<String, Object> constant = (Map<String, Object>) c;
            constants.add(new Constant((String) constant.get("name"), ((Long) constant.get("value")).intValue(),
                    (String) constant.get("class")));
        }
        Map<String, Integer> classIds = new java.util.LinkedHashMap<>();
        List<Method> methods = new ArrayList<>();
        List<Argument> properties = new ArrayList<>();
        for (Object c : (List<Object>) spec.get("classes")) {
            Map<String, Object> cls = (Map<String, Object>) c;
            String className = (String) cls.get("name");
            int classId = ((Long) cls.get("id")).intValue();
            classIds.put(className, classId);
            for (Object m : (List<Object>) cls.get("methods")) {
                Map<String, Object> method = (Map<String, Object>) m;
                List<Argument> arguments = new ArrayList<>();
                for (Object a : (List<Object>) method.get("arguments")) {
                    Map<String, Object> arg = (Map<String, Object>) a;
                    String type = arg.containsKey("type") ? (String) arg.get("type") : domains.get((String) arg.get("domain"));
                    if (!WIRE_TYPES.contains(type)) {
                        throw new IllegalArgumentException("unresolved type " + type + " of " + className + "." + method.get("name"));
                    }
                    arguments.add(new Argument((String) arg.get("name"), type));
                }
                methods.add(new Method(className, classId, (String) method.get("name"), ((Long) method.get("id")).intValue(),
                        Boolean.TRUE.equals(method.get("content")), List.copyOf(arguments)));
            }
            if (className.equals("basic")) {
                for (Object p : (List<Object>) cls.get("properties")) {
                    Map<String, Object> property = (Map<String, Object>) p;
                    properties.add(new Argument((String) property.get("name"), (String) property.get("type")));
                }
            }
        }
        return new SpecModel(List.copyOf(constants), classIds, List.copyOf(methods), List.copyOf(properties));
    }

    Method method(String dotted) {
        return methods.stream().filter(m -> m.dotted().equals(dotted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no method " + dotted));
    }

    static String camel(String kebab) {
        StringBuilder b = new StringBuilder();
        boolean upper = false;
        for (char c : kebab.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                b.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return b.toString();
    }
}
