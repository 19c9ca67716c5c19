"""The surveys' part of the open-data API (portal/core/api.py): the surveys with public results, their results
per question and their dashboard per country.

It gives what the public results page shows and nothing more: the same figures, kept in the same cache
(`cached_public_results`), no count below the threshold, no free text, no table while the survey has fewer
responses than the threshold, and nothing of a survey that is not published, whose public results are off or
whose page is under a view restriction (`with_public_results`)."""

from typing import Literal

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Field, Query, Router, Schema

from portal.core.api import ERRORS, Paged, paged

from .listing import with_public_results
from .results.public import Cell, PublicTable, cached_public_results

router = Router(tags=["surveys"])
PAGE = Query(1, ge=1, description="The page of the list, from 1.")


class Count(Schema):
    count: int | None = Field(description="The count; null when it is suppressed.")
    suppressed: Literal["small", "secondary"] | None = Field(description=(
        "Why the count is not given: `small`, it is below the threshold; `secondary`, it would let a small "
        "count be worked out from the others and their total. Null when the count is given."))


class ChoiceCount(Count):
    choice: str = Field(description="The choice's name, one of the question's `choices`.")


class Choice(Schema):
    name: str = Field(description="The choice's name in the survey's definition, stable across versions.")
    label: str


class Country(Schema):
    name: str = Field(description="The name of the country's choice in the survey's `country` question "
                                  "(`pt`, `it`: ISO 3166 codes in the portal's surveys).")
    label: str


class Survey(Schema):
    id: int
    title: str
    page_url: str = Field(description="The survey's page on the portal.")
    results_page_url: str = Field(description="Its public results page.")
    results_url: str = Field(description="Its results per question in this API.")
    dashboard_url: str | None = Field(description=(
        "Its dashboard per country in this API; null when its latest version has no dashboard."))


class SurveyList(Paged):
    items: list[Survey]


class Row(Schema):
    country: Country | None = Field(description=(
        "The country the row counts; null for the row of every response (all countries)."))
    answered: Count = Field(description="Responses that answered the question.")
    choices: list[ChoiceCount] = Field(description="Responses that chose each choice, in the question's "
                                                   "order.")


class QuestionResults(Schema):
    name: str = Field(description="The question's name in the survey's definition.")
    label: str
    title: str = Field(description="The heading of its table: the dashboard's title, else the label.")
    several_answers: bool = Field(description=(
        "Several choices could be chosen: a response counts in more than one choice, and the choices do not "
        "add up to `answered`."))
    choices: list[Choice]
    rows: list[Row] = Field(description="A row per country (when the dashboard counts per country), then one "
                                        "of every response.")


class QuestionList(Paged):
    items: list[QuestionResults]


class SurveyResults(Schema):
    survey: Survey
    threshold: int = Field(description="No count below this is given.")
    responses: Count = Field(description="Submitted responses in all.")
    questions: QuestionList = Field(description=(
        "The tables of the public results page, one a question; none while `responses` is suppressed."))


class Figure(Schema):
    question: str = Field(description="The name of one of the dashboard's `tables`.")
    answered: Count
    choices: list[ChoiceCount]


class CountryFigures(Schema):
    country: Country | None = Field(description="Null for all countries together.")
    responses: Count
    figures: list[Figure] = Field(description="The dashboard's tables as they count in this country.")


class CountryList(Paged):
    items: list[CountryFigures]


class Table(Schema):
    question: str
    title: str
    several_answers: bool
    choices: list[Choice]


class Dashboard(Schema):
    survey: Survey
    threshold: int = Field(description="No count below this is given.")
    responses: Count = Field(description="Submitted responses in all.")
    tables: list[Table] = Field(description="The dashboard's questions, in its order.")
    all_countries: CountryFigures | None = Field(description=(
        "The figures of all responses; null while `responses` is suppressed, as every list is then empty."))
    countries: CountryList = Field(description=(
        "The figures per country (none when the survey asks no country), in the order of its choices."))


