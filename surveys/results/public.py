"""The public results page: counts only, with small cells suppressed, and no free text."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ..models import SurveyPage
from ..types import question_type
from .caching import cached
from .charts import countries_chart, public_chart
from .filters import has_country_question, submitted_responses
from .statistics import tallies
from .tally import Tally
from .versions import Option, Question, merged_questions, survey_versions

SMALL_CELL = 5  # public results never show a count below this
PUBLIC_SHAPE = 3  # raise it whenever public_results() returns other keys or suppresses otherwise

@dataclass
class Cell:
    count: int
    hidden: bool = False
    small: bool = False  # hidden for being below SMALL_CELL (else hidden so that no other can be worked out)

    @property
    def shown(self) -> int | None:
        return None if self.hidden else self.count


def suppress(cells: list[Cell], groups: list[tuple[list[Cell], Cell]]) -> None:
    """Hide every count below SMALL_CELL, then more cells until no hidden count can be worked out.

    A group is a list of cells that add up to a total cell (the answers to a single-choice question in
    one country add up to those who answered it; a column of countries adds up to all countries). When
    just one cell of such a group is hidden, subtraction would reveal it, so the smallest other one
    is hidden too; this repeats until no group has a lone hidden cell.
    """
    for cell in cells:
        cell.hidden = cell.small = cell.count < SMALL_CELL
    changed = True
    while changed:
        changed = False
        for members, total in groups:
            group = [*members, total]
            hidden = [cell for cell in group if cell.hidden]
            visible = [cell for cell in group if not cell.hidden]
            if len(hidden) == 1 and visible:
                min(visible, key=lambda cell: cell.count).hidden = True
                changed = True


@dataclass
class PublicTable:
    title: str
    question: Question
    columns: list[Option]
    additive: bool  # single choice: the columns add up to "answered"
    rows: list[tuple[str, Cell, list[Cell]]] = field(default_factory=list)  # label, answered, cells

    @property
    def chart(self):
        """Its last row (all countries, or all responses) as a chart."""
        return public_chart(self, SMALL_CELL)


def _public_table(title, question: Question, groups_of_counts: list[tuple[str, int, Counter]],
                  unplaced: tuple[int, Counter] | None = None) -> PublicTable:
    """A table of rows (label, answered, counts), the last the sum of the others and of `unplaced`: the
    responses that name no country, never shown, but suppressed with the others so that subtracting the
    shown rows from the last cannot reveal them."""
    columns = [option for option in question.choices if not option.removed or any(
        counts[option.name] for _label, _answered, counts in groups_of_counts)]
    additive = not question_type(question.type).picks_several  # one answer: the columns add up
    table = PublicTable(str(title), question, columns, additive=additive)
    for label, answered, counts in groups_of_counts:
        table.rows.append((label, Cell(answered), [Cell(counts[option.name]) for option in columns]))
    rows = list(table.rows)
    if unplaced:
        answered, counts = unplaced
        rows.insert(-1, ("", Cell(answered), [Cell(counts[option.name]) for option in columns]))
    cells, groups = [], []
    for _label, answered, row in rows:
        cells += [answered, *row]
        if table.additive:
            groups.append((row, answered))
    body, last = rows[:-1], rows[-1]
    if len(body) > 1:  # the last row is the sum of the others
        groups.append(([answered for _label, answered, _row in body], last[1]))
        for index in range(len(columns)):
            groups.append(([row[index] for _label, _answered, row in body], last[2][index]))
    suppress(cells, groups)
    return table


def public_results(survey: SurveyPage, *, engine: str = "") -> dict:
    """What the public results page shows: counts only, none below SMALL_CELL, no free text."""
    versions = survey_versions(survey)
    questions = merged_questions(versions)
    by_name = {question.name: question for question in questions}
    queryset = submitted_responses(survey, questions)
    latest = versions[-1].definition if versions else {}
    # The tables the latest version names (its dashboard), per country; without them, every choice question.
    dashboard = [(entry["question"], entry["title"]) for entry in latest.get("dashboard", [])
                 if entry["question"] in by_name]
    shown = [by_name[name] for name, _title in dashboard] or [
        question for question in questions if question.is_choice and question.name != "country"
    ]
    places, country_names = [], []
    if dashboard and has_country_question(questions):
        per_country = tallies(survey, queryset, shown, engine=engine, group="country")
        everyone = _added(per_country.values())  # every response is in one group
        chosen = [option for option in by_name["country"].choices if option.name in per_country]
        places = [(option.label, per_country[option.name]) for option in chosen]
        country_names = [option.name for option in chosen]
        unplaced = _added(per_country[key] for key in set(per_country) - set(country_names))  # no country
    else:
        everyone = tallies(survey, queryset, shown, engine=engine).get("") or Tally()
        unplaced = Tally()
    total = Cell(sum(everyone.per_version.values()))
    outside = sum(unplaced.per_version.values())
    tables = []
    for question in shown:
        title = dict(dashboard).get(question.name, question.label)
        rows = [(label, *_question_counts(tally, question)) for label, tally in places]
        everywhere = _("All countries") if places else _("All responses")
        rows.append((everywhere, *_question_counts(everyone, question)))
        tables.append(_public_table(title, question, rows,
                                    _question_counts(unplaced, question) if outside else None))
    countries = [(label, Cell(sum(tally.per_version.values()))) for label, tally in places]
    cells = [cell for _label, cell in countries] + ([Cell(outside)] if outside else [])
    suppress([*cells, total], [(cells, total)] if len(cells) > 1 else [])
    # country_names: the names of the countries' choices, in the order of `countries` and of the tables' rows.
    return {"total": total, "tables": tables, "countries": countries, "small": SMALL_CELL,
            "dashboard": bool(dashboard), "country_names": country_names}


def _added(tallies) -> Tally:
    added = Tally()
    for tally in tallies:
        added.per_version += tally.per_version
        added.answered += tally.answered
        added.choices += tally.choices
    return added


def _question_counts(tally: Tally, question: Question) -> tuple[int, Counter]:
    found = Counter()
    for (name, _row, choice), count in tally.choices.items():
        if name == question.name:
            found[choice] += count
    return tally.answered[question.name], found


def cached_public_results(survey: SurveyPage) -> dict:
    """public_results(), kept as the public results page keeps it (the page and the API share it)."""
    # The key names the shape of what public_results() returns (so an entry the previous code kept is never
    # read as the new shape) and the language ("All countries" is translated in it).
    return cached(survey, ("public", PUBLIC_SHAPE, get_language()), lambda: public_results(survey))


def public_results_view(survey: SurveyPage, request):
    if not survey.public_results:
        raise Http404
    found = cached_public_results(survey)
    countries = countries_chart(found["countries"], SMALL_CELL) if found["countries"] else None
    context = {"page": survey, "self": survey, "results": found, "countries_chart": countries}
    return TemplateResponse(request, "surveys/public_results.html", context)
