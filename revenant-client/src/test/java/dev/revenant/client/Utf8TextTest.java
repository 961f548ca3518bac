package dev.revenant.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class Utf8TextTest {
    @Test
    void countsBytesLikeTheUtf8Encoder() {
        for (String text : new String[] {"", "abc", "é", "€", "😀", "a😀b", "\ud83d", "x\udc00y"}) {
            assertThat(Utf8Text.byteLength(text)).as(text).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
        }
    }

    @Test
    void keepsTextThatFits() {
        assertThat(Utf8Text.truncate("hello", 5)).isEqualTo("hello");
    }

    @Test
    void cutsWithAnEllipsisAndNeverSplitsASurrogatePair() {
        assertThat(Utf8Text.truncate("hello world", 8)).isEqualTo("hello" + Utf8Text.ELLIPSIS);
        String cut = Utf8Text.truncate("ab😀😀", 8);
        assertThat(cut).isEqualTo("ab" + Utf8Text.ELLIPSIS);
        assertThat(Utf8Text.truncate("hello", 2)).isEmpty();
    }

    @Property
    void truncatedTextFitsAndIsAPrefix(@ForAll String text, @ForAll @IntRange(min = 0, max = 200) int limit) {
        String cut = Utf8Text.truncate(text, limit);
        assertThat(cut.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(Math.max(limit, 0));
        String kept = cut.endsWith(Utf8Text.ELLIPSIS) && !cut.equals(text) ? cut.substring(0, cut.length() - 1) : cut;
        assertThat(text).startsWith(kept);
        if (!kept.isEmpty()) {
            assertThat(Character.isHighSurrogate(kept.charAt(kept.length() - 1))
                    && text.length() > kept.length() && Character.isLowSurrogate(text.charAt(kept.length()))).isFalse();
        }
    }
}
