"""The SVG bar charts: escaped labels, a chart for no data, bars in proportion, and markup
an XML parser reads (what a browser's inline SVG needs)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from markupsafe import Markup

from reminder.web.charts import LABEL_CHARS, PAD, VALUE_SPACE, WIDTH, Bar, bar_chart

SPAN = WIDTH - 2 * PAD - VALUE_SPACE
SVG = "{http://www.w3.org/2000/svg}"


def widths(svg: str) -> list[float]:
    return [float(w) for w in re.findall(r'class="bar" x="\d+" y="\d+" width="([\d.]+)"', svg)]


def test_labels_and_title_are_escaped() -> None:
    evil = "<script>alert(1)</script>"
    svg = bar_chart([Bar(evil, 2, shown=f"{evil} 2")], title=f"{evil} & co")
    assert isinstance(svg, Markup)
    assert "<script>" not in svg and "&lt;script&gt;alert(1)&lt;/script&gt;" in svg
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in svg
    root = ET.fromstring(str(svg))
    assert root.get("role") == "img" and root.get("aria-label") == f"{evil} & co"
    assert root.find(f"{SVG}title") is not None


def test_no_bars_gives_a_chart_that_says_so() -> None:
    svg = bar_chart([], title="Completion")
    root = ET.fromstring(str(svg))
    assert "Nothing to show yet." in svg and widths(svg) == []
    assert root.get("viewBox") == f"0 0 {WIDTH} 30" and root.get("width") == "100%"


def test_bars_are_in_proportion_to_the_largest_or_the_given_maximum() -> None:
    bars = [Bar("a", 4), Bar("b", 2), Bar("c", 0), Bar("d", 1)]
    assert widths(bar_chart(bars, title="t")) == [SPAN, SPAN / 2, 0.0, SPAN / 4]
    rates = [Bar("half", 0.5, shown="50%"), Bar("over", 1.5), Bar("under", -1)]
    assert widths(bar_chart(rates, title="t", maximum=1)) == [SPAN / 2, SPAN, 0.0]
    assert widths(bar_chart([Bar("z", 0), Bar("y", 0)], title="t")) == [0.0, 0.0]
    svg = bar_chart(rates, title="t", maximum=1)
    assert ">50%<" in svg and ">1.5<" in svg  # written as given, else the value


def test_the_chart_scales_to_its_container_and_grows_with_its_rows() -> None:
    one = ET.fromstring(str(bar_chart([Bar("a", 1)], title="t")))
    three = ET.fromstring(str(bar_chart([Bar("a", 1)] * 3, title="t")))
    assert one.get("width") == "100%" and "max-width" in (one.get("style") or "")
    heights = [int((r.get("viewBox") or "").split()[3]) for r in (one, three)]
    assert heights[1] - heights[0] == 2 * 40


def test_a_long_label_is_cut_in_the_chart_and_whole_in_its_tooltip() -> None:
    long = "Organisation " * 10
    svg = str(bar_chart([Bar(long, 1)], title="t"))
    root = ET.fromstring(svg)
    shown = [t.text or "" for t in root.iter(f"{SVG}text")]
    assert len(shown[0]) == LABEL_CHARS and shown[0].endswith("…")
    tooltip = root.find(f"{SVG}g/{SVG}title")
    assert tooltip is not None and tooltip.text == f"{long}: 1"
