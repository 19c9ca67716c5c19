"""The time, date-and-time and web-address questions and "Other, please specify" on choice questions,
through every layer: definition, builder, answering in both display modes, words, answer items,
statistics on both engines, exports, edits and XLSForm."""

import copy
import datetime
import io

import openpyxl
import pytest

from surveys import exports
from surveys.answer_items import items_of
from surveys.changes import compare
from surveys.definition import load_definition, validate_definition, with_defaults
from surveys.personal_data import personal_questions
from surveys.results import survey_results
from surveys.xlsform import definition_to_xlsform, xlsform_to_definition
from tests.factories import SurveyPageFactory

from .test_builder import through_the_builder
from .test_exports import read_zip
from .test_responding import section_url, start
from .test_results import respond

pytestmark = pytest.mark.django_db


def with_new_types() -> dict:
    return {
        "format": "1mg-portal-survey/1",
        "name": "new-types",
        "title": "New types",
        "privacy_statement_url": "/privacy/",
        "languages": ["en"],
        "sections": [
            {"name": "visit", "title": "The visit", "questions": [
                {"name": "opens", "type": "time", "label": "Opening time?", "required": True,
                 "min": "08:00", "max": "18:00"},
                {"name": "sampled", "type": "datetime", "label": "Sampled when?", "min": "2020-01-01T00:00"},
                {"name": "site", "type": "url", "label": "Web site?"},
            ]},
            {"name": "sources", "title": "Sources", "questions": [
                {"name": "origin", "type": "single_choice", "label": "Origin?", "required": True,
                 "other": True, "choices": [{"name": "hospital", "label": "Hospital"},
                                            {"name": "registry", "label": "Registry"}]},
                {"name": "lab", "type": "single_choice", "label": "Lab?", "widget": "dropdown", "other": True,
                 "other_label": "Another lab",
                 "choices": [{"name": "central", "label": "Central"}, {"name": "local", "label": "Local"}]},
                {"name": "methods", "type": "multiple_choice", "label": "Methods?", "other": True,
                 "max_selected": 2,
                 "choices": [{"name": "wgs", "label": "WGS"}, {"name": "wes", "label": "WES"},
                             {"name": "none", "label": "None", "exclusive": True}]},
                {"name": "why_other", "type": "short_text", "label": "Why another origin?",
                 "condition": {"question": "origin", "in": ["other"]}},
            ]},
        ],
    }


def question(definition: dict, name: str) -> dict:
    return next(q for section in definition["sections"] for q in section["questions"] if q["name"] == name)


@pytest.fixture
def survey(db):
    return SurveyPageFactory(title="New types", definition=with_new_types())


VISIT = {"opens": "09:30", "sampled": "2021-03-04T10:15", "site": "https://biobank.example.org/",
         "go": "next"}
SOURCES = {"origin": "other", "origin__other": "A cohort study", "lab": "central", "methods": ["wgs"],
           "go": "next"}


# Definition


def test_the_new_types_and_other_are_a_valid_definition_with_their_defaults():
    assert validate_definition(with_new_types()) == []
    loaded = load_definition(with_new_types())
    assert question(loaded, "site")["type"] == "url"
    assert question(loaded, "methods")["other_label"] == ""
    assert question(loaded, "why_other")["condition"] == {"question": "origin", "in": ["other"]}


def changed(edit) -> dict:
    definition = with_new_types()
    edit(definition)
    return definition


