"""The rating scale through every layer: its definition, the builder, answering in both display modes,
the review and the receipt, answer items, statistics on both engines, exports, edits and XLSForm."""

import io
from decimal import Decimal

import openpyxl
import pytest
from openpyxl import load_workbook
from pyxform.xls2xform import convert

from surveys import exports
from surveys.answer_items import items_of
from surveys.builder import QuestionBlock
from surveys.changes import compare, count_affected
from surveys.definition import translatable_texts, validate_definition, with_defaults
from surveys.models import Response
from surveys.publishing import confirm_breaking_edit
from surveys.results import merged_questions, survey_results, survey_versions
from surveys.xlsform import definition_to_xlsform, xlsform_to_definition
from tests.factories import SurveyPageFactory, coordinator

from .test_builder import through_the_builder
from .test_exports import read_zip
from .test_responding import section_url, start
from .test_results import respond

AGREEMENT = ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"]


def rating_definition() -> dict:
    """A 0-10 scale with end labels and "Don't know", and a labelled five-point Likert scale."""
    return {
        "format": "1mg-portal-survey/1",
        "name": "ratings",
        "title": "Ratings",
        "privacy_statement_url": "/privacy/",
        "languages": ["en", "fr"],
        "translations": {"fr": {
            "sections.opinion.questions.likely.low_label": "Pas du tout probable",
            "sections.opinion.questions.agree.labels.4.label": "D'accord",
            "sections.opinion.questions.agree.dont_know_label": "Sans avis",
        }},
        "sections": [{
            "name": "opinion",
            "title": "Your opinion",
            "questions": [
                {"name": "likely", "type": "rating", "label": "How likely are you to recommend the portal?",
                 "required": True, "scale_min": 0, "scale_max": 10, "low_label": "Not at all likely",
                 "high_label": "Extremely likely", "dont_know": True},
                {"name": "agree", "type": "rating", "label": "The data is easy to find.",
                 "labels": [{"name": str(point), "label": label} for point, label in enumerate(AGREEMENT, 1)],
                 "dont_know": True, "dont_know_label": "No opinion"},
                {"name": "why", "type": "long_text", "label": "What would make it better?",
                 "condition": {"question": "likely", "in": ["0", "1", "2", "3", "4"]}},
            ],
        }],
    }


def questions(definition: dict) -> list[dict]:
    return definition["sections"][0]["questions"]


@pytest.fixture
def rated(db):
    return SurveyPageFactory(title="Ratings", definition=rating_definition())


# Definition


def test_a_rating_definition_is_valid_and_its_defaults_are_a_one_to_five_scale():
    assert validate_definition(rating_definition()) == []
    plain = {"name": "q", "type": "rating", "label": "Rate it"}
    definition = {**rating_definition(), "translations": {},
                  "sections": [{"name": "s", "title": "S", "questions": [plain]}]}
    assert validate_definition(definition) == []
    filled = questions(with_defaults(definition))[0]
    assert (filled["scale_min"], filled["scale_max"], filled["dont_know"]) == (1, 5, False)


@pytest.mark.parametrize(("change", "problem"), [
    ({"scale_min": 5, "scale_max": 5}, "question likely: scale_max (5) must be more than scale_min (5)"),
    ({"scale_max": 11}, "$.sections[0].questions[0].scale_max: 11 is greater than the maximum of 10"),
    ({"scale_min": -1}, "$.sections[0].questions[0].scale_min: -1 is less than the minimum of 0"),
    ({"scale_max": 4, "labels": [{"name": "7", "label": "Seven"}]},
     "question likely: labels name the point 7, which is not on the scale 0 to 4"),
    ({"labels": [{"name": "1", "label": "One"}, {"name": "1", "label": "Uno"}]},
     "question likely: point name '1' is used 2 times; names must be unique"),
    ({"scale_max": 3}, "question why: its condition refers to '4', which is not a choice of 'likely'"),
    ({"dont_know_label": ""}, None),
])
def test_the_scale_is_bounded_and_its_labels_and_conditions_fit_it(change, problem):
    definition = rating_definition()
    questions(definition)[0].update(change)
    found = validate_definition(definition)
    assert (problem in found) if problem else found == []


