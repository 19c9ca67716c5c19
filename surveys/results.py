"""Statistics of a survey's submitted responses across all its versions, keyed by stable names.

Questions, choices and rows are merged over the survey's versions by name: a choice removed in a later
version still counts under its name, labelled from the latest version that had it. An answer counts for
a question only in versions where the question has the same type, so a type changed between versions
never mixes two kinds of answers.

On PostgreSQL the counting happens in the database, over the answers kept also as narrow rows when a
response is submitted (answer_items.py), in a few queries whatever the number of responses or questions;
elsewhere (SQLite on a laptop) the same figures are computed in Python over the JSON answers, streamed
in chunks.
"""

from __future__ import annotations

import hashlib
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django import forms
from django.core.cache import cache
from django.db import connections
from django.db import models as db
from django.db.models import QuerySet, TextField
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .answer_items import counted_choices
from .answer_items import read_date as _date
from .answer_items import read_number as _number
from .models import AnswerKey, Response, SurveyPage, SurveyVersion
from .types import question_type

CHOICE_TYPES = {"single_choice", "multiple_choice"}
NUMBER_TYPES = {"number", "number_table"}
TEXT_TYPES = {"short_text", "long_text"}
TEXTS_SHOWN = 10
SMALL_CELL = 5  # public results never show a count below this


# --- The survey across its versions --------------------------------------------------------------


@dataclass
class Option:
    """A choice or a row, merged over versions."""

    name: str
    label: str
    removed: bool = False  # absent from the latest version that has the question
    exclusive: bool = False


@dataclass
class Question:
    name: str
    type: str
    label: str
    section: str
    versions: set[int] = field(default_factory=set)  # ids of versions where it has this type
    choices: list[Option] = field(default_factory=list)
    rows: list[Option] = field(default_factory=list)
    rows_from: str = ""
    kind: str = ""
    removed: bool = False  # absent from the latest version
    offered: dict[str, set[int]] = field(default_factory=dict)  # choice -> versions that offered it

    @property
    def is_choice(self) -> bool:
        return self.type in CHOICE_TYPES

    def choice(self, name: str) -> Option | None:
        return next((option for option in self.choices if option.name == name), None)


def _merge_options(merged: list[Option], options: list[dict], newest: bool) -> None:
    known = {option.name for option in merged}
    for option in options:
        if option["name"] not in known:
            exclusive = bool(option.get("exclusive"))
            merged.append(Option(option["name"], option["label"], removed=not newest, exclusive=exclusive))
            known.add(option["name"])


def merged_questions(versions: list[SurveyVersion]) -> list[Question]:
    """Every question of every version, in the order of the latest version that has it."""
    questions: dict[str, Question] = {}
    order: list[str] = []
    for position, version in enumerate(sorted(versions, key=lambda version: -version.number)):
        newest = position == 0
        for section in version.definition.get("sections", []):
            for item in section["questions"]:
                question = questions.get(item["name"])
                if question is None:
                    question = questions[item["name"]] = Question(
                        name=item["name"], type=item["type"], label=item["label"], section=section["title"],
                        rows_from=item.get("rows_from", ""), kind=item.get("kind", ""), removed=not newest,
                    )
                    order.append(item["name"])
                if item["type"] != question.type:
                    continue  # a type changed between versions: only the latest type's answers count
                question.versions.add(version.pk)
                choices = question_type(item).choices_of(item)  # a rating's points are its choices
                for choice in choices:
                    question.offered.setdefault(choice["name"], set()).add(version.pk)
                # Within a question that is still asked, what the latest version dropped is "removed".
                _merge_options(question.choices, choices, newest or question.removed)
                _merge_options(question.rows, item.get("rows", []), newest or question.removed)
    merged = [questions[name] for name in order]
    for question in merged:
        if question.rows_from and question.rows_from in questions:
            source = questions[question.rows_from]
            question.rows = [option for option in source.choices if not option.exclusive]
    return merged


def survey_versions(survey: SurveyPage) -> list[SurveyVersion]:
    return list(SurveyVersion.objects.filter(survey=survey).order_by("number"))


