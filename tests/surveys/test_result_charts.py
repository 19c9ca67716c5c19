"""The results as the shared charts (surveys/results/charts.py): each kind of result with figures has an SVG
chart whose figures are those of its table, in the admin and on the public page, where the counts below
five stay withheld."""

# ruff: noqa: F811  (the fixtures come from the other test modules)

import re

import pytest

from surveys.results import survey_results
from tests.charts import read_charts
from tests.factories import coordinator

from .test_checkbox_matrix import answered_grids, grid  # noqa: F401
from .test_ranking import ranked_answers, ranked_survey  # noqa: F401
from .test_rating import answered_ratings, rated  # noqa: F401
from .test_repeat_results import answered as repeated  # noqa: F401
from .test_results import answered, genomes, people, respond  # noqa: F401

pytestmark = pytest.mark.django_db


def admin_charts(client, survey) -> dict:
    client.force_login(coordinator())
    page = client.get(f"/admin/surveys/{survey.pk}/results/")
    assert page.status_code == 200
    charts = read_charts(page.content.decode())
    for chart in charts.values():
        assert chart.drawn == chart.tabled, chart.caption
    return charts


def test_choices_numbers_and_a_matrix_have_charts_and_summaries_and_texts_none(client, answered):
    charts = admin_charts(client, answered)

    assert set(charts) == {"chart-purpose", "chart-kinds", "chart-per_kind", "chart-quality"}
    purpose = charts["chart-purpose"]
    assert purpose.caption == "Answers to “1. Main purpose?”"
    assert purpose.drawn == [("", "Clinical", "2 (40.0%)"), ("", "Research", "3 (60.0%)")]
    assert purpose.description == "Clinical: 2 (40.0%); Research: 3 (60.0%)"
    kinds = charts["chart-kinds"]
    assert ("", "Arrays (removed in a later version)", "2 (40.0%)") in kinds.drawn
    per_kind = charts["chart-per_kind"]  # a number table: the total of each row
    assert ("", "WGS", "29") in per_kind.drawn
    quality = charts["chart-quality"]  # a matrix: a group a row, a bar a choice
    assert quality.drawn[:3] == [("Completeness", "Good", "2 (100.0%)"), ("Completeness", "Fair", "0 (0.0%)"),
                                 ("Completeness", "Poor", "0 (0.0%)")]
    assert ("Accuracy", "Fair", "1 (100.0%)") in quality.drawn


def test_a_rating_charts_its_points_and_leaves_don_t_know_apart(client, rated):
    answered_ratings(rated)
    likely = admin_charts(client, rated)["chart-likely"]
    assert ("", "9", "1 (50.0%)") in likely.drawn and ("", "2", "1 (50.0%)") in likely.drawn
    assert not any("know" in label for _group, label, _value in likely.drawn)


def test_a_ranking_charts_each_option_s_positions(client, ranked_answers):
    priorities = admin_charts(client, ranked_answers)["chart-priorities"]
    training = [(label, value) for group, label, value in priorities.drawn if group == "Training"]
    assert training == [("1st", "2 (66.7%)"), ("2nd", "1 (33.3%)"), ("3rd", "0 (0.0%)")]


def test_a_checkbox_matrix_charts_each_row_s_choices(client, grid):
    answered_grids(grid)
    held = admin_charts(client, grid)["chart-held"]
    assert [value for group, _label, value in held.drawn if group == "Blood"] == [
        "2 (66.7%)", "1 (33.3%)", "1 (33.3%)"]


def test_a_question_of_a_repeated_section_charts_its_items(client, repeated):
    kinds = admin_charts(client, repeated)["chart-kinds"]
    assert [(label, value) for _group, label, value in kinds.drawn] == [
        ("Whole genomes", "2 (66.7%)"), ("Exomes", "2 (66.7%)")]


def test_the_chart_of_a_result_is_drawn_from_its_figures(answered):
    purpose = {result.question.name: result for result in survey_results(answered).questions}["purpose"]
    purpose.counts[0].count = 7
    assert purpose.chart.bars[0].figure.count == 7


def test_the_public_charts_withhold_what_the_tables_withhold(client, genomes):
    html = client.get(genomes.url + "results/").content.decode()
    charts = read_charts(html)
    for chart in charts.values():
        assert chart.drawn == chart.tabled
    assert charts["chart-countries"].drawn == [("", "Italy", "not shown"), ("", "Portugal", "16"),
                                               ("", "Spain", "fewer than 5")]
    assert charts["chart-countries"].bars == 1  # a withheld count has no bar
    genetic = charts["chart-b1_genetic_data"]
    assert genetic.caption == "Datasets by type of genetic data: All countries"
    assert genetic.drawn[:2] == [("", "Whole Genome Sequencing (WGS)", "25"),
                                 ("", "Whole Exome Sequencing (WES)", "fewer than 5")]
    drawn_numbers = [int(value) for chart in charts.values() for _group, _label, value in chart.drawn
                     if re.fullmatch(r"\d+", value)]
    assert drawn_numbers and min(drawn_numbers) >= 5
    widths = re.findall(r'class="chart__bar"[^>]*width="(\d+)"', html)
    assert len(widths) == sum(chart.bars for chart in charts.values())
