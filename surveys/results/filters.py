"""Which submitted responses the results and the exports take: filters by the respondent's country and
cluster, by answers given and by numbers answered within a range, all of them holding at once."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from django import forms
from django.db import connections
from django.db.models import DecimalField, Func, QuerySet, TextField
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import Response, SurveyPage
from ..types import question_type
from ..types.values import NUMBER_TEXT
from .versions import Question


@dataclass
class Filters:
    country: str = ""
    cluster: str = ""
    answers: list[tuple[str, str]] = field(default_factory=list)  # (question, choice) pairs
    # (question, lowest, highest): a number answered within the range, ends included; None: no end there.
    ranges: list[tuple[str, Decimal | None, Decimal | None]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.country or self.cluster or self.answers or self.ranges)

    def as_json(self) -> dict:
        """As an export keeps them (ResponseExport.filters): what is set, numbers as their text."""
        kept = {"country": self.country, "cluster": self.cluster,
                "answers": [list(pair) for pair in self.answers],
                "ranges": [[name, _text(low), _text(high)] for name, low, high in self.ranges]}
        return {key: value for key, value in kept.items() if value}

    @classmethod
    def from_json(cls, data: dict) -> Filters:
        return cls(
            country=data.get("country", ""),
            cluster=data.get("cluster", ""),
            answers=[(name, choice) for name, choice in data.get("answers", [])],
            ranges=[(name, _decimal(low), _decimal(high)) for name, low, high in data.get("ranges", [])],
        )


def _text(number: Decimal | None) -> str | None:
    return None if number is None else str(number)


def _decimal(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def has_country_question(questions: list[Question]) -> bool:
    return any(question.name == "country" and question.is_choice
               and not question_type(question.type).picks_several for question in questions)


def takes_number_range(question: Question) -> bool:
    """Whether the question's answers compare as numbers, one a response (a number, a rating's point, a
    calculated value): a range filter may name it."""
    return question_type(question.type).compared_as == "number" and not question.repeat


def _answer_is(queryset: QuerySet, question: Question, choice: str) -> QuerySet:
    if connections[queryset.db].vendor == "postgresql":
        # jsonb containment: {"q": "c"} for one choice, {"q": ["c"]} for one of several.
        several = question_type(question.type).picks_several
        wanted = [choice] if several else choice
        return queryset.filter(answers__contains={question.name: wanted})
    alias = f"answer_{question.name}"
    # Cast: SQLite would otherwise compare the text with the JSON of the other side.
    queryset = queryset.alias(**{alias: Cast(KeyTextTransform(question.name, "answers"), TextField())})
    if question_type(question.type).picks_several:
        # The JSON text of the list holds the name in quotes; names have no quotes or backslashes.
        return queryset.filter(**{f"{alias}__contains": f'"{choice}"'})
    return queryset.filter(**{alias: choice})


class AnsweredNumber(Func):
    """The number a response's answer to a question reads as, in SQL, as read_number() reads it in Python
    (with "," or "." as the decimal mark, spaces around); NULL where it reads as none. The text is matched
    before it is cast, so an answer that is no number never stops the query."""

    output_field = DecimalField()

    def __init__(self, name: str):
        super().__init__(KeyTextTransform(name, "answers"))

    def as_postgresql(self, compiler, connection, **extra):
        text, params = compiler.compile(self.source_expressions[0])
        sql = (f"CASE WHEN ({text}) ~ %s THEN replace(regexp_replace(({text}), '^\\s+|\\s+$', '', 'g'), "
               "',', '.')::numeric END")
        return sql, (*params, NUMBER_TEXT.pattern, *params)

    def as_sql(self, compiler, connection, **extra):  # SQLite, whose REGEXP is Python's re
        text, params = compiler.compile(self.source_expressions[0])
        text = f"CAST(({text}) AS TEXT)"
        sql = f"CAST(CASE WHEN {text} REGEXP %s THEN REPLACE(TRIM({text}), ',', '.') END AS REAL)"
        return sql, (*params, NUMBER_TEXT.pattern, *params)


def submitted_responses(
    survey: SurveyPage, questions: list[Question], filters: Filters | None = None
) -> QuerySet:
    """The submitted responses of the survey that the filters keep, unordered. An answer filters only in
    the versions where its question has its latest type, as the statistics count it."""
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
        queryset = _answer_is(queryset, question, choice).filter(version_id__in=sorted(question.versions))
    for position, (name, low, high) in enumerate(filters.ranges):
        question = by_name.get(name)
        if question is None or not takes_number_range(question):
            raise ValueError(f"not a question answered with a number: {name}")
        alias = f"number_{position}"
        queryset = queryset.alias(**{alias: AnsweredNumber(name)}).filter(
            version_id__in=sorted(question.versions))
        if low is not None:
            queryset = queryset.filter(**{f"{alias}__gte": low})
        if high is not None:
            queryset = queryset.filter(**{f"{alias}__lte": high})
    return queryset


# --- The form of the results pages -----------------------------------------------------------------

# A range's ends as PostgreSQL's numeric compares them (1E999999 overflows it): answers are kept as
# doubles anyway, exact to about 15 digits.
BOUNDS = {"max_digits": 30, "decimal_places": 10}
_NUMBERED = re.compile(r"^(answer|number|from|to)_([1-9][0-9]{0,3})$")


class FilterForm(forms.Form):
    """Filters of the results pages, as GET parameters; every field has a label.

    Conditions are numbered fields: answer_1, answer_2 ... (an answer given), and number_1 with from_1 and
    to_1 ... (a number answered within a range). The form has a field for each number the request sends
    and one more, empty, of each kind, so every time the filters are applied there is room for another
    condition: as many as a coordinator adds, all of which must hold.
    """

    MAX_CONDITIONS = 50  # of each kind

    country = forms.ChoiceField(label=gettext_lazy("Respondent's country"), required=False)
    cluster = forms.ChoiceField(label=gettext_lazy("Stakeholder cluster"), required=False)

    def __init__(self, data, *, questions: list[Question]):
        super().__init__(data)
        from portal.initiative.models import Country, StakeholderCluster

        self.questions = {question.name: question for question in questions}
        everyone = [("", _("All"))]
        if has_country_question(questions):
            countries = [(option.name, option.label) for option in self.questions["country"].choices]
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
        numbered = [(question.name, question.label) for question in questions if takes_number_range(question)]
        self.too_many = False
        self.answer_numbers, self.range_numbers = self._numbers(data)
        for position, number in enumerate(self.answer_numbers):
            self.fields[f"answer_{number}"] = forms.ChoiceField(
                label=_("Gave the answer") if position == 0 else _("and the answer"), required=False,
                choices=[("", _("Any answer"))] + grouped)
        for position, number in enumerate(self.range_numbers if numbered else []):
            self.fields[f"number_{number}"] = forms.ChoiceField(
                label=_("Answered with a number") if position == 0 else _("and with a number"),
                required=False, choices=[("", _("Any question"))] + numbered)
            self.fields[f"from_{number}"] = forms.DecimalField(label=_("from"), required=False, **BOUNDS)
            self.fields[f"to_{number}"] = forms.DecimalField(label=_("to"), required=False, **BOUNDS)
            if position == 0:
                self.fields[f"number_{number}"].help_text = _("A number, a rating's point or a calculated "
                                                              "value.")
                self.fields[f"to_{number}"].help_text = _("Both ends are included; leave one empty for "
                                                          "no limit.")

    def _numbers(self, data) -> tuple[list[int], list[int]]:
        """The numbers of the conditions the request sends, with one more of each kind."""
        found: dict[str, set[int]] = {"answer": set(), "range": set()}
        for key in data or {}:
            match = _NUMBERED.match(key)
            if match:
                found["answer" if match[1] == "answer" else "range"].add(int(match[2]))
        kept = []
        for kind in ("answer", "range"):
            numbers = sorted(found[kind])
            if len(numbers) > self.MAX_CONDITIONS:
                numbers, self.too_many = numbers[:self.MAX_CONDITIONS], True
            elif len(numbers) < self.MAX_CONDITIONS:
                numbers.append(max(numbers, default=0) + 1)
            kept.append(numbers)
        return kept[0], kept[1]

    def answer_fields(self) -> list:
        return [self[f"answer_{number}"] for number in self.answer_numbers]

    def range_fields(self) -> list[tuple]:
        """Each number range's fields: (question, from, to)."""
        return [(self[f"number_{number}"], self[f"from_{number}"], self[f"to_{number}"])
                for number in self.range_numbers if f"number_{number}" in self.fields]

    def clean(self):
        data = super().clean()
        if self.too_many:
            raise forms.ValidationError(_("Use at most %(limit)s conditions of each kind.")
                                        % {"limit": self.MAX_CONDITIONS})
        for number in self.range_numbers:
            if f"number_{number}" not in self.fields or {f"from_{number}", f"to_{number}"} & set(self.errors):
                continue  # no number question, or a bound that is no number (its error says so)
            name, low, high = (data.get(f"{part}_{number}") for part in ("number", "from", "to"))
            if name and low is None and high is None:
                self.add_error(f"from_{number}", _("Give the lowest number, the highest or both."))
            elif not name and (low is not None or high is not None):
                self.add_error(f"number_{number}", _("Choose the question the numbers are answers to."))
            elif low is not None and high is not None and low > high:
                self.add_error(f"to_{number}", _("Give a number no lower than %(low)s.") % {"low": low})
        return data

    def filters(self) -> Filters:
        """The filters asked for; none when the form has errors (they are shown beside their fields)."""
        if not self.is_valid():
            return Filters()
        data = self.cleaned_data
        answers = [tuple(data[f"answer_{number}"].split(":", 1)) for number in self.answer_numbers
                   if data.get(f"answer_{number}")]
        ranges = [(data[f"number_{number}"], data[f"from_{number}"], data[f"to_{number}"])
                  for number in self.range_numbers if data.get(f"number_{number}")]
        return Filters(country=data["country"], cluster=data["cluster"], answers=answers, ranges=ranges)

    def described(self, filters: Filters) -> list[str]:
        """The filters in words, one condition a line (the export list shows what each export took)."""
        lines = []
        for key, value in (("country", filters.country), ("cluster", filters.cluster)):
            if value:
                shown = dict(self.fields[key].choices).get(value, value)
                lines.append(f"{self.fields[key].label}: {shown}")
        for name, choice in filters.answers:
            question = self.questions.get(name)
            option = question.choice(choice) if question else None
            lines.append(_("Gave the answer “%(choice)s” to “%(question)s”") % {
                "choice": option.label if option else choice,
                "question": question.label if question else name,
            })
        for name, low, high in filters.ranges:
            words = {"question": self.questions[name].label if name in self.questions else name,
                     "low": _shown(low), "high": _shown(high)}
            if low is not None and high is not None:
                lines.append(_("“%(question)s” from %(low)s to %(high)s") % words)
            elif low is not None:
                lines.append(_("“%(question)s” at least %(low)s") % words)
            else:
                lines.append(_("“%(question)s” at most %(high)s") % words)
        return lines


def _shown(number: Decimal | None) -> str:
    return "" if number is None else format(number.normalize(), "f")
