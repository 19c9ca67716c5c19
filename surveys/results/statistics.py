"""Statistics of every question over the submitted responses that the filters keep."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.contrib.humanize.templatetags.humanize import ordinal
from django.db import connections
from django.db.models import QuerySet

from ..models import SurveyPage, SurveyVersion
from ..types import question_type
from .charts import question_chart
from .filters import Filters, submitted_responses
from .tally import Summary, Tally, numbers_summary, scale_summary
from .tally_postgresql import tally_in_postgresql
from .tally_python import tally_in_python
from .versions import Option, Question, merged_questions, survey_versions

TEXTS_SHOWN = 10


@dataclass
class Count:
    name: str
    label: str
    count: int
    percent: float | None
    removed: bool = False


@dataclass
class RowResult:
    name: str
    label: str
    answered: int
    removed: bool = False
    counts: list[Count] = field(default_factory=list)
    summary: Summary | None = None
    mean: float | None = None  # a ranking's mean position of the option, over the answers that ranked it


@dataclass
class QuestionResult:
    question: Question
    asked: int  # submitted responses (after filters) to versions with this question
    answered: int
    counts: list[Count] = field(default_factory=list)
    rows: list[RowResult] = field(default_factory=list)
    summary: Summary | None = None
    texts: list[str] = field(default_factory=list)  # the latest free-text answers
    apart: list[Count] = field(default_factory=list)  # answers off a scale ("Don't know")
    # In a repeated section, `asked` and `answered` count items; these are the respondents who added any.
    respondents: int | None = None

    @property
    def not_answered(self) -> int:
        return self.asked - self.answered

    @property
    def kind(self) -> str:
        """How it is shown: templates/surveys/admin/kinds/<kind>.html."""
        return question_type(self.question.type).result_kind

    @property
    def chart(self):
        """Its chart (portal/core/charts.py), if its kind has one."""
        return question_chart(self)


@dataclass
class Results:
    survey: SurveyPage
    questions: list[QuestionResult]
    total: int  # submitted responses after filters
    filters: Filters

    @property
    def has_repeats(self) -> bool:
        return any(result.question.repeat for result in self.questions)


def _percent(count: int, of: int) -> float | None:
    return round(100 * count / of, 1) if of else None


def tallies(
    survey: SurveyPage, queryset: QuerySet, questions: list[Question], text_limit: int = 0, *,
    engine: str = "", group: str = "", filtered: bool = False,
) -> dict[str, Tally]:
    """Raw figures per answer to the `group` question (all under "" without a group). `filtered`: the
    queryset keeps fewer than all the survey's submitted responses."""
    engine = engine or ("postgresql" if connections[queryset.db].vendor == "postgresql" else "python")
    if engine == "postgresql":
        return tally_in_postgresql(survey, queryset, questions, text_limit, group, filtered)
    return tally_in_python(queryset, questions, text_limit, group)


def _counts(options: list[Option], found: Counter, of: int) -> list[Count]:
    return [
        Count(option.name, option.label, found[option.name], _percent(found[option.name], of), option.removed)
        for option in options
    ]


# How each kind of result is put together from the tally: (result, choices counted by row, tally).


def _choices(result: QuestionResult, found: dict[str, Counter], tally: Tally) -> None:
    result.counts = _counts(result.question.choices, found[""], result.answered)


def _matrix(result: QuestionResult, found: dict[str, Counter], tally: Tally) -> None:
    question = result.question
    for row in question.rows:
        if question.picks_several:
            # Several choices a row add up to more than who answered it: its values (the number of
            # choices each answer holds in the row) count them.
            answered = (tally.numbers.get((question.name, row.name)) or numbers_summary([])).n
        else:
            answered = sum(found[row.name][option.name] for option in question.choices)
        result.rows.append(RowResult(row.name, row.label, answered, row.removed,
                                     counts=_counts(question.choices, found[row.name], answered)))