def _survey(request, survey) -> dict:
    page_url = survey.get_full_url(request)

    def link(name: str) -> str:
        return request.build_absolute_uri(reverse(f"api_v1:{name}", args=[survey.pk]))

    return {
        "id": survey.pk, "title": survey.title, "page_url": page_url,
        "results_page_url": page_url + survey.reverse_subpage("public_results"),
        "results_url": link("survey_results"),
        "dashboard_url": link("survey_dashboard") if survey.has_dashboard else None,
    }


def _count(cell: Cell) -> dict:
    suppressed = "small" if cell.small else "secondary" if cell.hidden else None
    return {"count": cell.shown, "suppressed": suppressed}


def _choices(table: PublicTable) -> list[dict]:
    return [{"name": option.name, "label": option.label} for option in table.columns]


def _counts(table: PublicTable, cells: list[Cell]) -> list[dict]:
    return [{"choice": option.name, **_count(cell)}
            for option, cell in zip(table.columns, cells, strict=True)]


def _public(request, survey_id: int) -> tuple:
    """The survey, its public results, their tables and their countries (each as the API gives it, with its
    count); no table nor country while the total is suppressed, as on the page."""
    survey = get_object_or_404(with_public_results(request), pk=survey_id)
    found = cached_public_results(survey)
    shown = not found["total"].hidden
    countries = [({"name": name, "label": label}, cell) for name, (label, cell)
                 in zip(found["country_names"], found["countries"], strict=True)] if shown else []
    return survey, found, found["tables"] if shown else [], countries


def _about(request, survey, found: dict) -> dict:
    return {"survey": _survey(request, survey), "threshold": found["small"],
            "responses": _count(found["total"])}


@router.get("/", response={200: SurveyList, **ERRORS}, url_name="surveys",
            summary="The surveys whose results are public")
def surveys(request, page: int = PAGE):
    found = paged(request, with_public_results(request), page)
    return {**found, "items": [_survey(request, survey) for survey in found["items"]]}


@router.get("/{survey_id}/results/", response={200: SurveyResults, **ERRORS}, url_name="survey_results",
            summary="A survey's public results, a table a question")
def survey_results(request, survey_id: int, page: int = PAGE):
    survey, found, tables, countries = _public(request, survey_id)
    questions = paged(request, tables, page)

    def rows(table: PublicTable) -> list[dict]:
        places = [country for country, _cell in countries] + [None]
        return [{"country": place, "answered": _count(answered), "choices": _counts(table, cells)}
                for place, (_label, answered, cells) in zip(places, table.rows, strict=True)]

    questions["items"] = [{
        "name": table.question.name, "label": table.question.label, "title": table.title,
        "several_answers": not table.additive, "choices": _choices(table), "rows": rows(table),
    } for table in questions["items"]]
    return {**_about(request, survey, found), "questions": questions}


@router.get("/{survey_id}/dashboard/", response={200: Dashboard, **ERRORS}, url_name="survey_dashboard",
            summary="A survey's dashboard, its figures per country")
def survey_dashboard(request, survey_id: int, page: int = PAGE):
    survey, found, tables, countries = _public(request, survey_id)
    if not found["dashboard"]:
        raise Http404

    def figures(index: int) -> list[dict]:
        return [{"question": table.question.name, "answered": _count(table.rows[index][1]),
                 "choices": _counts(table, table.rows[index][2])} for table in tables]

    listed = paged(request, list(enumerate(countries)), page)
    listed["items"] = [{"country": country, "responses": _count(cell), "figures": figures(index)}
                       for index, (country, cell) in listed["items"]]
    everyone = {"country": None, "responses": _count(found["total"]), "figures": figures(-1)}
    return {
        **_about(request, survey, found),
        "tables": [{"question": table.question.name, "title": table.title,
                    "several_answers": not table.additive, "choices": _choices(table)} for table in tables],
        "all_countries": everyone if tables else None, "countries": listed,
    }