def test_a_condition_may_ask_for_don_t_know_only_where_it_is_offered():
    definition = rating_definition()
    questions(definition)[2]["condition"] = {"question": "likely", "in": ["dont_know"]}
    assert validate_definition(definition) == []
    questions(definition)[0]["dont_know"] = False
    assert validate_definition(definition) == [
        "question why: its condition refers to 'dont_know', which is not a choice of 'likely'"]


def test_the_end_labels_the_point_labels_and_don_t_know_are_translatable():
    texts = translatable_texts(rating_definition())
    at = "sections.opinion.questions"
    assert texts[f"{at}.likely.low_label"] == "Not at all likely"
    assert texts[f"{at}.likely.high_label"] == "Extremely likely"
    assert texts[f"{at}.agree.labels.5.label"] == "Strongly agree"
    assert texts[f"{at}.agree.dont_know_label"] == "No opinion"
    assert f"{at}.likely.dont_know_label" not in texts  # the portal's own "Don't know", translated by it


# The builder


def test_a_rating_survives_the_builder_and_defaults_stay_out():
    definition = rating_definition()
    rebuilt = through_the_builder(definition)
    assert with_defaults(rebuilt) == with_defaults(definition)
    assert questions(rebuilt)[0] == questions(definition)[0]
    assert questions(through_the_builder(with_defaults(definition)))[1] == questions(definition)[1]


@pytest.mark.parametrize(("values", "field"), [
    ({"scale_min": 5, "scale_max": 5}, "scale_max"),
    ({"scale_min": 1, "scale_max": 5, "labels": [{"name": "6", "label": "Six"}]}, "labels"),
])
def test_the_builder_refuses_an_empty_scale_and_labels_off_it(values, field):
    block = QuestionBlock("rating")
    value = block.to_python({"name": "q", "label": "Rate it", "labels": [], **values})
    with pytest.raises(Exception) as raised:
        block.clean(value)
    assert field in raised.value.block_errors


# Answering


def page(client, survey, response, query=""):
    return client.get(section_url(survey, response, "opinion") + query).text


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["", "?accessible=1"], ids=["standard", "accessibility-mode"])
def test_the_scale_is_a_row_of_radio_buttons_whose_ends_are_described(client, rated, query):
    response = start(client, rated)
    html = page(client, rated, response, query)
    assert "<fieldset" in html and '<div class="rating-scale">' in html
    assert 'id="id_likely_0" name="likely" value="0" aria-describedby="id_likely_low"' in html
    assert 'id="id_likely_10" name="likely" value="10" aria-describedby="id_likely_high"' in html
    assert '<span class="rating-end" id="id_likely_low">Not at all likely</span>' in html
    assert 'id="id_likely_5" name="likely" value="5">' in html  # a middle point has no end to describe it
    assert '<label for="id_likely_dont_know">Don&#x27;t know</label>' in html
    if query:
        assert "survey--accessible" in html and 'id="q-agree"' not in html
    else:
        assert '<label for="id_agree_4">Agree</label>' in html
        assert '<label for="id_agree_dont_know">No opinion</label>' in html


@pytest.mark.django_db
def test_a_point_is_saved_as_its_number_and_don_t_know_apart(client, rated):
    response = start(client, rated)
    reply = client.post(section_url(rated, response, "opinion"), {"likely": "3", "agree": "dont_know",
                                                                  "why": "Faster", "go": "next"})
    assert reply.status_code == 302
    response.refresh_from_db()
    assert response.answers == {"likely": "3", "agree": "dont_know", "why": "Faster"}
    html = page(client, rated, response)
    assert 'value="3" checked' in html and 'value="dont_know" checked' in html


