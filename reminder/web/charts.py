"""Horizontal bar charts as inline SVG markup: no script, no remote resource, no library.

A chart is drawn in a viewBox WIDTH units wide and scales to its container (width 100%,
capped at MAX_WIDTH), so it fits a 375 px phone; each bar's label sits above its bar, so
long organisation names need no side column, and one cut short is whole in the bar's
tooltip. Every text is escaped (markupsafe). The chart is an image (role="img") named by
its <title>; the page shows the same numbers in a table beside it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

WIDTH = 360
ROW = 40  # a label line and a bar
PAD = 4
LABEL_CHARS = 44  # what fits on one line at font size 13 in WIDTH units
VALUE_SPACE = 92  # right of the bars: the value as written ("12 of 40 · 30%")
MAX_WIDTH = "30rem"
TONES = {"blue": "#0b5cad", "red": "#b00020", "green": "#2e7d32", "grey": "#6b7280"}
TRACK = "#e6e9ee"


@dataclass(frozen=True)
class Bar:
    """One bar: its label, its value, and the value as written beside it (default: the value)."""

    label: str
    value: float
    shown: str = ""

    @property
    def text(self) -> str:
        return self.shown or f"{self.value:g}"


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"


def _svg(title: str, height: int, body: str) -> Markup:
    return Markup(
        f'<svg class="chart" role="img" aria-label="{escape(title)}" '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" preserveAspectRatio="xMinYMin meet" '
        f'style="max-width: {MAX_WIDTH}; height: auto; display: block" font-size="13" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>{body}</svg>'
    )


def bar_chart(
    bars: Sequence[Bar], *, title: str, maximum: float | None = None, tone: str = "blue"
) -> Markup:
    """A horizontal bar chart of `bars`, in their order, as SVG markup for an HTML page.

    A bar's length is its value over `maximum` (default: the largest value; 1 when all
    are 0), clamped to 0..1. No bars: a chart that says there is nothing to show.
    """
    if not bars:
        text = f'<text x="{PAD}" y="20" fill="#555">Nothing to show yet.</text>'
        return _svg(title, 30, text)
    colour = TONES[tone]
    top = maximum if maximum is not None else max(b.value for b in bars)
    top = top if top > 0 else 1
    span = WIDTH - 2 * PAD - VALUE_SPACE
    rows = []
    for i, bar in enumerate(bars):
        y = PAD + i * ROW
        length = span * min(max(bar.value / top, 0.0), 1.0)
        label, shown = escape(bar.label), escape(bar.text)
        rows.append(
            f"<g><title>{label}: {shown}</title>"
            f'<text x="{PAD}" y="{y + 13}" fill="#1a1a1a">{escape(_short(bar.label))}</text>'
            f'<rect x="{PAD}" y="{y + 19}" width="{span}" height="14" rx="2" fill="{TRACK}"/>'
            f'<rect class="bar" x="{PAD}" y="{y + 19}" width="{length:.1f}" height="14" rx="2" '
            f'fill="{colour}"/>'
            f'<text x="{PAD + span + 6}" y="{y + 31}" fill="#1a1a1a">{shown}</text></g>'
        )
    return _svg(title, PAD * 2 + len(bars) * ROW, "".join(rows))
