package org.ztp4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ShownTextTest {

    @Test
    void textUpTo256CharactersStaysAndLongerIsCutWithAnEllipsis() {
        assertThat(ShownText.of(null)).isNull();
        assertThat(ShownText.of("<b>x</b>")).isEqualTo("<b>x</b>");
        assertThat(ShownText.of("a".repeat(256))).isEqualTo("a".repeat(256));
        assertThat(ShownText.of("a".repeat(257))).isEqualTo("a".repeat(255) + "\u2026").hasSize(256);
    }

    @Test
    void aCutNeverSplitsASurrogatePair() {
        String whole = "a".repeat(253) + "\uD83D\uDE00" + "b".repeat(10);
        assertThat(ShownText.of(whole)).isEqualTo("a".repeat(253) + "\uD83D\uDE00\u2026");
        String split = "a".repeat(254) + "\uD83D\uDE00" + "b".repeat(10);
        assertThat(ShownText.of(split)).isEqualTo("a".repeat(254) + "\u2026");
    }
}
