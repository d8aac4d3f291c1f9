package io.github.batchtranscode.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportPartsTest {
    @Test
    void textEscapesMarkupAndQuotesAndDropsControlCharacters() {
        assertThat(Html.text("a<b>&\"c\"'d'\u0000\u001b[31m\ttab\nline")).isEqualTo("a&lt;b&gt;&amp;&quot;c&quot;&#39;d&#39;[31m\ttab\nline");
        assertThat(Html.text(null)).isEmpty();
        assertThat(Html.text("ünïcødé 🎵")).isEqualTo("ünïcødé 🎵");
    }

    @Test
    void durationsReadLikeAPersonWouldSayThem() {
        assertThat(Html.seconds(0.25)).isEqualTo("250 ms");
        assertThat(Html.seconds(12.34)).isEqualTo("12.3 s");
        assertThat(Html.seconds(245)).isEqualTo("4 min 05 s");
        assertThat(Html.seconds(7380)).isEqualTo("2 h 03 min");
    }

    @Test
    void numbersInSvgAreShort() {
        assertThat(Html.num(100)).isEqualTo("100");
        assertThat(Html.num(10.5)).isEqualTo("10.5");
        assertThat(Html.num(0)).isEqualTo("0");
        assertThat(Html.num(1.005)).isIn("1", "1.01");
    }

    @Test
    void workersSortNaturally() {
        List<String> names = new ArrayList<>(List.of("local-10", "local-2", "local-1", "node-02", "node-1", "(no node)"));
        names.sort(NaturalOrder.INSTANCE);
        assertThat(names).containsExactly("(no node)", "local-1", "local-2", "local-10", "node-1", "node-02");
    }

    @Test
    void ticksAreRoundAndAtMostTen() {
        assertThat(Ticks.step(0.5)).isEqualTo(0.1);
        assertThat(Ticks.step(9)).isEqualTo(1);
        assertThat(Ticks.step(206)).isEqualTo(30);
        assertThat(Ticks.step(5 * 3600)).isEqualTo(1800);
        assertThat(Ticks.label(45, 15)).isEqualTo("45s");
        assertThat(Ticks.label(150, 30)).isEqualTo("2:30");
        assertThat(Ticks.label(3720, 600)).isEqualTo("1:02:00");
        assertThat(Ticks.label(0.3, 0.1)).isEqualTo("0.3s");
    }
}