@pytest.mark.django_db
@pytest.mark.parametrize(("posted", "error"), [
    ({"likely": "11"}, "Choose from the options given."),
    ({"likely": "2.5"}, "Choose from the options given."),
    ({"likely": ""}, "This question is required."),
    ({"likely": "4", "agree": "0"}, "Choose from the options given."),
])
def test_a_point_off_the_scale_or_a_missing_required_rating_is_refused(client, rated, posted, error):
    response = start(client, rated)
    reply = client.post(section_url(rated, response, "opinion"), {**posted, "go": "next"})
    assert reply.status_code == 400
    assert error in reply.text
    assert '<a href="#id_' in reply.text


@pytest.mark.django_db
def test_accessibility_mode_asks_the_rating_alone_and_checks_it(client, rated):
    response = start(client, rated)
    page(client, rated, response, "?accessible=1")
    url = section_url(rated, response, "opinion")
    refused = client.post(url, {"likely": "", "q": "0", "go": "next"})
    assert refused.status_code == 400 and "This question is required." in refused.text
    reply = client.post(url, {"likely": "dont_know", "q": "0", "go": "next"})
    assert reply["Location"] == url + "?q=1"
    response.refresh_from_db()
    assert response.answers["likely"] == "dont_know"


@pytest.mark.django_db
def test_the_review_and_the_receipt_say_the_point_with_its_label(client, rated):
    response = start(client, rated)
    client.post(section_url(rated, response, "opinion"), {"likely": "0", "agree": "4", "go": "next"})
    review = client.get(f"{rated.url}r/{response.token}/review/").text
    assert "0 (Not at all likely)" in review and "4 (Agree)" in review
    receipt = client.get(client.post(f"{rated.url}r/{response.token}/review/")["Location"]).text
    assert "0 (Not at all likely)" in receipt and "4 (Agree)" in receipt


@pytest.mark.django_db
def test_the_page_in_another_language_shows_the_translated_scale(client, rated):
    response = start(client, rated)
    html = page(client, rated, response, "?lang=fr")
    assert "Pas du tout probable" in html and "D&#x27;accord" in html and "Sans avis" in html
    assert "Extremely likely" in html  # untranslated: in the first language


# Answer items


def test_a_rating_counts_as_one_picked_choice_and_don_t_know_as_another():
    items, values = items_of(rating_definition(), {"likely": "7", "agree": "dont_know"})
    assert items == [("likely", "rating", '["7"]'), ("agree", "rating", '["dont_know"]')]
    assert values == []


# Exports


def answered_ratings(survey) -> None:
    respond(survey, {"likely": "9", "agree": "5"})
    respond(survey, {"likely": "dont_know"})
    respond(survey, {"likely": "2", "agree": "dont_know", "why": "Slow"})


@pytest.mark.django_db
def test_the_export_holds_the_point_as_a_number_and_marks_don_t_know_in_a_column_of_its_own(rated):
    answered_ratings(rated)
    output = io.BytesIO()
    exports.write_export(rated, "csv", output)
    responses, codebook = read_zip(output.getvalue())
    assert responses[0][3:] == ["likely", "likely__dont_know", "agree", "agree__dont_know", "why"]
    assert [row[3:] for row in responses[1:]] == [
        ["9", "0", "5", "0", ""],
        ["", "1", "", "", ""],
        ["2", "0", "", "1", "Slow"],
    ]
    by_column = {line[0]: dict(zip(codebook[0], line, strict=True)) for line in codebook[1:]}
    assert by_column["likely"]["values"].startswith("a point of the scale 0 to 10; empty = not answered or "
                                                    "“Don't know”")
    assert "Column likely__dont_know: 1 = “Don't know”, 0 = a point chosen" in by_column["likely"]["values"]
    assert by_column["agree__dont_know"]["choice_text"] == "No opinion"
    assert by_column["agree__dont_know"]["type"] == "rating"
    output = io.BytesIO()
    exports.write_export(rated, "xlsx", output)
    sheet = openpyxl.load_workbook(io.BytesIO(output.getvalue()))["responses"]
    assert [[cell.value for cell in row[3:]] for row in sheet.iter_rows(min_row=2)] == [
        [9, 0, 5, 0, None], [None, 1, None, None, None], [2, 0, None, 1, "Slow"]]