# --- Filters --------------------------------------------------------------------------------------


@dataclass
class Filters:
    country: str = ""
    cluster: str = ""
    answers: list[tuple[str, str]] = field(default_factory=list)  # (question, choice) pairs

    def __bool__(self) -> bool:
        return bool(self.country or self.cluster or self.answers)


def has_country_question(questions: list[Question]) -> bool:
    return any(question.name == "country" and question.type == "single_choice" for question in questions)


def _answer_is(queryset: QuerySet, question: Question, choice: str) -> QuerySet:
    if connections[queryset.db].vendor == "postgresql":
        # jsonb containment: {"q": "c"} for one choice, {"q": ["c"]} for one of several.
        wanted = [choice] if question.type == "multiple_choice" else choice
        return queryset.filter(answers__contains={question.name: wanted})
    alias = f"answer_{question.name}"
    # Cast: SQLite would otherwise compare the text with the JSON of the other side.
    queryset = queryset.alias(**{alias: Cast(KeyTextTransform(question.name, "answers"), TextField())})
    if question.type == "multiple_choice":
        # The JSON text of the list holds the name in quotes; names have no quotes or backslashes.
        return queryset.filter(**{f"{alias}__contains": f'"{choice}"'})
    return queryset.filter(**{alias: choice})


def submitted_responses(
    survey: SurveyPage, questions: list[Question], filters: Filters | None = None
) -> QuerySet:
    """The submitted responses of the survey that the filters keep, unordered."""
    queryset = Response.objects.filter(survey=survey, status=Response.Status.SUBMITTED).order_by()
    filters = filters or Filters()
    by_name = {question.name: question for question in questions}
    if filters.country:
        if has_country_question(questions):
            queryset = _answer_is(queryset, by_name["country"], filters.country)
        else:
            code = filters.country.upper()
            queryset = queryset.filter(respondent__stakeholder_profile__country__iso_code=code)
    if filters.cluster:
        queryset = queryset.filter(respondent__stakeholder_profile__clusters__slug=filters.cluster)
    for name, choice in filters.answers:
        question = by_name.get(name)
        if question is None or not question.is_choice:
            raise ValueError(f"not a choice question: {name}")
        queryset = _answer_is(queryset, question, choice)
    return queryset


class FilterForm(forms.Form):
    """Filters of the results pages, as GET parameters; every select has a label."""

    ANSWER_FIELDS = ("answer_1", "answer_2", "answer_3")

    country = forms.ChoiceField(label=gettext_lazy("Respondent's country"), required=False)
    cluster = forms.ChoiceField(label=gettext_lazy("Stakeholder cluster"), required=False)
    answer_1 = forms.ChoiceField(label=gettext_lazy("Gave the answer"), required=False)
    answer_2 = forms.ChoiceField(label=gettext_lazy("and the answer"), required=False)
    answer_3 = forms.ChoiceField(label=gettext_lazy("and also the answer"), required=False)

    def __init__(self, data, *, questions: list[Question]):
        super().__init__(data)
        from portal.initiative.models import Country, StakeholderCluster

        everyone = [("", _("All"))]
        by_name = {question.name: question for question in questions}
        if has_country_question(questions):
            countries = [(option.name, option.label) for option in by_name["country"].choices]
            self.fields["country"].help_text = _("As answered in the survey.")
        else:
            countries = [(country.iso_code.lower(), country.name) for country in Country.objects.all()]
            self.fields["country"].help_text = _("From the respondent's profile.")
        self.fields["country"].choices = everyone + countries
        self.fields["cluster"].choices = everyone + [
            (cluster.slug, cluster.name) for cluster in StakeholderCluster.objects.all()
        ]
        self.fields["cluster"].help_text = _("From the respondent's profile.")
        grouped = [
            (question.label, [(f"{question.name}:{opt.name}", opt.label) for opt in question.choices])
            for question in questions
            if question.is_choice and question.name != "country"
        ]
        for name in self.ANSWER_FIELDS:
            self.fields[name].choices = [("", _("Any answer"))] + grouped

    def filters(self) -> Filters:
        if not self.is_valid():
            return Filters()
        data = self.cleaned_data
        answers = [tuple(data[name].split(":", 1)) for name in self.ANSWER_FIELDS if data.get(name)]
        return Filters(country=data["country"], cluster=data["cluster"], answers=answers)


