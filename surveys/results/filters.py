"""Which submitted responses the results count: filters by the respondent's country, cluster and answers."""

from __future__ import annotations

from dataclasses import dataclass, field

from django import forms
from django.db import connections
from django.db.models import QuerySet, TextField
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import Response, SurveyPage
from ..types import question_type
from .versions import Question


@dataclass
class Filters:
    country: str = ""
    cluster: str = ""
    answers: list[tuple[str, str]] = field(default_factory=list)  # (question, choice) pairs

    def __bool__(self) -> bool:
        return bool(self.country or self.cluster or self.answers)


def has_country_question(questions: list[Question]) -> bool:
    return any(question.name == "country" and question.is_choice
               and not question_type(question.type).picks_several for question in questions)


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
