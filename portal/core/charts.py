"""Accessible bar charts: an SVG (role="img", with a title and a description that states every figure)
and the same figures as a table, for screen readers, keyboards and anyone who wants the numbers. No
script and no style attribute: the strict CSP holds. Render one with {% include "core/chart.html" %}; its
colours, forced colours and print are in static/css/charts.css, which the page links.

A chart is a list of bars (bar_chart) or of groups of bars under a heading (grouped_chart: a matrix's
rows, say). Each bar writes its figure beside it, so nothing is told by colour or length alone: a count
with its percentage, or the words that stand for a count withheld (the public results' "fewer than 5"),
and a note beside its label that also draws the bar as an outline ("removed in a later version")."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.text import slugify

WIDTH = 640
ROW_HEIGHT, BAR_HEIGHT = 28, 18
CHARACTER = 9  # over a character's mean width at the charts' font size (14) in wide fonts: sizes columns
GAP = 8  # between a label and its bar, and a bar and its figure
LABEL_WIDTH = (72, 240)  # the least and the most the label column takes
INDENT = 16  # bars of a group start this far to the right of the group's heading


@dataclass(frozen=True)
class Figure:
    """One figure to draw. `count` is None when it is withheld, and `withheld` says what stands for it."""

    label: str
    count: int | Decimal | None
    percent: float | None = None
    withheld: str = ""
    note: str = ""  # said beside the label; the bar is drawn as an outline

    @property
    def name(self) -> str:
        return f"{self.label} ({self.note})" if self.note else self.label

    @property
    def shown_count(self) -> str:
        return self.withheld if self.count is None else number_format(self.count)

    @property
    def shown_percent(self) -> str:
        return "" if self.count is None or self.percent is None else f"{number_format(self.percent, 1)}%"

    @property
    def value(self) -> str:
        """What the chart writes beside the bar."""
        percent = self.shown_percent
        return f"{self.shown_count} ({percent})" if percent else self.shown_count


@dataclass(frozen=True)
class Bar:
    figure: Figure
    label: str  # the label as drawn: cut short, with an ellipsis, when it is longer than its room
    label_x: int
    label_y: int  # the label's baseline
    label_anchor: str  # "end": in a column left of the bar; "start": on a line of its own above the bar
    y: int  # the top of the bar
    x: int  # where the bar starts
    width: int  # the bar's length: the largest count fills the space for bars

    height = BAR_HEIGHT

    @property
    def text_y(self) -> int:
        return self.y + BAR_HEIGHT - 4

    @property
    def value_x(self) -> int:
        return self.x + self.width + GAP

    @property
    def cut(self) -> bool:
        return self.label != self.figure.name


@dataclass(frozen=True)
class Group:
    name: str  # "" for the one group of a bar chart
    label: str  # the name as drawn, cut short when longer than the chart is wide
    y: int  # the baseline of the heading
    bars: list[Bar]


@dataclass(frozen=True)
class BarChart:
    caption: str
    groups: list[Group]
    label_heading: str
    count_heading: str
    percent_heading: str
    id: str
    height: int
    with_total: bool

    width = WIDTH

    @property
    def bars(self) -> list[Bar]:
        return [bar for group in self.groups for bar in group.bars]

    @property
    def grouped(self) -> bool:
        return any(group.name for group in self.groups)

    @property
    def series(self) -> list[str]:
        """The headings of a grouped chart's table: the labels of its first group's bars."""
        return [bar.figure.name for bar in self.groups[0].bars] if self.groups else []

    @property
    def description(self) -> str:
        if self.grouped:
            return "; ".join(
                f"{group.name}: " + ", ".join(f"{bar.figure.name} {bar.figure.value}" for bar in group.bars)
                for group in self.groups)
        return "; ".join(f"{bar.figure.name}: {bar.figure.value}" for bar in self.bars)

    @property
    def total(self) -> int | Decimal | None:
        """The sum of the counts, where it means something and no count is withheld."""
        figures = [bar.figure for bar in self.bars]
        if not self.with_total or self.grouped or any(figure.count is None for figure in figures):
            return None
        return sum(figure.count for figure in figures)


def _cut(text: str, room: float) -> str:
    most = max(int(room / CHARACTER), 2)
    return text if len(text) <= most else text[:most - 1].rstrip() + "…"


def _layout(caption, groups: list[tuple[str, list[Figure]]], chart_id: str, **headings) -> BarChart:
    """Where everything goes. Labels stand in a column left of their bars when the longest fits in
    LABEL_WIDTH, else each on a line of its own above its bar, so that long labels are read whole."""
    figures = [figure for _label, members in groups for figure in members]
    indent = INDENT if any(label for label, _members in groups) else 0
    label_width = indent + max((len(figure.name) for figure in figures), default=0) * CHARACTER + GAP
    above = label_width > LABEL_WIDTH[1]
    label_width = indent if above else max(label_width, LABEL_WIDTH[0])
    value_width = max((len(figure.value) for figure in figures), default=0) * CHARACTER + GAP
    bar_space = WIDTH - label_width - GAP - value_width
    most = max((figure.count for figure in figures if figure.count is not None), default=0)
    laid_out, y = [], 0
    for label, members in groups:
        heading_y = y + BAR_HEIGHT - 4
        if label:
            y += ROW_HEIGHT
        bars = []
        for figure in members:
            count = max(figure.count or 0, 0)  # a negative total draws no bar; its figure is written
            width = round(bar_space * float(count) / float(most)) if most > 0 else 0
            if above:
                name, label_x, label_y, anchor = _cut(figure.name, WIDTH - indent), indent, y + 14, "start"
                y += ROW_HEIGHT - 8
            else:
                name, label_x, label_y, anchor = (_cut(figure.name, label_width - indent - GAP),
                                                  int(label_width - GAP), y + BAR_HEIGHT - 4, "end")
            bars.append(Bar(figure, name, label_x, label_y, anchor, y, x=int(label_width), width=width))
            y += ROW_HEIGHT
        laid_out.append(Group(label, _cut(label, WIDTH), heading_y, bars))
    return BarChart(str(caption), laid_out, id=chart_id or slugify(caption) or "chart",
                    height=max(y, ROW_HEIGHT), **headings)


def bar_chart(caption: str, data: list[tuple[str, int] | Figure], *, label_heading: str, count_heading: str,
              percent_heading: str = "", total: bool = True, chart_id: str = "") -> BarChart:
    """A horizontal bar chart of (label, count) pairs or Figures in the order given. Its table has a
    column of percentages when `percent_heading` is given, and a total row when `total` (and no count is
    withheld). `chart_id` tells two charts of one page apart (their parts are referred to by id)."""
    figures = [item if isinstance(item, Figure) else Figure(str(item[0]), item[1]) for item in data]
    return _layout(caption, [("", figures)], chart_id, label_heading=label_heading,
                   count_heading=count_heading, percent_heading=percent_heading, with_total=total)


def grouped_chart(caption: str, groups: list[tuple[str, list[Figure]]], *, group_heading: str,
                  chart_id: str = "") -> BarChart:
    """Groups of bars, each under its heading (a matrix's rows, each with a bar a choice). Every group has
    the same bars in the same order: its table has a row a group and a column a bar."""
    return _layout(caption, [(str(label), figures) for label, figures in groups], chart_id,
                   label_heading=group_heading, count_heading="", percent_heading="", with_total=False)
