"""Repeated sections in the answer items and the statistics: counted over the items, with the respondents
who added any beside, the same in PostgreSQL and in Python."""

import csv
import io
import zipfile
from decimal import Decimal

import openpyxl
import pytest

from surveys import exports
from surveys.answer_items import items_of, repeat_items_of
from surveys.models import AnswerItem, AnswerKey
from surveys.results import Filters, survey_results
from tests.factories import SurveyPageFactory

from .repeat_survey import DATASETS, repeat_definition, submitted, three_respondents

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered():
    """Three respondents: two datasets, one dataset, none."""
    survey = SurveyPageFactory(definition=repeat_definition())
    three_respondents(survey)
    return survey


def test_an_item_s_answers_are_items_of_its_number():
    definition = repeat_definition()
    answers = {"country": "be", "datasets": DATASETS}
    assert items_of(definition, answers) == ([("country", "single_choice", '["be"]')], [])
    items, values = repeat_items_of(definition, answers)
    assert ("datasets", "repeat", "", 2) in items
    assert ("kinds", "multiple_choice", '["wes","wgs"]', 1) in items
    assert ("kinds", "multiple_choice", '["wes"]', 2) in items
    assert values == [("depth", "number", "", Decimal("30"), None, 1)]


def test_a_submitted_response_keeps_its_items_as_answer_items(answered):
    assert AnswerKey.objects.filter(question="datasets", type="repeat").count() == 2  # numbers 1 and 2
    keys = AnswerKey.objects.filter(question="dataset_name").values_list("item", flat=True)
    assert sorted(keys) == [1, 2]
    assert AnswerItem.objects.filter(key__question="dataset_name").count() == 3


@pytest.mark.parametrize("engine", ["postgresql", "python"])
def test_statistics_count_the_items_with_their_respondents(answered, engine):
    found = survey_results(answered, engine=engine, text_limit=5)
    results = {result.question.name: result for result in found.questions}
    assert found.total == 3
    kinds = results["kinds"]
    assert (kinds.asked, kinds.answered, kinds.respondents) == (3, 3, 2)  # 3 datasets from 2 respondents
    assert {count.name: count.count for count in kinds.counts} == {"wgs": 2, "wes": 2}
    depth = results["depth"].summary
    assert (depth.n, depth.min, depth.median, depth.max) == (2, 30, 35, 40)
    # The newest response's first (all were submitted at once: the later one), then its items in order.
    assert results["dataset_name"].texts == ["Biobank genomes", "Rare disease trios", "Cancer exomes"]
    country = results["country"]
    assert (country.asked, country.answered, country.respondents) == (3, 3, None)


def test_both_engines_agree(answered):
    postgresql = survey_results(answered, engine="postgresql", text_limit=5)
    python = survey_results(answered, engine="python", text_limit=5)
    assert postgresql.questions == python.questions


@pytest.mark.parametrize("engine", ["postgresql", "python"])
def test_filters_keep_the_items_of_the_responses_they_keep(answered, engine):
    found = survey_results(answered, Filters(answers=[("country", "pt")]), engine=engine)
    kinds = next(result for result in found.questions if result.question.name == "kinds")
    assert (kinds.asked, kinds.answered, kinds.respondents) == (1, 1, 1)
    assert {count.name: count.count for count in kinds.counts} == {"wgs": 1, "wes": 0}


def test_a_repeat_s_question_is_no_filter_nor_public_table(answered):
    from surveys.results import merged_questions, survey_versions

    questions = {question.name: question for question in merged_questions(survey_versions(answered))}
    assert questions["kinds"].repeat == "datasets" and not questions["kinds"].is_choice
    with pytest.raises(ValueError):
        survey_results(answered, Filters(answers=[("kinds", "wgs")]))


def test_the_results_page_says_items_and_respondents(answered, client):
    from tests.factories import coordinator

    client.force_login(coordinator())
    page = client.get(f"/admin/surveys/{answered.pk}/results/").text
    assert "answered in 3 of 3 items, from 2 respondents" in page
    assert "have a table of their own for each section, one row an item" in page


def _added_to_the_repeat(survey):
    """A second version that asks each dataset's licence too: version 1's three datasets were never asked."""
    from surveys.publishing import confirm_breaking_edit

    definition = repeat_definition()
    definition["sections"][1]["questions"].append(
        {"name": "licence", "type": "short_text", "label": "Licence of the dataset"})
    survey.definition = definition
    confirm_breaking_edit(survey, definition)
    survey.save_revision().publish()
    assert survey.current_version().number == 2
    submitted(survey, {"country": "be", "datasets": [
        {"dataset_name": "Population panel", "kinds": ["wes"], "licence": "CC BY 4.0"}]}, 4)


@pytest.mark.parametrize("engine", ["postgresql", "python"])
def test_a_question_added_to_a_repeat_counts_only_the_items_asked_it(answered, engine):
    _added_to_the_repeat(answered)
    results = {result.question.name: result
               for result in survey_results(answered, engine=engine, text_limit=5).questions}
    licence = results["licence"]
    assert (licence.asked, licence.answered, licence.respondents) == (1, 1, 1)
    assert licence.texts == ["CC BY 4.0"]
    kinds = results["kinds"]  # asked in both versions: every item counts
    assert (kinds.asked, kinds.answered, kinds.respondents) == (4, 4, 3)