@pytest.mark.parametrize(("edit", "problem"), [
    (lambda d: question(d, "opens").update(min="8:00"), "does not match"),
    (lambda d: question(d, "opens").update(min="19:00"), "min (19:00) is after max (18:00)"),
    (lambda d: question(d, "opens").update(max="24:00"), "max (24:00) is not a time (HH:MM)"),
    (lambda d: question(d, "sampled").update(max="2020-01-01 10:00"), "does not match"),
    (lambda d: question(d, "sampled").update(max="2019-12-31T23:59"), "is after max"),
    (lambda d: question(d, "origin")["choices"].append({"name": "other", "label": "Other"}),
     "a choice named 'other' is reserved"),
    (lambda d: question(d, "lab").update(other=False), "other_label is set but other is not true"),
    (lambda d: d["sections"][1]["questions"].append({"name": "origin__other", "type": "short_text",
                                                     "label": "Clash"}),
     "question origin__other: its name is where question origin keeps the text"),
    (lambda d: question(d, "origin").update(other=False), "'other', which is not a choice of 'origin'"),
    (lambda d: question(d, "site").update(other=True), "Unevaluated properties"),
])
def test_what_is_wrong_with_the_new_settings_is_said(edit, problem):
    problems = validate_definition(changed(edit))
    assert any(problem in line for line in problems), problems


def test_the_builder_gives_back_the_same_definition():
    definition = with_new_types()
    assert through_the_builder(definition) == definition


# Answering


def test_the_page_offers_a_picker_with_its_limits_and_a_web_address_field(client, survey):
    response = start(client, survey)
    page = client.get(section_url(survey, response, "visit")).text
    assert 'type="time" min="08:00" max="18:00"' in page
    assert 'type="datetime-local" min="2020-01-01T00:00"' in page
    assert 'id="id_site" name="site" value="" type="url"' in page


@pytest.mark.parametrize(("typed", "stored", "error"), [
    ({"opens": "09:30"}, {"opens": "09:30"}, None),
    ({"opens": "9:30"}, None, "Enter a time as hours:minutes on a 24-hour clock"),
    ({"opens": "25:00"}, None, "Enter a time as hours:minutes"),
    ({"opens": "half past nine"}, None, "Enter a time as hours:minutes"),
    ({"opens": "07:59"}, None, "Enter a time at or after 08:00."),
    ({"opens": "18:01"}, None, "Enter a time at or before 18:00."),
    ({"opens": ""}, None, "This question is required."),
    ({"sampled": "2021-03-04 10:15"}, {"sampled": "2021-03-04T10:15"}, None),  # typed with a space
    ({"sampled": "2021-02-30T10:15"}, None, "Enter a date and time as year-month-day and hours:minutes"),
    ({"sampled": "2019-12-31T23:59"}, None, "Enter a date and time at or after 2020-01-01T00:00."),
    ({"site": "http://example.org/a?b=1"}, {"site": "http://example.org/a?b=1"}, None),
    ({"site": "ftp://example.org/"}, None, "Enter a web address starting with https:// or http://"),
    ({"site": "javascript:alert(1)"}, None, "Enter a web address"),
    ({"site": "www.example.org"}, None, "Enter a web address"),
])
def test_times_dates_with_times_and_web_addresses_are_checked_on_the_server(client, survey, typed, stored,
                                                                           error):
    response = start(client, survey)
    reply = client.post(section_url(survey, response, "visit"), {**VISIT, **typed})
    response.refresh_from_db()
    if error is None:
        assert reply.status_code == 302
        assert {key: response.answers[key] for key in stored} == stored
    else:
        assert reply.status_code == 400
        assert error in reply.text
        name = next(iter(typed))
        assert f'<a href="#id_{name}">' in reply.text  # the error summary leads to the field


def test_other_shows_its_text_field_right_after_it_without_javascript(client, survey):
    response = start(client, survey)
    page = client.get(section_url(survey, response, "sources")).text
    radio = page.index('id="id_origin_other" name="origin" value="other"')
    field = page.index('id="id_origin__other" name="origin__other"')
    assert radio < field < page.index('id="q-lab"')
    assert "Other, please specify" in page[radio:field]
    assert '<option value="other">Another lab</option>' in page  # a dropdown has it last, with its label
    lab = page.index('<option value="other">')
    assert lab < page.index('id="id_lab__other"') < page.index('id="q-methods"')
    assert 'type="checkbox" id="id_methods_other" name="methods" value="other"' in page
    box = page[page.index('data-other-for="origin"') - 40:page.index('id="id_origin__other"')]
    assert "hidden" not in box