@pytest.mark.django_db
def test_a_scale_without_don_t_know_has_one_column():
    definition = rating_definition()
    questions(definition)[0]["dont_know"] = False
    questions(definition)[1]["dont_know"] = False
    survey = SurveyPageFactory(definition=definition)
    respond(survey, {"likely": "10", "agree": "1"})
    export = exports.Export(survey)
    assert export.header[3:] == ["likely", "agree", "why"]
    assert [row[3:] for row in export.rows("csv")] == [["10", "1", ""]]


# Edits of a published survey


def edited(change) -> list:
    old, new = rating_definition(), rating_definition()
    change(questions(new))
    return compare(old, new)


def texts_of(changes) -> list[tuple[bool, str]]:
    return [(change.breaking, change.text) for change in changes]


def test_another_scale_breaks_the_answers_on_the_old_one_but_not_don_t_know():
    changes = edited(lambda qs: qs[0].update(scale_max=5))
    assert texts_of(changes)[0] == (True, "Question likely: its scale changes from 0–10 to 0–5.")
    answers = [{"likely": "3"}, {"likely": "dont_know"}, {}]
    assert count_affected(changes[:1], answers) == [1]


def test_dropping_don_t_know_breaks_the_answers_that_gave_it_and_adding_it_is_safe():
    dropped = edited(lambda qs: qs[0].update(dont_know=False))
    assert texts_of(dropped) == [(True, "Question likely no longer offers “Don't know”.")]
    assert count_affected(dropped, [{"likely": "dont_know"}, {"likely": "3"}]) == [1]
    old, new = rating_definition(), rating_definition()
    questions(old)[0]["dont_know"] = False
    assert texts_of(compare(old, new)) == [(False, "Question likely offers “Don't know”.")]


@pytest.mark.parametrize(("change", "name"), [
    (lambda qs: qs[0].update(low_label="Never"), "likely"),
    (lambda qs: qs[1].update(labels=[]), "agree"),
    (lambda qs: qs[1].update(dont_know_label="Cannot say"), "agree"),
])
def test_rewording_the_scale_is_safe(change, name):
    assert texts_of(edited(change)) == [(False, f"Question {name}: its scale is worded differently.")]


@pytest.mark.django_db
def test_statistics_merge_the_points_of_every_version(rated):
    answered_ratings(rated)
    definition = rating_definition()
    questions(definition)[0].update(scale_max=5)
    rated.definition = definition
    confirm_breaking_edit(rated, definition)
    rated.save_revision().publish()
    assert Response.objects.filter(survey=rated).count() == 3
    likely = merged_questions(survey_versions(rated))[0]
    assert [option.name for option in likely.choices] == [str(point) for point in range(6)] + [
        "dont_know", "6", "7", "8", "9", "10"]
    assert [option.removed for option in likely.choices] == [False] * 7 + [True] * 5


# Statistics


@pytest.mark.django_db
@pytest.mark.parametrize("engine", ["python", "postgresql"])
def test_statistics_count_each_point_and_give_the_mean_and_median_without_don_t_know(rated, engine):
    for answer in ["9", "9", "10", "2", "dont_know"]:
        respond(rated, {"likely": answer})
    likely = survey_results(rated, engine=engine).questions[0]
    assert likely.kind == "rating" and likely.answered == 5
    counts = {count.name: (count.count, count.percent) for count in likely.counts}
    assert list(counts) == [str(point) for point in range(11)]  # "Don't know" is not a point
    assert counts["9"] == (2, 50.0) and counts["2"] == (1, 25.0) and counts["5"] == (0, 0.0)
    assert [(count.name, count.count, count.percent) for count in likely.apart] == [("dont_know", 1, 20.0)]
    summary = likely.summary
    assert (summary.n, summary.min, summary.median, summary.max) == (4, 2, 9, 10)
    assert summary.mean == Decimal("7.5")


@pytest.mark.django_db
def test_the_median_of_an_even_number_of_points_is_halfway_and_both_engines_agree(rated):
    for answer in ["1", "2", "4", "8"]:
        respond(rated, {"likely": answer})
    engines = [survey_results(rated, engine=engine).questions[0] for engine in ("python", "postgresql")]
    assert engines[0] == engines[1]
    assert engines[0].summary.median == 3 and engines[0].summary.mean == Decimal("3.75")
    assert [(count.name, count.count) for count in engines[0].apart] == [("dont_know", 0)]