def test_texts_of_items_beyond_the_newest_responses_are_found(answered, monkeypatch):
    from surveys.results import tally_repeats

    monkeypatch.setattr(tally_repeats, "NEWEST_READ", 1)  # only the newest response is read at first
    for number in (4, 5):  # newer responses without datasets
        submitted(answered, {"country": "pt"}, number)
    results = {result.question.name: result
               for result in survey_results(answered, engine="postgresql", text_limit=5).questions}
    assert results["dataset_name"].texts == ["Biobank genomes", "Rare disease trios", "Cancer exomes"]


def test_the_texts_of_items_are_listed_page_by_page(answered):
    from surveys.results import merged_questions, survey_versions, text_answers

    question = next(question for question in merged_questions(survey_versions(answered))
                    if question.name == "dataset_name")
    texts = text_answers(answered, question)
    assert texts.count() == 3
    assert list(texts[1:3]) == [("REP-0001", "Rare disease trios"), ("REP-0001", "Cancer exomes")]


# --- Exports ------------------------------------------------------------------------------------------


def _export(survey, format: str) -> bytes:
    output = io.BytesIO()
    assert exports.write_export(survey, format, output) == 3  # rows of the wide table: responses
    return output.getvalue()


def _csv(archive: zipfile.ZipFile, name: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(archive.read(name).decode("utf-8"))))


ITEM_HEADER = ["contribution_id", "item", "dataset_name", "kinds__wgs", "kinds__wes", "depth", "contact"]
ITEM_ROWS = [
    ["REP-0001", "1", "Rare disease trios", "1", "1", "30", "Ana"],
    ["REP-0001", "2", "Cancer exomes", "0", "1", "", "Ben"],
    ["REP-0002", "1", "Biobank genomes", "1", "0", "40", ""],
]


def test_the_csv_export_has_a_long_table_a_repeat_and_leaves_it_out_of_the_wide_one(answered):
    with zipfile.ZipFile(io.BytesIO(_export(answered, "csv"))) as archive:
        assert sorted(archive.namelist()) == ["codebook.csv", "repeat_datasets.csv", "responses.csv"]
        responses = _csv(archive, "responses.csv")
        items = _csv(archive, "repeat_datasets.csv")
        codebook = _csv(archive, "codebook.csv")
    assert responses[0] == ["contribution_id", "version", "submitted_at", "country", "remark"]
    assert [row[0] for row in responses[1:]] == ["REP-0001", "REP-0002", "REP-0003"]
    assert items == [ITEM_HEADER, *ITEM_ROWS]
    notes = {line[0]: line[-1] for line in codebook[1:]}
    assert notes["kinds__wgs"] == "in the table repeat_datasets: one row an item, not in responses"
    assert "repeated sections" in notes["item"] and notes["country"] == ""


def test_the_xlsx_export_has_a_sheet_a_repeat(answered):
    workbook = openpyxl.load_workbook(io.BytesIO(_export(answered, "xlsx")))
    assert workbook.sheetnames == ["responses", "codebook", "repeat_datasets"]
    rows = [list(row) for row in workbook["repeat_datasets"].iter_rows(values_only=True)]
    assert rows[0] == ITEM_HEADER
    assert rows[1] == ["REP-0001", 1, "Rare disease trios", 1, 1, 30, "Ana"]
    assert rows[3] == ["REP-0002", 1, "Biobank genomes", 1, 0, 40, None]


def test_questions_named_like_the_fixed_columns_keep_their_answers_apart():
    definition = repeat_definition()
    definition["sections"][2]["questions"].append(
        {"name": "version", "type": "short_text", "label": "Which reference genome?"})
    definition["sections"][1]["questions"].append(
        {"name": "item", "type": "short_text", "label": "Item code"})
    survey = SurveyPageFactory(definition=definition)
    submitted(survey, {"country": "be", "version": "GRCh38",
                       "datasets": [{"dataset_name": "Trios", "item": "T-1"}]}, 1)
    output = io.BytesIO()
    exports.write_export(survey, "csv", output)
    with zipfile.ZipFile(output) as archive:
        responses, items = _csv(archive, "responses.csv"), _csv(archive, "repeat_datasets.csv")
        codebook = _csv(archive, "codebook.csv")

    for table in (responses, items):
        assert len(set(table[0])) == len(table[0])  # no two columns share a heading
    row = dict(zip(responses[0], responses[1], strict=True))
    assert (row["version"], row["version__answer"]) == ("1", "GRCh38")
    item = dict(zip(items[0], items[1], strict=True))
    assert (item["item"], item["item__answer"]) == ("1", "T-1")
    assert [line[:2] for line in codebook if line[1] in ("version", "item")] == [
        ["version__answer", "version"], ["item__answer", "item"]]