def _number_table(result: QuestionResult, found: dict[str, Counter], tally: Tally) -> None:
    for row in result.question.rows:
        summary = tally.numbers.get((result.question.name, row.name)) or numbers_summary([])
        result.rows.append(RowResult(row.name, row.label, summary.n, row.removed, summary=summary))


def _scale(result: QuestionResult, found: dict[str, Counter], tally: Tally) -> None:
    """The points of a scale (its choices named by numbers) as shares of those who gave one, with their
    summary; the other answers ("Don't know") apart, as shares of all who answered."""
    points = [option for option in result.question.choices if option.name.isdigit()]
    rated = sum(found[""][option.name] for option in points)
    result.counts = _counts(points, found[""], rated)
    result.apart = _counts([option for option in result.question.choices if not option.name.isdigit()],
                           found[""], result.answered)
    result.summary = scale_summary([(int(option.name), found[""][option.name]) for option in points])


def _summary(result: QuestionResult, found: dict[str, Counter], tally: Tally) -> None:
    summary = tally.numbers.get((result.question.name, "")) or Summary(0, None, None, None)
    result.summary = question_type(result.question.type).shown_summary(summary)


def _texts(result: QuestionResult, found: dict[str, Counter], tally: Tally) -> None:
    result.texts = tally.texts.get(result.question.name, [])


def _ranking(result: QuestionResult, found: dict[str, Counter], tally: Tally) -> None:
    """A row a choice: how often it was put in each position (as far as any answer went), and its mean
    position; the choices counted by row are each choice's positions ({choice: {"2": n}})."""
    deepest = max((int(position) for counts in found.values() for position in counts), default=0)
    positions = [str(number) for number in range(1, deepest + 1)]
    for option in result.question.choices:
        counts = found[option.name]
        ranked = sum(counts[position] for position in positions)
        total = sum(int(position) * counts[position] for position in positions)
        result.rows.append(RowResult(
            option.name, option.label, ranked, option.removed,
            counts=[Count(position, str(ordinal(int(position))), counts[position],
                          _percent(counts[position], result.answered)) for position in positions],
            mean=round(total / ranked, 2) if ranked else None,
        ))


ASSEMBLED = {"choices": _choices, "matrix": _matrix, "number_table": _number_table, "summary": _summary,
             "texts": _texts, "rating": _scale, "ranking": _ranking,
             "count": lambda result, found, tally: None}


def survey_results(
    survey: SurveyPage,
    filters: Filters | None = None,
    *,
    versions: list[SurveyVersion] | None = None,
    text_limit: int = TEXTS_SHOWN,
    engine: str = "",
) -> Results:
    """Statistics of every question over the submitted responses the filters keep.

    `versions`: all the survey's versions, where the caller has them. `engine` forces "postgresql" or
    "python" (the tests compare them); by default PostgreSQL counts in the database and any other
    database in Python.
    """
    versions = survey_versions(survey) if versions is None else versions
    questions = merged_questions(versions)
    filters = filters or Filters()
    queryset = submitted_responses(survey, questions, filters)
    tally = tallies(survey, queryset, questions, text_limit, engine=engine, filtered=bool(filters))
    tally = tally.get("") or Tally()
    found: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    for (name, row, choice), count in tally.choices.items():
        found[name][row][choice] += count
    results = []
    for question in questions:
        asked = sum(tally.per_version[version] for version in question.versions)
        respondents = None
        if question.repeat:  # counted over the items
            asked = sum(tally.items[question.repeat, version] for version in question.versions)
            respondents = sum(tally.holders[question.repeat, version] for version in question.versions)
        result = QuestionResult(question, asked=asked, answered=tally.answered[question.name],
                                respondents=respondents)
        ASSEMBLED[result.kind](result, found[question.name], tally)
        results.append(result)
    return Results(survey, results, sum(tally.per_version.values()), filters)
