package dev.revenant.broker.queue.arguments;

import static dev.revenant.broker.queue.arguments.Tables.table;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class FieldValuesTest {

    @Test
    void namesEachCodecTypeAsRabbitMqDoes() {
        assertThat(FieldValues.typeName(null)).isEqualTo("void");
        assertThat(FieldValues.typeName("s")).isEqualTo("longstr");
        assertThat(FieldValues.typeName(1)).isEqualTo("signedint");
        assertThat(FieldValues.typeName(1L)).isEqualTo("long");
        assertThat(FieldValues.typeName((short) 1)).isEqualTo("short");
        assertThat(FieldValues.typeName((byte) 1)).isEqualTo("byte");
        assertThat(FieldValues.typeName(true)).isEqualTo("bool");
        assertThat(FieldValues.typeName(1.0d)).isEqualTo("double");
        assertThat(FieldValues.typeName(1.0f)).isEqualTo("float");
        assertThat(FieldValues.typeName(BigDecimal.ONE)).isEqualTo("decimal");
        assertThat(FieldValues.typeName(new byte[0])).isEqualTo("binary");
        assertThat(FieldValues.typeName(List.of())).isEqualTo("array");
        assertThat(FieldValues.typeName(table())).isEqualTo("table");
        assertThat(FieldValues.typeName(Instant.EPOCH)).isEqualTo("timestamp");
    }

    @Test
    void printsFloatsTheErlangWay() {
        assertThat(ErlangTerms.erlangFloat(1000.0)).isEqualTo("1.0e3");
        assertThat(ErlangTerms.erlangFloat(2.5)).isEqualTo("2.5");
        assertThat(ErlangTerms.erlangFloat(100.0)).isEqualTo("100.0");
        assertThat(ErlangTerms.erlangFloat(-0.001)).isEqualTo("-0.001");
        assertThat(ErlangTerms.erlangFloat(1.0e10)).isEqualTo("1.0e10");
        assertThat(ErlangTerms.erlangFloat(0.0)).isEqualTo("0.0");
    }

    @Test
    void printsContainersAsErlangTerms() {
        assertThat(FieldValues.text(List.of(1, "a", List.of(2L)))).isEqualTo("[{signedint,1},{longstr,<<\"a\">>},{array,[{long,2}]}]");
        assertThat(FieldValues.text(table("k", true, "q\"", new byte[] {1, 2})))
                .isEqualTo("[{<<\"k\">>,bool,true},{<<\"q\\\"\">>,binary,<<1,2>>}]");
        assertThat(FieldValues.text("x".getBytes(StandardCharsets.UTF_8))).isEqualTo("x");
    }

    @Test
    void containersCompareElementTypesToo() {
        assertThat(FieldValues.sameArgument(List.of(1), List.of(1))).isTrue();
        assertThat(FieldValues.sameArgument(List.of(1), List.of(1L))).isFalse();
        assertThat(FieldValues.sameArgument(table("a", 1, "b", 2), table("a", 1, "b", 2))).isTrue();
        assertThat(FieldValues.sameArgument(table("a", 1, "b", 2), table("b", 2, "a", 1))).isFalse();
        assertThat(FieldValues.sameArgument(new BigDecimal("1.5"), new BigDecimal("1.50"))).isFalse();
        assertThat(FieldValues.sameArgument(1, true)).isFalse();
    }

    @Property
    void integerWidthsAreOneTypeClass(@ForAll int value) {
        assertThat(FieldValues.sameArgument(value, (long) value)).isTrue();
        assertThat(FieldValues.sameArgument(value, (long) value + 1)).isFalse();
        assertThat(FieldValues.sameArgument(value, Integer.toString(value))).isFalse();
    }
}
