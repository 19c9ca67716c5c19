"""The public results dashboard: the `dashboard` key of the survey format, checked, translated, carried by
the XLSForm and the page editor, and read by the public results from the latest version."""

# ruff: noqa: F811  (the fixtures come from test_results.py)

import copy
import io
import json

from openpyxl import load_workbook

from surveys.definition import translatable_texts, validate_definition
from surveys.presenting import translated
from surveys.results import public_results
from surveys.xlsform import definition_to_xlsform, xlsform_to_definition
from tests.factories import coordinator, small_definition

from .editor import editor_data
from .test_definition import minimal, multiple, section, text
from .test_results import genomes, respond  # noqa: F401

GENOMES_TITLES = [
    "Datasets by type of genetic data",
    "Phenotypic and clinical data available",
    "Legal basis: consent under the GDPR",
]


def with_dashboard(*entries, definition=None) -> dict:
    data = copy.deepcopy(definition or minimal(section("first", multiple("kinds"), text("says"))))
    data["dashboard"] = [{"question": name, "title": title} for name, title in entries]
    return data


# The format


def test_a_dashboard_of_choice_questions_is_valid():
    assert validate_definition(with_dashboard(("kinds", "Datasets by kind"))) == []


def test_a_dashboard_question_must_exist_be_a_choice_question_and_be_listed_once():
    problems = validate_definition(with_dashboard(
        ("kinds", "By kind"), ("kinds", "Again"), ("missing", "Not there"), ("says", "Free text"),
    ))
    assert problems == [
        "dashboard: question 'kinds' is listed 2 times; each question has one table",
        "dashboard: 'missing' is not a question of this survey",
        "dashboard: 'says' is a short_text question; the dashboard shows single_choice or multiple_choice "
        "questions",
    ]


def test_a_dashboard_entry_needs_a_title_and_nothing_else():
    data = with_dashboard(("kinds", "By kind"))
    del data["dashboard"][0]["title"]
    assert validate_definition(data) == ["$.dashboard[0]: 'title' is a required property"]
    data["dashboard"][0] |= {"title": "By kind", "chart": "bars"}
    assert "$.dashboard[0]: Additional properties are not allowed ('chart' was unexpected)" in (
        validate_definition(data))


def test_dashboard_titles_are_translated_like_the_other_texts():
    data = with_dashboard(("kinds", "By kind"))
    assert translatable_texts(data)["dashboard.kinds.title"] == "By kind"
    data |= {"languages": ["en", "fr"], "translations": {"fr": {"dashboard.kinds.title": "Par type"}}}
    assert validate_definition(data) == []
    assert translated(data, "fr")["dashboard"] == [{"question": "kinds", "title": "Par type"}]
    assert data["dashboard"] == [{"question": "kinds", "title": "By kind"}]  # the original is left alone


# Public results


def test_the_public_results_show_the_dashboard_of_the_latest_version(genomes):
    shown = public_results(genomes)
    assert [table.title for table in shown["tables"]] == GENOMES_TITLES
    assert [label for label, _cell in shown["countries"]] == ["Italy", "Portugal", "Spain"]

    genomes.definition = with_dashboard(("d1_gdpr_basis", "Consent"), definition=genomes.definition)
    genomes.save_revision().publish()

    assert genomes.versions.count() == 2
    assert [table.title for table in public_results(genomes)["tables"]] == ["Consent"]


def test_a_version_without_a_dashboard_shows_every_choice_question_but_the_country(genomes):
    genomes.definition = {key: value for key, value in genomes.definition.items() if key != "dashboard"}
    genomes.save_revision().publish()
    assert genomes.versions.count() == 2 and "dashboard" in genomes.versions.first().definition

    shown = public_results(genomes)

    questions = [table.question for table in shown["tables"]]
    assert [table.title for table in shown["tables"]] == [question.label for question in questions]
    assert "b1_genetic_data" in [question.name for question in questions]
    assert "country" not in [question.name for question in questions]
    assert all(question.is_choice for question in questions)
    assert shown["countries"] == []  # one row of all responses, not one a country


# XLSForm


def test_the_dashboard_goes_to_a_setting_of_the_workbook_and_comes_back():
    data = with_dashboard(("kinds", "Datasets by kind (é)"))
    workbook, notes = definition_to_xlsform(data)
    settings = load_workbook(io.BytesIO(workbook))["settings"]
    header, values = ([cell.value for cell in row] for row in settings.iter_rows())
    assert json.loads(dict(zip(header, values, strict=True))["portal::dashboard"]) == data["dashboard"]
    assert any("portal::dashboard setting" in note for note in notes)

    imported, import_notes = xlsform_to_definition(workbook)

    assert imported["dashboard"] == data["dashboard"]
    assert import_notes == []


