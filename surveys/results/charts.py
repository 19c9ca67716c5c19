"""The results drawn as the shared charts (portal/core/charts.py): each kind of result has its chart, and
the public tables theirs, with the counts they withhold said in words."""

from __future__ import annotations

from django.utils.translation import gettext as _

from portal.core.charts import BarChart, Figure, bar_chart, grouped_chart


def _note(removed: bool) -> str:
    return _("removed in a later version") if removed else ""


def _figures(counts) -> list[Figure]:
    return [Figure(count.label, count.count, count.percent, note=_note(count.removed)) for count in counts]


def _choices(result) -> BarChart:
    question = result.question
    return bar_chart(
        _("Answers to “%(label)s”") % {"label": question.label}, _figures(result.counts),
        label_heading=_("Answer"), count_heading=_("Responses"),
        percent_heading=_("Percent of those who answered") if question.picks_several else _("Percent"),
        total=not question.picks_several, chart_id=f"chart-{question.name}")


def _rating(result) -> BarChart:
    question = result.question
    figures = [Figure(count.name if count.label == count.name else f"{count.name} ({count.label})",
                      count.count, count.percent, note=_note(count.removed)) for count in result.counts]
    return bar_chart(
        _("Points given to “%(label)s”") % {"label": question.label}, figures,
        label_heading=_("Point"), count_heading=_("Responses"),
        percent_heading=_("Percent of those who gave a point"), chart_id=f"chart-{question.name}")


def _rows(result, caption: str, heading: str) -> BarChart:
    """A group a row (a matrix's row, a ranked option) with a bar for each of its counts."""
    return grouped_chart(
        caption % {"label": result.question.label},
        [(f"{row.label} ({_note(True)})" if row.removed else row.label, _figures(row.counts))
         for row in result.rows],
        group_heading=heading, chart_id=f"chart-{result.question.name}")


def _matrix(result) -> BarChart:
    return _rows(result, _("Answers to “%(label)s”, row by row"), _("Row"))


def _ranking(result) -> BarChart | None:
    if not result.answered:
        return None
    return _rows(result, _("How often each option of “%(label)s” was put in each position"), _("Option"))


def _number_table(result) -> BarChart:
    question = result.question
    figures = [Figure(row.label, row.summary.total if row.summary.total is not None else 0,
                      note=_note(row.removed)) for row in result.rows]
    caption = _("Total by row of the numbers given for “%(label)s”") % {"label": question.label}
    return bar_chart(caption, figures, label_heading=_("Row"), count_heading=_("Total"), total=False,
                     chart_id=f"chart-{question.name}")


# A summary (numbers, dates) keeps only its lowest, median and highest values, and free texts and counts
# have no figures to draw: they have no chart.
CHARTS = {"choices": _choices, "rating": _rating, "matrix": _matrix, "ranking": _ranking,
          "number_table": _number_table}


def question_chart(result) -> BarChart | None:
    """The chart of a question's result (statistics.QuestionResult), if its kind has one."""
    draw = CHARTS.get(result.kind)
    return draw(result) if draw else None


def withheld(cell, small: int) -> str:
    """What the public results say for a count they do not show."""
    if cell.small:
        return _("fewer than %(small)s") % {"small": small}
    return _("not shown") if cell.hidden else ""


def public_chart(table, small: int) -> BarChart:
    """The last row of a public table (all countries, or all responses) as bars, one a choice."""
    label, _answered, cells = table.rows[-1]
    figures = [Figure(column.label, cell.shown, withheld=withheld(cell, small))
               for column, cell in zip(table.columns, cells, strict=True)]
    return bar_chart(f"{table.title}: {label}", figures, label_heading=_("Answer"),
                     count_heading=_("Contributions"), total=table.additive,
                     chart_id=f"chart-{table.question.name}")


def countries_chart(countries: list, small: int) -> BarChart:
    """Contributions per country: (label, cell) pairs."""
    figures = [Figure(label, cell.shown, withheld=withheld(cell, small)) for label, cell in countries]
    return bar_chart(_("Contributions per country"), figures, label_heading=_("Country"),
                     count_heading=_("Contributions"), chart_id="chart-countries")