# --- Statistics -----------------------------------------------------------------------------------


@dataclass
class Count:
    name: str
    label: str
    count: int
    percent: float | None
    removed: bool = False


@dataclass
class Summary:
    n: int
    min: Decimal | str | None
    median: Decimal | str | None
    max: Decimal | str | None
    total: Decimal | None = None


@dataclass
class RowResult:
    name: str
    label: str
    answered: int
    removed: bool = False
    counts: list[Count] = field(default_factory=list)
    summary: Summary | None = None


@dataclass
class QuestionResult:
    question: Question
    asked: int  # submitted responses (after filters) to versions with this question
    answered: int
    counts: list[Count] = field(default_factory=list)
    rows: list[RowResult] = field(default_factory=list)
    summary: Summary | None = None
    texts: list[str] = field(default_factory=list)  # the latest free-text answers

    @property
    def not_answered(self) -> int:
        return self.asked - self.answered

    @property
    def kind(self) -> str:
        if self.question.type in {"single_choice", "multiple_choice"}:
            return "choices"
        if self.question.type in {"matrix", "number_table"}:
            return self.question.type
        if self.question.type in {"number", "date"}:
            return "summary"
        if self.question.type in TEXT_TYPES:
            return "texts"
        return "count"


@dataclass
class Results:
    survey: SurveyPage
    questions: list[QuestionResult]
    total: int  # submitted responses after filters
    filters: Filters


def _percent(count: int, of: int) -> float | None:
    return round(100 * count / of, 1) if of else None


class _Tally:
    """Raw figures that both the SQL and the Python paths fill in. A question's answers count only in
    versions where it has its latest type (Question.versions)."""

    def __init__(self):
        self.per_version: Counter = Counter()  # version -> responses
        self.answered: Counter = Counter()  # question -> responses that answered it
        self.choices: Counter = Counter()  # (question, row or "", choice) -> responses
        self.numbers: dict = {}  # (question, row or "") -> Summary
        self.texts: dict[str, list[str]] = {}


def _numbers_summary(values: list[Decimal]) -> Summary:
    if not values:
        return Summary(0, None, None, None, None)
    return Summary(len(values), min(values), statistics.median(values), max(values), sum(values))