def test_other_needs_its_text_and_says_so_next_to_the_field(client, survey):
    response = start(client, survey)
    reply = client.post(section_url(survey, response, "sources"), {**SOURCES, "origin__other": "  "})
    assert reply.status_code == 400
    error = "Say what your other answer is, or choose another option."
    assert f'<a href="#id_origin__other">Origin?: {error}</a>' in reply.text
    field = reply.text[reply.text.index('data-other-for="origin"'):reply.text.index('id="q-lab"')]
    assert error in field and 'aria-invalid="true"' in field and "field--error" in reply.text

    reply = client.post(section_url(survey, response, "sources"), {**SOURCES, "origin__other": "x" * 501})
    assert "Use at most 500 characters (you used 501)." in reply.text


def test_other_is_kept_with_its_text_and_shown_in_words_on_the_review_and_the_receipt(client, survey):
    response = start(client, survey)
    client.post(section_url(survey, response, "visit"), VISIT)
    reply = client.post(section_url(survey, response, "sources"), {
        **SOURCES, "why_other": "No hospital", "lab": "other", "lab__other": "Partner lab",
        "methods": ["wes", "other"], "methods__other": "Long reads"})
    assert reply.status_code == 302
    review = client.get(f"{survey.url}r/{response.token}/review/").text
    for words in ("Other: A cohort study", "Other: Partner lab", "WES; Other: Long reads", "09:30",
                  "2021-03-04T10:15", "https://biobank.example.org/"):
        assert words in review
    receipt = client.get(client.post(f"{survey.url}r/{response.token}/review/")["Location"]).text
    assert "Other: A cohort study" in receipt and "WES; Other: Long reads" in receipt
    response.refresh_from_db()
    assert response.answers["origin"] == "other" and response.answers["origin__other"] == "A cohort study"
    assert response.answers["methods"] == ["wes", "other"]
    assert response.answers["methods__other"] == "Long reads"


def test_a_text_typed_for_other_goes_once_other_is_no_longer_picked(client, survey):
    response = start(client, survey)
    client.post(section_url(survey, response, "visit"), VISIT)
    client.post(section_url(survey, response, "sources"), {**SOURCES, "lab": "local", "lab__other": "Typed"})
    client.post(f"{survey.url}r/{response.token}/review/")
    response.refresh_from_db()
    assert response.status == "submitted"
    assert "lab__other" not in response.answers and response.answers["origin__other"] == "A cohort study"


def test_accessibility_mode_asks_the_new_questions_one_by_one(client, survey):
    response = start(client, survey)
    client.get(section_url(survey, response, "visit") + "?accessible=1")
    page = client.get(section_url(survey, response, "visit")).text
    assert 'type="time"' in page and 'type="datetime-local"' not in page

    refused = client.post(section_url(survey, response, "visit"), {"opens": "07:00", "q": "0", "go": "next"})
    assert refused.status_code == 400 and "Enter a time at or after 08:00." in refused.text
    reply = client.post(section_url(survey, response, "visit"), {"opens": "08:00", "q": "0", "go": "next"})
    assert reply["Location"] == section_url(survey, response, "visit") + "?q=1"

    page = client.get(section_url(survey, response, "sources")).text
    assert 'id="id_origin__other"' in page and 'id="q-lab"' not in page
    refused = client.post(section_url(survey, response, "sources"),
                          {"origin": "other", "q": "0", "go": "next"})
    assert refused.status_code == 400 and 'href="#id_origin__other"' in refused.text
    client.post(section_url(survey, response, "sources"),
                {"origin": "other", "origin__other": "A cohort", "q": "0", "go": "next"})
    response.refresh_from_db()
    assert response.answers["origin__other"] == "A cohort" and response.answers["opens"] == "08:00"
    follow_up = client.get(section_url(survey, response, "sources") + "?q=3").text
    assert 'id="q-why_other"' in follow_up and "question 4 of 4" in follow_up  # a condition on "other"


# Answer items, exports, edits