@pytest.mark.django_db
def test_the_results_page_shows_the_points_the_mean_and_don_t_know_apart(client, rated):
    answered_ratings(rated)
    client.force_login(coordinator())
    html = client.get(f"/admin/surveys/{rated.pk}/results/").content.decode()
    likely = html[html.index('id="q-likely"'):html.index('id="q-agree"')]
    assert '<th scope="row">9</th>' in likely and '<th scope="row">0 (Not at all likely)</th>' not in likely
    assert "<td class=\"numeric\">1</td><td class=\"numeric\">50.0%</td>" in likely
    summary = '<td class="numeric">2</td><td class="numeric">5.50</td><td class="numeric">5.5</td>'
    assert summary in likely  # two points given, their mean and median
    assert "“Don&#x27;t know”: 1 (33.3% of those who answered), left out of the points" in likely
    agree = html[html.index('id="q-agree"'):html.index('id="q-why"')]
    assert '<th scope="row">5 (Strongly agree)</th>' in agree
    assert "“No opinion”: 1 (50.0% of those who answered)" in agree


# XLSForm


def test_a_rating_goes_to_xlsform_as_a_likert_list_and_comes_back_whole():
    definition = rating_definition()
    workbook, notes = definition_to_xlsform(definition)
    book = load_workbook(io.BytesIO(workbook))
    survey = [[cell.value for cell in row] for row in book["survey"].iter_rows()]
    likely = dict(zip(survey[0], next(row for row in survey if row[1] == "likely"), strict=True))
    assert (likely["type"], likely["appearance"], likely["required"]) == (
        "select_one likely", "likert", "yes")
    choices = [[cell.value for cell in row][:4] for row in book["choices"].iter_rows()]
    assert ["likely", "0", "Not at all likely", "Pas du tout probable"] in choices
    assert ["likely", "5", "5", "5"] in choices
    assert ["likely", "dont_know", "Don't know", "Don't know"] in choices  # the portal's, in each language
    assert ["agree", "4", "Agree", "D'accord"] in choices
    assert ["agree", "dont_know", "No opinion", "Sans avis"] in choices
    imported, import_notes = xlsform_to_definition(workbook)
    assert import_notes == []
    assert with_defaults(imported) == with_defaults(definition)
    xform = convert(workbook, file_type=".xlsx").xform
    assert 'appearance="likert"' in xform and "selected( /data/opinion/likely , '0')" in xform


def test_labels_of_the_end_points_only_come_back_as_end_labels_and_the_export_says_so():
    definition = rating_definition()
    questions(definition)[1]["labels"] = [{"name": "1", "label": "Never"}, {"name": "5", "label": "Always"}]
    del definition["translations"]["fr"]["sections.opinion.questions.agree.labels.4.label"]
    workbook, notes = definition_to_xlsform(definition)
    assert ("Question agree: labels of its end points only are read back as its end labels (low_label, "
            "high_label).") in notes
    imported, _notes = xlsform_to_definition(workbook)
    agree = questions(imported)[1]
    assert (agree.get("labels"), agree["low_label"], agree["high_label"]) == (None, "Never", "Always")


def test_a_likert_list_of_words_is_read_as_a_single_choice():
    definition = rating_definition()
    workbook, _notes = definition_to_xlsform(definition)
    book = load_workbook(io.BytesIO(workbook))
    for row in book["choices"].iter_rows(min_row=2):
        if row[0].value == "agree" and row[1].value != "dont_know":
            row[1].value = f"level_{row[1].value}"
    buffer = io.BytesIO()
    book.save(buffer)
    imported, notes = xlsform_to_definition(buffer.getvalue())
    agree = questions(imported)[1]
    assert agree["type"] == "single_choice" and agree["choices"][0] == {"name": "level_1",
                                                                        "label": "Strongly disagree"}
    assert any("the appearance 'likert' cannot be carried" in note for note in notes)