def _dates_summary(values: list[str]) -> Summary:
    if not values:
        return Summary(0, None, None, None)
    values.sort()
    return Summary(len(values), values[0], values[(len(values) - 1) // 2], values[-1])


def _tally_in_python(
    queryset: QuerySet, questions: list[Question], text_limit: int, group: str
) -> dict[str, _Tally]:
    tallies: dict[str, _Tally] = defaultdict(_Tally)
    numbers: dict = defaultdict(list)
    dates: dict = defaultdict(list)
    texts: dict = defaultdict(list)
    rows = queryset.order_by("-submitted_at", "-pk").values_list("version_id", "answers")
    for version, answers in rows.iterator(chunk_size=2000):
        answers = answers if isinstance(answers, dict) else {}
        key = answers.get(group, "") if group else ""
        tally = tallies[key if isinstance(key, str) else ""]
        tally.per_version[version] += 1
        for question in questions:
            if version not in question.versions:
                continue
            value = answers.get(question.name)
            if value in (None, "", [], {}):
                continue
            tally.answered[question.name] += 1
            kind = question.type
            if kind == "single_choice" and isinstance(value, str):
                tally.choices[question.name, "", value] += 1
            elif kind == "multiple_choice" and isinstance(value, list):
                for choice in set(value):
                    tally.choices[question.name, "", choice] += 1
            elif kind == "matrix" and isinstance(value, dict):
                for row, choice in value.items():
                    if choice:
                        tally.choices[question.name, row, choice] += 1
            elif group:
                continue  # grouped tallies count choices only
            elif kind == "number":
                number = _number(value)
                if number is not None:
                    numbers[question.name, ""].append(number)
            elif kind == "number_table" and isinstance(value, dict):
                for row, text in value.items():
                    number = _number(text)
                    if number is not None:
                        numbers[question.name, row].append(number)
            elif kind == "date":
                day = _date(value)
                if day:
                    dates[question.name, ""].append(day)
            elif kind in TEXT_TYPES and isinstance(value, str) and len(texts[question.name]) < text_limit:
                texts[question.name].append(value)
    if not group:
        tally = tallies[""]
        tally.numbers = {key: _numbers_summary(values) for key, values in numbers.items()}
        tally.numbers.update({key: _dates_summary(values) for key, values in dates.items()})
        tally.texts = dict(texts)
    return dict(tallies)


# On PostgreSQL the counting reads the answer items and values (answer_items.py), never the JSON:
# items counted by key (one item a question answered), values summarised by key in the order of their
# index. Without filters every item under the survey's keys counts; with filters, those of the
# responses the filters keep (their ids are read first, with their versions). Items are taken by the
# range of the survey's key ids, which is cheaper than testing each against a list of thousands; keys
# of other surveys in that range are dropped after counting. Counts can be grouped by the answer to
# one single-choice question (the public page's countries).
_COUNTS_SQL = """
SELECT {group}, i.key_id, count(*) FROM surveys_answeritem i {join}
WHERE i.key_id BETWEEN %s AND %s {among}
GROUP BY 1, 2
"""
_VALUES_SQL = """
SELECT key_id,
       count(number), min(number), percentile_cont(0.5) WITHIN GROUP (ORDER BY number), max(number),
       sum(number) FILTER (WHERE number = trunc(number)),
       sum(number::numeric) FILTER (WHERE number <> trunc(number)),
       count(day), min(day), percentile_disc(0.5) WITHIN GROUP (ORDER BY day), max(day)
FROM surveys_answervalue
WHERE key_id = ANY(%s::int[]) {among}
GROUP BY key_id
"""
_GROUP_SQL = "CASE WHEN jsonb_typeof(r.answers -> %s) = 'string' THEN r.answers ->> %s ELSE '' END"

# The newest responses, for the free-text answers shown under each question: sorting only ids and
# dates, then reading the answers of those few rows.
_NEWEST_SQL = """
SELECT {columns}
FROM surveys_response r
JOIN (SELECT id, submitted_at FROM ({base}) b ORDER BY submitted_at DESC, id DESC LIMIT %s) newest
  ON newest.id = r.id
ORDER BY newest.submitted_at DESC, newest.id DESC
"""

_TEXTS_SQL = """
SELECT r.answers ->> %s FROM ({base}) r
WHERE r.answers ? %s AND r.version_id = ANY(%s::int[]) AND jsonb_typeof(r.answers -> %s) = 'string'
ORDER BY r.submitted_at DESC, r.id DESC
LIMIT %s
"""
NEWEST_READ = 200  # responses read for free-text answers before asking per question


def _base_sql(queryset: QuerySet) -> tuple[str, tuple]:
    query = queryset.values("id", "version_id", "answers", "submitted_at").query
    sql, params = query.get_compiler(using=queryset.db).as_sql()
    return sql, tuple(params)


def _decimal(value):
    """A double from the database as the decimal people typed."""
    if not isinstance(value, float):
        return value
    number = Decimal(repr(round(value, 9)))
    return number.to_integral_value() if number == number.to_integral_value() else number


def _survey_keys(survey: SurveyPage, questions: list[Question]) -> dict[int, tuple[str, str, str]]:
    """The survey's answer keys of these questions in their latest type: id -> (question, row, choices)."""
    types = {question.name: question.type for question in questions if question.versions}
    keys = AnswerKey.objects.filter(survey=survey, question__in=types).values_list(
        "pk", "question", "type", "row", "choices"
    )
    return {pk: (name, row, choices) for pk, name, kind, row, choices in keys if types[name] == kind}


def _tally_in_postgresql(
    survey: SurveyPage, queryset: QuerySet, questions: list[Question], text_limit: int, group: str,
    filtered: bool,
) -> dict[str, _Tally]:
    tallies: dict[str, _Tally] = defaultdict(_Tally)
    base, params = _base_sql(queryset)
    among, among_params = "", []
    if group:
        grouped = f"SELECT {_GROUP_SQL}, r.version_id, count(*) FROM ({base}) r GROUP BY 1, 2"
        group_params = (group, group)
    elif filtered:
        kept = list(queryset.values_list("pk", "version_id"))
        for _pk, version in kept:
            tallies[""].per_version[version] += 1
        among, among_params = "AND {column} = ANY(%s::bigint[])", [[pk for pk, _version in kept]]
    else:
        for version, count in queryset.values_list("version_id").annotate(count=db.Count("pk")):
            tallies[""].per_version[version] = count
    connection = connections[queryset.db]
    with connection.cursor() as cursor:
        if group:
            cursor.execute(grouped, group_params + params)
            for key, version, count in cursor.fetchall():
                tallies[key].per_version[version] = count
        keys = _survey_keys(survey, questions) if tallies else {}
        if not keys:
            return dict(tallies)  # no response answered any of the questions
        if group:
            join = f"JOIN (SELECT r.id, {_GROUP_SQL} AS grp FROM ({base}) r) g ON g.id = i.response_id"
            sql = _COUNTS_SQL.format(group="g.grp", join=join, among="")
            cursor.execute(sql, [group, group, *params, min(keys), max(keys)])
        else:
            sql = _COUNTS_SQL.format(group="''", join="", among=among.format(column="i.response_id"))
            cursor.execute(sql, [min(keys), max(keys), *among_params])
        parsed: dict[str, list] = {}
        for grp, key, count in cursor.fetchall():
            if key not in keys:
                continue
            name, _row, choices = keys[key]
            tally = tallies[grp]
            tally.answered[name] += count
            if choices not in parsed:
                parsed[choices] = counted_choices(choices)
            for row, choice in parsed[choices]:
                tally.choices[name, row, choice] += count
        if group:
            return dict(tallies)
        tally = tallies[""]
        among = among.format(column="response_id")
        _values_in_postgresql(cursor, questions, keys, among, among_params, tally)
        if text_limit:
            _texts_in_postgresql(cursor, questions, base, params, text_limit, tally)
    return dict(tallies)


def _values_in_postgresql(cursor, questions, keys, among, among_params, tally) -> None:
    """n, min, median, max and sum of every number and number-table row; n, earliest, median and latest
    of every date. Numbers are kept as double precision, exact for what people type (up to 15 digits).
    Whole numbers are summed as they are (exactly, up to 2**53); the others as decimals, so that sums
    of many decimals are exact too (reading a double as a decimal costs, so only they pay for it)."""
    kinds = {question.name: question.type for question in questions
             if question.type in {"number", "number_table", "date"}}
    wanted = [key for key, (name, _row, choices) in keys.items() if name in kinds and not choices]
    if not wanted:
        return
    cursor.execute(_VALUES_SQL.format(among=among), [wanted, *among_params])
    for key, n, low, middle, high, whole, parts, days, first, median, last in cursor.fetchall():
        name, row, _choices = keys[key]
        if kinds[name] == "date" and days:
            tally.numbers[name, row] = Summary(days, first.isoformat(), median.isoformat(), last.isoformat())
        elif kinds[name] != "date" and n:
            total = _decimal(whole or 0.0) + (parts or 0)
            tally.numbers[name, row] = Summary(n, _decimal(low), _decimal(middle), _decimal(high), total)


def _texts_in_postgresql(cursor, questions, base, params, limit: int, tally) -> None:
    """The latest free-text answers of each question: those among the newest responses, and for a
    question with fewer there, a query of its own (so at most one query a free-text question)."""
    texts = [question for question in questions if question.type in TEXT_TYPES and question.versions]
    if not texts:
        return
    columns = ["r.version_id"] + ["r.answers ->> %s" for _question in texts]
    cursor.execute(
        _NEWEST_SQL.format(columns=", ".join(columns), base=base),
        [*(question.name for question in texts), *params, NEWEST_READ],
    )
    newest = cursor.fetchall()
    for index, question in enumerate(texts, start=1):
        found = [
            row[index] for row in newest
            if row[0] in question.versions and isinstance(row[index], str) and row[index]
        ][:limit]
        if len(found) < min(limit, tally.answered[question.name]) and len(newest) == NEWEST_READ:
            cursor.execute(
                _TEXTS_SQL.format(base=base),
                [question.name, *params, question.name, sorted(question.versions), question.name, limit],
            )
            found = [text for (text,) in cursor.fetchall() if text]
        if found:
            tally.texts[question.name] = found


def _tallies(
    survey: SurveyPage, queryset: QuerySet, questions: list[Question], text_limit: int = 0, *,
    engine: str = "", group: str = "", filtered: bool = False,
) -> dict[str, _Tally]:
    """Raw figures per answer to the `group` question (all under "" without a group). `filtered`: the
    queryset keeps fewer than all the survey's submitted responses."""
    engine = engine or ("postgresql" if connections[queryset.db].vendor == "postgresql" else "python")
    if engine == "postgresql":
        return _tally_in_postgresql(survey, queryset, questions, text_limit, group, filtered)
    return _tally_in_python(queryset, questions, text_limit, group)


def _counts(options: list[Option], found: Counter, of: int) -> list[Count]:
    return [
        Count(option.name, option.label, found[option.name], _percent(found[option.name], of), option.removed)
        for option in options
    ]


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
    tally = _tallies(survey, queryset, questions, text_limit, engine=engine, filtered=bool(filters))
    tally = tally.get("") or _Tally()
    found: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    for (name, row, choice), count in tally.choices.items():
        found[name][row][choice] += count
    results = []
    for question in questions:
        asked = sum(tally.per_version[version] for version in question.versions)
        answered = tally.answered[question.name]
        result = QuestionResult(question, asked=asked, answered=answered)
        if question.is_choice or question.type == "matrix":
            found_rows = found[question.name]
            if question.is_choice:
                result.counts = _counts(question.choices, found_rows[""], answered)
            else:
                for row in question.rows:
                    row_answered = sum(found_rows[row.name][option.name] for option in question.choices)
                    result.rows.append(
                        RowResult(row.name, row.label, row_answered, row.removed,
                                  counts=_counts(question.choices, found_rows[row.name], row_answered))
                    )
        elif question.type == "number_table":
            for row in question.rows:
                summary = tally.numbers.get((question.name, row.name)) or _numbers_summary([])
                result.rows.append(RowResult(row.name, row.label, summary.n, row.removed, summary=summary))
        elif question.type in {"number", "date"}:
            result.summary = tally.numbers.get((question.name, "")) or Summary(0, None, None, None)
        elif question.type in TEXT_TYPES:
            result.texts = tally.texts.get(question.name, [])
        results.append(result)
    return Results(survey, results, sum(tally.per_version.values()), filters)


CACHE_SECONDS = 600


def _cached(survey: SurveyPage, parts: tuple, compute):
    """compute(), kept in the cache while no response is submitted or changed (and at most ten minutes,
    since a profile's country or clusters can change too). One cheap query checks that."""
    stamp = Response.objects.filter(survey=survey, status=Response.Status.SUBMITTED).aggregate(
        count=db.Count("pk"), last=db.Max("updated_at"), top=db.Max("pk"), versions=db.Max("version_id")
    )
    digest = hashlib.sha256(repr((survey.pk, parts, sorted(stamp.items()))).encode()).hexdigest()
    key = f"surveys:results:{digest}"
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, CACHE_SECONDS)
    return found


def cached_survey_results(
    survey: SurveyPage, filters: Filters | None = None, *, text_limit: int = TEXTS_SHOWN
) -> Results:
    filters = filters or Filters()

    def compute():
        results = survey_results(survey, filters, text_limit=text_limit)
        return results.questions, results.total

    questions, total = _cached(survey, ("admin", filters, text_limit), compute)
    return Results(survey, questions, total, filters)


def text_answers(
    survey: SurveyPage,
    question: Question,
    filters: Filters | None = None,
    questions: list[Question] | None = None,
) -> QuerySet:
    """One free-text question's answers, newest first, as (contribution ID, text) for a paginator."""
    questions = merged_questions(survey_versions(survey)) if questions is None else questions
    queryset = submitted_responses(survey, questions, filters).filter(version_id__in=question.versions)
    alias = Cast(KeyTextTransform(question.name, "answers"), TextField())
    return (
        queryset.alias(text=alias)
        .exclude(text__isnull=True)
        .exclude(text="")
        .annotate(answer=alias)
        .order_by("-submitted_at", "-pk")
        .values_list("contribution_id", "answer")
    )


# --- Public results -------------------------------------------------------------------------------

# Per-country tables of a survey's public results, by survey name: the B1MG European Genome
# Dashboard shows datasets per country by type of genetic data, phenotypic data and legal basis.
DASHBOARDS = {
    "accessible-genomes-2020": [
        ("b1_genetic_data", gettext_lazy("Datasets by type of genetic data")),
        ("b1_phenotypic_data", gettext_lazy("Phenotypic and clinical data available")),
        ("d1_gdpr_basis", gettext_lazy("Legal basis: consent under the GDPR")),
    ],
}


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


def _public_table(title, question: Question, groups_of_counts: list[tuple[str, int, Counter]]) -> PublicTable:
    columns = [option for option in question.choices if not option.removed or any(
        counts[option.name] for _label, _answered, counts in groups_of_counts)]
    table = PublicTable(str(title), question, columns, additive=question.type == "single_choice")
    for label, answered, counts in groups_of_counts:
        table.rows.append((label, Cell(answered), [Cell(counts[option.name]) for option in columns]))
    cells, groups = [], []
    for _label, answered, row in table.rows:
        cells += [answered, *row]
        if table.additive:
            groups.append((row, answered))
    if len(table.rows) > 2:  # the last row is the sum of the others
        body, last = table.rows[:-1], table.rows[-1]
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
    dashboard = [(name, title) for name, title in DASHBOARDS.get(latest.get("name"), []) if name in by_name]
    shown = [by_name[name] for name, _title in dashboard] or [
        question for question in questions if question.is_choice and question.name != "country"
    ]
    places = []
    if dashboard and has_country_question(questions):
        per_country = _tallies(survey, queryset, shown, engine=engine, group="country")
        everyone = _Tally()
        for tally in per_country.values():  # every response is in one group
            everyone.per_version += tally.per_version
            everyone.answered += tally.answered
            everyone.choices += tally.choices
        places = [(option.label, per_country[option.name]) for option in by_name["country"].choices
                  if option.name in per_country]
    else:
        everyone = _tallies(survey, queryset, shown, engine=engine).get("") or _Tally()
    total = Cell(sum(everyone.per_version.values()))
    tables = []
    for question in shown:
        title = dict(dashboard).get(question.name, question.label)
        rows = [(label, *_question_counts(tally, question)) for label, tally in places]
        everywhere = _("All countries") if places else _("All responses")
        rows.append((everywhere, *_question_counts(everyone, question)))
        tables.append(_public_table(title, question, rows))
    countries = [(label, Cell(sum(tally.per_version.values()))) for label, tally in places]
    cells = [cell for _label, cell in countries]
    suppress([*cells, total], [(cells, total)] if len(cells) > 1 else [])
    return {"total": total, "tables": tables, "countries": countries, "small": SMALL_CELL}


def _question_counts(tally: _Tally, question: Question) -> tuple[int, Counter]:
    found = Counter()
    for (name, _row, choice), count in tally.choices.items():
        if name == question.name:
            found[choice] += count
    return tally.answered[question.name], found


def public_results_view(survey: SurveyPage, request):
    if not survey.public_results:
        raise Http404
    found = _cached(survey, ("public",), lambda: public_results(survey))
    context = {"page": survey, "self": survey, "results": found}
    return TemplateResponse(request, "surveys/public_results.html", context)