def test_answer_items_count_other_as_a_choice_and_times_as_seconds():
    items, values = items_of(with_new_types(), {
        "opens": "09:30", "sampled": "1970-01-02T00:01", "site": "https://a.example",
        "origin": "other", "origin__other": "Cohort", "methods": ["wgs", "other"]})
    assert ("origin", "single_choice", '["other"]') in items
    assert ("methods", "multiple_choice", '["other","wgs"]') in items
    assert ("site", "url", "") in items
    assert ("opens", "time", "", 9 * 3600 + 30 * 60, None) in values
    assert ("sampled", "datetime", "", 86400 + 60, None) in values


def answered_survey(survey):
    respond(survey, {"opens": "09:30", "sampled": "2021-03-04T10:15", "site": "https://a.example/",
                     "origin": "other", "origin__other": "=Cohort", "methods": ["wes", "other"],
                     "methods__other": "Long reads"})
    respond(survey, {"opens": "17:45", "origin": "hospital", "lab": "other", "lab__other": "Partner",
                     "methods": ["wgs"]})
    return survey


def test_the_exports_have_a_column_for_the_text_of_other_and_time_cells(survey):
    answered_survey(survey)
    output = io.BytesIO()
    exports.write_export(survey, "csv", output)
    responses, codebook = read_zip(output.getvalue())
    header = responses[0]
    assert header[3:] == ["opens", "sampled", "site", "origin", "origin__other", "lab", "lab__other",
                          "methods__wgs", "methods__wes", "methods__none", "methods__other", "why_other"]
    assert responses[1][3:] == ["09:30", "2021-03-04T10:15", "https://a.example/", "other", "'=Cohort",
                                "", "", "0", "1", "0", "Long reads", ""]
    assert responses[2][3:] == ["17:45", "", "", "hospital", "", "other", "Partner", "1", "0", "0", "", ""]
    values = {line[0]: line for line in codebook[1:]}
    assert values["opens"][9].startswith("a time of day, HH:MM")
    assert values["sampled"][9].startswith("a date and time, YYYY-MM-DDTHH:MM")
    assert values["origin"][9] == "hospital = Hospital; registry = Registry; other = Other, please specify"
    assert values["origin__other"][9].startswith("text typed with “Other”")
    assert values["methods__other"][9].startswith("text typed with “Other”")

    output = io.BytesIO()
    exports.write_export(survey, "xlsx", output)
    sheet = openpyxl.load_workbook(io.BytesIO(output.getvalue()))["responses"]
    first = [cell.value for cell in sheet[2]][3:]
    assert first[0] == datetime.time(9, 30)
    assert first[1] == datetime.datetime(2021, 3, 4, 10, 15)
    assert first[4] == "=Cohort" and sheet["H2"].data_type == "s"
    assert sheet["D2"].number_format == "hh:mm" and sheet["E2"].number_format == "yyyy-mm-dd hh:mm"


def test_erasing_a_personal_choice_question_erases_its_other_text_too(survey):
    definition = with_new_types()
    question(definition, "origin")["personal"] = True
    survey.definition = definition
    survey.save_revision().publish()
    assert {"origin", "origin__other"} <= personal_questions(survey)


CHANGES = {
    "other switched off": (lambda d: question(d, "methods").update(other=False), True,
                           "Question methods no longer offers “Other”.",
                           {"methods": ["wgs", "other"]}, {"methods": ["wgs"]}),
    "other worded differently": (lambda d: question(d, "lab").update(other_label="Yet another lab"), False,
                                 "Question lab: “Other” is worded differently.", None, None),
    "later earliest time": (lambda d: question(d, "opens").update(min="09:00"), True,
                            "Question opens: the earliest time allowed changes from 08:00 to 09:00",
                            {"opens": "08:30"}, {"opens": "09:30"}),
    "later latest time": (lambda d: question(d, "opens").update(max="20:00"), False,
                          "Question opens: the latest time allowed changes from 18:00 to 20:00", None, None),
    "latest date and time set": (lambda d: question(d, "sampled").update(max="2024-01-01T12:00"), True,
                                 "Question sampled: the latest date and time allowed changes from no limit "
                                 "to 2024-01-01T12:00", {"sampled": "2024-01-01T12:01"},
                                 {"sampled": "2024-01-01T12:00"}),
}


