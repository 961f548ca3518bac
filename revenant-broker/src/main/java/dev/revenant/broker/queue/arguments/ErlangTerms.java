package dev.revenant.broker.queue.arguments;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * Prints field-table values the way RabbitMQ's error texts show them (Erlang's {@code ~p}):
 * binaries as {@code <<"a">>}, arrays as {@code [{signedint,1}]}, tables as
 * {@code [{<<"k">>,long,1}]}, floats in Erlang's shortest form ({@code 1.0e3}).
 */
final class ErlangTerms {
    private ErlangTerms() {
    }

    /** The Erlang term for a value as RabbitMQ holds it (strings become binaries). */
    static String of(Object value) {
        if (value instanceof String || value instanceof byte[]) {
            return binary(FieldValues.bytes(value));
        } else if (value instanceof List<?> list) {
            StringBuilder out = new StringBuilder("[");
            for (Object element : list) {
                if (out.length() > 1) {
                    out.append(',');
                }
                out.append('{').append(FieldValues.typeName(element)).append(',').append(of(element)).append('}');
            }
            return out.append(']').toString();
        } else if (value instanceof Map<?, ?> table) {
            StringBuilder out = new StringBuilder("[");
            for (Map.Entry<?, ?> entry : table.entrySet()) {
                if (out.length() > 1) {
                    out.append(',');
                }
                out.append('{').append(binary(((String) entry.getKey()).getBytes(StandardCharsets.UTF_8)))
                        .append(',').append(FieldValues.typeName(entry.getValue()))
                        .append(',').append(of(entry.getValue())).append('}');
            }
            return out.append(']').toString();
        }
        return scalar(value);
    }

    /** Numbers, booleans, timestamps, decimals and void. */
    static String scalar(Object value) {
        if (value == null) {
            return "undefined";
        } else if (value instanceof Double || value instanceof Float) {
            return erlangFloat(((Number) value).doubleValue());
        } else if (value instanceof BigDecimal decimal) {
            return "{" + decimal.scale() + "," + decimal.unscaledValue() + "}";
        } else if (value instanceof Instant || value instanceof Date) {
            return Long.toString(FieldValues.integerValue(value));
        }
        return String.valueOf(value);
    }

    /** An Erlang string literal ({@code "..."}), as {@code ~p} prints a printable string. */
    static String string(String text) {
        return '"' + escape(text) + '"';
    }

    static String binary(byte[] bytes) {
        boolean printable = true;
        for (byte b : bytes) {
            printable &= b >= 32 && b < 127;
        }
        if (printable) {
            return "<<\"" + escape(new String(bytes, StandardCharsets.US_ASCII)) + "\">>";
        }
        StringBuilder out = new StringBuilder("<<");
        for (int i = 0; i < bytes.length; i++) {
            out.append(i == 0 ? "" : ",").append(bytes[i] & 0xff);
        }
        return out.append(">>").toString();
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /**
     * Erlang prints the shortest digits that read back to the same double, in plain or
     * scientific notation, whichever is shorter (plain on a tie): 2.5, 100.0, 1.0e3.
     */
    static String erlangFloat(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        if (value == 0) {
            return 1 / value < 0 ? "-0.0" : "0.0";
        }
        BigDecimal exact = new BigDecimal(Double.toString(Math.abs(value))).stripTrailingZeros();
        String digits = exact.unscaledValue().toString();
        int exponent = digits.length() - 1 - exact.scale();
        String scientific = digits.charAt(0) + "." + (digits.length() > 1 ? digits.substring(1) : "0") + "e" + exponent;
        String plain = exact.toPlainString();
        if (!plain.contains(".")) {
            plain += ".0";
        }
        return (value < 0 ? "-" : "") + (scientific.length() < plain.length() ? scientific : plain);
    }
}
