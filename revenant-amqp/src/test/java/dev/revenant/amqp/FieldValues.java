package dev.revenant.amqp;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generators of AMQP values in the codec's Java types, plus {@link #comparable}, which turns
 * byte arrays (compared by identity in equals) into hex so whole tables compare by content.
 */
final class FieldValues {
    private FieldValues() {
    }

    /** Strings without lone surrogates (which UTF-8 cannot carry), up to 255 UTF-8 bytes. */
    static Arbitrary<String> shortStrings() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ascii().ofMaxLength(255),
                Arbitraries.strings().withCharRange('\u0000', '\uD7FF').withCharRange('\uE000', '\uFFFD').ofMaxLength(85));
    }

    static Arbitrary<String> longStrings() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ascii().ofMaxLength(600),
                Arbitraries.strings().withCharRange('\u0000', '\uD7FF').withCharRange('\uE000', '\uFFFD').ofMaxLength(40));
    }

    static Arbitrary<byte[]> byteArrays(int maxLength) {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(maxLength);
    }

    static Arbitrary<BigDecimal> decimals() {
        return Combinators.combine(Arbitraries.integers(), Arbitraries.integers().between(0, 255))
                .as((unscaled, scale) -> new BigDecimal(BigInteger.valueOf(unscaled), scale));
    }

    /** Whole seconds within java.util.Date's range too, so the official client can carry them. */
    static Arbitrary<Instant> instants() {
        long limit = Long.MAX_VALUE / 1000 - 1;
        return Arbitraries.longs().between(-limit, limit).map(Instant::ofEpochSecond);
    }

    /** Every scalar type of the contract, null ('V') included. */
    static Arbitrary<Object> scalars() {
        return Arbitraries.oneOf(
                Arbitraries.of(true, false),
                Arbitraries.bytes(),
                Arbitraries.shorts(),
                Arbitraries.integers(),
                Arbitraries.longs(),
                Arbitraries.floats(),
                Arbitraries.doubles(),
                decimals(),
                longStrings(),
                byteArrays(40),
                instants(),
                Arbitraries.just(null));
    }

    /** Values nested at most {@code depth} containers deep. */
    static Arbitrary<Object> values(int depth) {
        if (depth == 0) {
            return scalars();
        }
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, scalars()),
                net.jqwik.api.Tuple.of(1, Arbitraries.lazy(() -> lists(depth - 1))),
                net.jqwik.api.Tuple.of(1, Arbitraries.lazy(() -> tables(depth - 1))));
    }

    static Arbitrary<Object> lists(int depth) {
        return values(depth).list().ofMaxSize(4).map(l -> (Object) new ArrayList<>(l));
    }

    static Arbitrary<Object> tables(int depth) {
        return tableArbitrary(depth).map(t -> (Object) t);
    }

    static Arbitrary<Map<String, Object>> tableArbitrary(int depth) {
        Arbitrary<String> keys = Arbitraries.oneOf(Arbitraries.strings().ascii().ofMaxLength(12),
                Arbitraries.strings().withCharRange('\u00a0', '\u30ff').ofMaxLength(6));
        return Combinators.combine(keys.list().ofMaxSize(5).uniqueElements(), values(depth).list().ofSize(5))
                .as((names, values) -> {
                    Map<String, Object> table = new LinkedHashMap<>();
                    for (int i = 0; i < names.size(); i++) {
                        table.put(names.get(i), values.get(i));
                    }
                    return table;
                });
    }

    /** A byte array's content, with value equality. */
    record Bytes(String hex) {
    }

    /** A deep copy in which byte arrays become {@link Bytes}, so equals compares content. */
    static Object comparable(Object value) {
        if (value instanceof byte[] bytes) {
            return new Bytes(HexFormat.of().formatHex(bytes));
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, comparable(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(comparable(v)));
            return copy;
        }
        if (value instanceof Object[] array) {
            return comparable(java.util.Arrays.asList(array));
        }
        return value;
    }
}