@pytest.mark.parametrize(("edit", "breaking", "words", "touched", "untouched"), CHANGES.values(), ids=CHANGES)
def test_edits_of_the_new_settings_are_safe_or_breaking(edit, breaking, words, touched, untouched):
    found = [change for change in compare(load_definition(with_new_types()), load_definition(changed(edit)))
             if words in change.text]
    assert len(found) == 1
    assert found[0].breaking == breaking
    if touched is not None:
        assert found[0].affects(touched) and not found[0].affects(untouched)


def test_offering_other_on_a_question_is_safe():
    before = with_new_types()
    question(before, "lab").pop("other_label")
    question(before, "lab")["other"] = False
    after = copy.deepcopy(before)
    question(after, "lab")["other"] = True
    changes = compare(load_definition(before), load_definition(after))
    assert [(change.breaking, change.text) for change in changes] == [(False, "Question lab offers “Other”.")]


def test_both_engines_count_other_as_a_choice_and_summarise_times_as_typed(survey):
    answered_survey(survey)
    respond(survey, {"opens": "12:00", "sampled": "2020-06-01T08:00", "origin": "other",
                     "origin__other": "Registry abroad", "methods": ["none"]})
    found = [{result.question.name: result for result in survey_results(survey, engine=engine).questions}
             for engine in ("postgresql", "python")]
    for name in ("opens", "sampled", "site", "origin", "lab", "methods"):
        assert found[0][name] == found[1][name], name
    results = found[0]
    assert (results["opens"].kind, results["opens"].summary.n) == ("summary", 3)
    assert [results["opens"].summary.min, results["opens"].summary.median, results["opens"].summary.max] == [
        "09:30", "12:00", "17:45"]
    sampled = results["sampled"].summary
    assert [sampled.n, sampled.min, sampled.median, sampled.max] == [
        2, "2020-06-01T08:00", "2020-10-17T09:07", "2021-03-04T10:15"]
    counts = {count.name: (count.label, count.count) for count in results["origin"].counts}
    assert counts == {"hospital": ("Hospital", 1), "registry": ("Registry", 0),
                      "other": ("Other, please specify", 2)}
    assert {count.name: count.count for count in results["lab"].counts}["other"] == 1
    assert results["site"].kind == "texts" and results["site"].texts == ["https://a.example/"]


def test_the_new_types_and_other_go_to_xlsform_and_back():
    definition = with_defaults(with_new_types())
    workbook, notes = definition_to_xlsform(definition)
    assert any("its label 'Another lab' is left out" in note for note in notes)
    sheet = openpyxl.load_workbook(io.BytesIO(workbook))["survey"]
    rows = {row[1]: row for row in sheet.iter_rows(values_only=True)}
    header = [cell.value for cell in sheet[1]]
    assert rows["origin"][0] == "select_one origin or_other"
    assert rows["methods"][0] == "select_multiple methods or_other"
    assert rows["opens"][0] == "time" and rows["sampled"][0] == "dateTime"
    constraint = header.index("constraint")
    assert rows["opens"][constraint] == ("decimal-time(.) >= decimal-time('08:00') and "
                                         "decimal-time(.) <= decimal-time('18:00')")
    assert rows["site"][constraint] == "regex(., '^https?://\\S+$')"

    imported, _losses = xlsform_to_definition(workbook)  # through pyxform, which adds `origin_other`
    back = with_defaults(imported)
    names = [q["name"] for section in back["sections"] for q in section["questions"]]
    assert names == ["opens", "sampled", "site", "origin", "lab", "methods", "why_other"]
    expected = copy.deepcopy(definition)
    question(expected, "lab")["other_label"] = ""
    for name in names:
        assert question(back, name) == question(expected, name), name
