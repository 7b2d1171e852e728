package io.chimeraforge.report.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The SVG writer escapes every text and writes numbers the same in every locale. */
class SvgWriterTest {

    private final Locale saved = Locale.getDefault();

    @AfterEach
    void restoreLocale() {
        Locale.setDefault(saved);
    }

    @Test
    void numbersAreRoundedToOneDecimalWithADotInEveryLocale() {
        for (Locale locale : new Locale[] {Locale.ROOT, Locale.GERMANY, Locale.FRANCE, new Locale("ar", "EG"),
            new Locale("hi", "IN")}) {
            Locale.setDefault(locale);
            assertThat(SvgWriter.num(3.0)).isEqualTo("3");
            assertThat(SvgWriter.num(1234567.89)).isEqualTo("1234567.9");
            assertThat(SvgWriter.num(0.26)).isEqualTo("0.3");
            assertThat(SvgWriter.num(-1.26)).isEqualTo("-1.3");
            assertThat(SvgWriter.num(-0.04)).isEqualTo("0");
            assertThat(SvgWriter.num(12.04)).isEqualTo("12");
            assertThat(Axis.of(0, 1, 0, 300).label(0.4)).isEqualTo("0.4");
            assertThat(Axis.of(0, 3500, 0, 600).label(1500)).isEqualTo("1500");
            String svg = new SvgWriter("c", 720.5, 100, "t", "d").line(0.25, 1000.75, 2, 3, "axis").finish();
            assertThat(svg).contains("viewBox=\"0 0 720.5 100\"").contains("x1=\"0.3\" y1=\"1000.8\"")
                    .doesNotContain(",");
        }
    }

    @Test
    void nonFiniteCoordinatesAreRefused() {
        assertThatThrownBy(() -> SvgWriter.num(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SvgWriter.num(Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyTextIsEscaped() {
        String evil = "</title><script>alert('x')</script>\" onload=\"x()&amp;";
        String svg = new SvgWriter("chart-x", 100, 50, evil, evil)
                .text(1, 2, "middle", "legend", evil, evil + "full")
                .circle(1, 1, 2, "mark", "#fff", evil)
                .path(new SvgWriter.Path().move(0, 0).line(1, 1), "series", "#000", null, "6 3", evil)
                .marker("diamond", 5, 5, 4, "#123456", evil)
                .verticalText(3, 3, "axis-title", evil)
                .finish();
        Document doc = Jsoup.parse("<!DOCTYPE html><html><body>" + svg + "</body></html>");
        assertThat(doc.select("script")).isEmpty();
        assertThat(doc.getAllElements()).allSatisfy(e -> assertThat(e.attributes().hasKey("onload")).isFalse());
        Element root = doc.selectFirst("svg");
        assertThat(root.attr("aria-labelledby")).isEqualTo("chart-x-title chart-x-desc");
        assertThat(doc.getElementById("chart-x-title").wholeText()).isEqualTo(evil);
        assertThat(doc.getElementById("chart-x-desc").wholeText()).isEqualTo(evil);
        // text, circle, path, marker tooltips and the vertical text all read back as given
        assertThat(doc.select("title").eachText()).hasSize(5);
        assertThat(doc.select("text").get(0).ownText()).isEqualTo(evil);
        assertThat(doc.select("text").get(0).selectFirst("title").wholeText()).isEqualTo(evil + "full");
        assertThat(doc.select("text").get(1).wholeText()).isEqualTo(evil);
        assertThat(svg).doesNotContain("<script").doesNotContain("\" onload");
    }

    @Test
    void idsMustBeOurOwnConstants() {
        assertThatThrownBy(() -> new SvgWriter("a\" onload=\"x", 1, 1, "t", "d"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void negativeRectangleSizesAreClampedAndTheWriterClosesOnce() {
        SvgWriter w = new SvgWriter("c", 10, 10, "t", "d").rect(1, 1, -5, 3, "bar");
        String svg = w.finish();
        assertThat(svg).contains("width=\"0\" height=\"3\"").endsWith("</svg>");
        assertThat(w.finish()).isEqualTo(svg);
        assertThatThrownBy(() -> w.line(0, 0, 1, 1, "axis")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void axisTicksAreNiceAndCoverTheData() {
        Axis a = Axis.of(0, 173, 0, 600);
        assertThat(a.ticks()).containsExactly(0.0, 20.0, 40.0, 60.0, 80.0, 100.0, 120.0, 140.0, 160.0, 180.0);
        assertThat(a.map(0)).isEqualTo(0.0);
        assertThat(a.map(180)).isEqualTo(600.0);
        Axis narrow = Axis.of(0, 3500, 0, 172);
        assertThat(narrow.ticks()).hasSizeLessThanOrEqualTo(3 + 1).contains(0.0).last().isEqualTo(4000.0);
        Axis flat = Axis.of(5, 5, 0, 100);
        assertThat(flat.min()).isLessThanOrEqualTo(5);
        assertThat(flat.max()).isGreaterThan(flat.min());
    }

    @Test
    void shortenedLabelsKeepSurrogatePairsWhole() {
        String s = "a".repeat(9) + "\uD83D\uDE00" + "bbb";
        assertThat(Plot.shorten(s, 11)).isEqualTo("a".repeat(9) + "\uD83D\uDE00" + "…");
        assertThat(Plot.shorten(s, 10)).isEqualTo("a".repeat(9) + "…");
        assertThat(Plot.shorten("short", 10)).isEqualTo("short");
    }
}