def test_the_workbook_says_that_translated_dashboard_titles_are_left_out():
    data = with_dashboard(("kinds", "By kind"))
    data |= {"languages": ["en", "fr"], "translations": {"fr": {"dashboard.kinds.title": "Par type"}}}
    workbook, notes = definition_to_xlsform(data)
    assert "The translations of the dashboard's titles have no place in XLSForm; left out." in notes
    imported, _notes = xlsform_to_definition(workbook)
    assert imported["dashboard"] == data["dashboard"]
    assert "dashboard.kinds.title" not in imported.get("translations", {}).get("fr", {})
    assert validate_definition(imported) == []


def test_a_dashboard_setting_that_is_not_json_is_left_out_and_said_so():
    book = load_workbook(io.BytesIO(definition_to_xlsform(with_dashboard(("kinds", "By kind")))[0]))
    header = [cell.value for cell in book["settings"][1]]
    book["settings"].cell(row=2, column=header.index("portal::dashboard") + 1, value="kinds: By kind")
    edited = io.BytesIO()
    book.save(edited)

    imported, notes = xlsform_to_definition(edited.getvalue())

    assert "dashboard" not in imported
    assert "The setting portal::dashboard is not JSON (a list of questions and titles); left out." in notes


def test_a_workbook_without_a_dashboard_gives_a_definition_without_one():
    imported, _notes = xlsform_to_definition(definition_to_xlsform(minimal())[0])
    assert "dashboard" not in imported


# The page editor


def test_the_page_editor_shows_and_keeps_the_dashboard(client, survey):
    client.force_login(coordinator())
    dashboard = [{"question": "kinds", "title": "Datasets by kind"}]
    survey.definition = small_definition(dashboard=dashboard)
    survey.save_revision().publish()

    assert "Datasets by kind" in client.get(f"/admin/pages/{survey.pk}/edit/").text
    changed = small_definition(title="Test survey, second edition")
    reply = client.post(f"/admin/pages/{survey.pk}/edit/",
                        editor_data(survey, changed, dashboard=json.dumps(dashboard)))

    assert reply.status_code == 302, reply.context["form"].errors if reply.context else reply
    assert survey.current_version().definition["dashboard"] == dashboard
    assert survey.current_version().definition["title"] == "Test survey, second edition"


def test_the_page_editor_refuses_a_dashboard_of_a_free_text_question(client, survey):
    client.force_login(coordinator())
    versions = survey.versions.count()
    dashboard = json.dumps([{"question": "describe", "title": "What people wrote"}])

    reply = client.post(f"/admin/pages/{survey.pk}/edit/", editor_data(survey, small_definition(),
                                                                       dashboard=dashboard))

    assert reply.status_code == 200
    assert reply.context["form"].errors["dashboard"] == [
        "dashboard: 'describe' is a long_text question; the dashboard shows single_choice or multiple_choice "
        "questions"
    ]
    assert survey.versions.count() == versions


def test_responses_that_name_no_country_cannot_be_worked_out_from_the_countries(client, db):
    from django.core.cache import cache

    from tests.factories import SurveyPageFactory

    from .repeat_survey import repeat_definition, submitted

    cache.clear()
    definition = repeat_definition()
    definition["sections"][0]["questions"][0]["required"] = False
    definition["sections"][0]["questions"].append(
        {"name": "main_kind", "type": "single_choice", "label": "Main kind",
         "choices": [{"name": "a", "label": "A"}, {"name": "b", "label": "B"}]})
    definition["dashboard"] = [{"question": "main_kind", "title": "Main kinds"}]
    survey = SurveyPageFactory(definition=definition, public_results=True)
    for number, country in enumerate(["be"] * 10 + ["pt"] * 10, start=1):
        submitted(survey, {"country": country, "main_kind": "a"}, number)
    for number in (21, 22):  # two respondents name no country
        submitted(survey, {"main_kind": "b"}, number)

    found = public_results(survey)
    shown = [cell.shown for _label, cell in found["countries"]]
    # 22 in all, 10 and 10 shown would give the 2 away: one of the countries is withheld too.
    assert found["total"].shown is None or None in shown
    [table] = found["tables"]
    assert [label for label, _answered, _cells in table.rows] == ["Belgium", "Portugal", "All countries"]
    a_column = [cells[0].shown for _label, _answered, cells in table.rows]
    assert None in a_column  # 10 + 10 of 22 would give the 2 answers b of no country away
    body = client.get(f"/api/v1/surveys/{survey.pk}/dashboard/").json()
    countries = [item["responses"]["count"] for item in body["countries"]["items"]]
    assert body["responses"]["count"] is None or None in countries
