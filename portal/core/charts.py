"""Accessible bar charts: an SVG (role="img", with a title and a description that states every figure)
and the same figures as a table, for screen readers, keyboards and anyone who wants the numbers. No
script and no style attribute: the strict CSP holds. Render one with {% include "core/chart.html" %}."""

from dataclasses import dataclass

from django.utils.text import slugify

LABEL_WIDTH, BAR_SPACE, COUNT_WIDTH = 220, 320, 50
ROW_HEIGHT, BAR_HEIGHT = 30, 20
WIDTH = LABEL_WIDTH + BAR_SPACE + COUNT_WIDTH


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    y: int  # the top of the bar's row
    width: int  # the bar's length: the largest count fills BAR_SPACE

    @property
    def text_y(self) -> int:
        return self.y + BAR_HEIGHT - 5

    @property
    def count_x(self) -> int:
        return LABEL_WIDTH + self.width + 6


@dataclass(frozen=True)
class BarChart:
    caption: str
    bars: list[Bar]
    label_heading: str
    count_heading: str
    id: str

    label_width = LABEL_WIDTH
    bar_height = BAR_HEIGHT
    width = WIDTH

    @property
    def height(self) -> int:
        return max(len(self.bars), 1) * ROW_HEIGHT

    @property
    def description(self) -> str:
        return "; ".join(f"{bar.label}: {bar.count}" for bar in self.bars)

    @property
    def total(self) -> int:
        return sum(bar.count for bar in self.bars)


def bar_chart(caption: str, data: list[tuple[str, int]], *, label_heading: str, count_heading: str,
              chart_id: str = "") -> BarChart:
    """A horizontal bar chart of (label, count) pairs in the order given; `chart_id` tells two charts of
    one page apart (their title and description are referred to by id)."""
    most = max((count for _label, count in data), default=0)
    bars = [Bar(str(label), count, number * ROW_HEIGHT, round(BAR_SPACE * count / most) if most else 0)
            for number, (label, count) in enumerate(data)]
    return BarChart(caption, bars, label_heading, count_heading, chart_id or slugify(caption) or "chart")
