"""The results' charts in Chromium, in the light and the dark colour scheme: each SVG drawn with the figures
of its table, bars that stand out from the page, axe and the CSP content. And the review page and the
receipt printed: no navigation, buttons or forms, nothing wider than A4, a PDF."""

# ruff: noqa: F811  (the fixtures come from tests/surveys/test_results.py)

import re

import pytest
from playwright.sync_api import expect

from surveys.models import Response
from tests.charts import read_charts
from tests.e2e.browser import assert_accessible, assert_no_csp_violation, sign_in_to_admin, watch_csp
from tests.factories import coordinator
from tests.surveys.conftest import survey  # noqa: F401
from tests.surveys.test_results import answered, genomes, people, respond  # noqa: F401

ADMIN_CHARTS = {"chart-purpose", "chart-kinds", "chart-per_kind", "chart-quality"}
A4_WIDTH = 794  # 210 mm at 96 CSS pixels an inch

# The colour of every bar and the background it is drawn on, as the browser computes them.
BAR_COLOURS = """() => [...document.querySelectorAll('rect.chart__bar')].map(bar => {
  let element = bar.closest('figure');
  while (element && getComputedStyle(element).backgroundColor.match(/rgba\\(.*, 0\\)|transparent/)) {
    element = element.parentElement;
  }
  const background = element ? getComputedStyle(element).backgroundColor : 'rgb(255, 255, 255)';
  const style = getComputedStyle(bar);
  return [style.fill === 'none' ? style.stroke : style.fill, background];  // a noted bar is an outline
})"""


def luminance(colour: str) -> float:
    channels = [int(value) / 255 for value in re.findall(r"\d+", colour)[:3]]
    linear = [value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4 for value in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, other: str) -> float:
    lighter, darker = sorted([luminance(one), luminance(other)], reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def check_charts(page, ids: set[str]) -> dict:
    """Every chart's SVG is drawn, its figures are its table's, its table opens, and its bars stand out
    from the page by WCAG's 3:1 for graphics; the page passes axe. The bars' colours by scheme."""
    charts = read_charts(page.content())
    assert ids <= set(charts)
    for chart_id, chart in charts.items():
        assert chart.drawn == chart.tabled, chart_id
        figure = page.locator(f"figure:has(#{chart_id}-title)")
        expect(figure.locator("svg")).to_be_visible()
        assert figure.locator("svg").bounding_box()["height"] > 20
    colours = page.evaluate(BAR_COLOURS)
    assert colours
    for fill, background in colours:
        assert contrast(fill, background) >= 3, (fill, background)
    first = page.locator("figure.chart").first
    first.get_by_text("The figures as a table").click()
    expect(first.locator("table")).to_be_visible()
    assert_accessible(page)
    return {fill for fill, _background in colours}


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_admin_results_are_charts_with_their_tables_in_both_colour_schemes(live_server, page, answered):
    csp_violations = watch_csp(page)
    sign_in_to_admin(page, live_server, coordinator())
    fills = {}
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        page.goto(live_server.url + f"/admin/surveys/{answered.pk}/results/")
        fills[scheme] = check_charts(page, ADMIN_CHARTS)
    assert fills["light"] != fills["dark"]  # the admin's dark theme has bars of its own
    assert_no_csp_violation(page, csp_violations)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_public_results_are_charts_that_withhold_small_counts(live_server, page, genomes):
    csp_violations = watch_csp(page)
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        page.goto(live_server.url + genomes.url + "results/")
        check_charts(page, {"chart-countries", "chart-b1_genetic_data", "chart-d1_gdpr_basis"})
        countries = page.locator("#chart-countries-desc")
        assert countries.text_content() == "Italy: not shown; Portugal: 16; Spain: fewer than 5"
    assert_no_csp_violation(page, csp_violations)


LONG_ANSWER = "https://example.org/datasets/" + "trio" * 80  # one word wider than the paper


def assert_prints_on_a4(page) -> None:
    page.set_viewport_size({"width": A4_WIDTH, "height": 1123})
    page.emulate_media(media="print")
    widths = page.evaluate("() => [document.documentElement.scrollWidth, "
                           "document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], widths
    for hidden in ("header.site-header", "footer", "main nav", "main form", "main button", ".survey-change"):
        for element in page.locator(hidden).all():
            expect(element).to_be_hidden()
    answer = page.locator("dd", has_text="triotrio").first
    expect(answer).to_be_visible()
    assert page.evaluate("element => element.scrollWidth <= element.clientWidth", answer.element_handle())
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF-") and len(re.findall(rb"/Type\s*/Page\b", pdf)) >= 1
    page.emulate_media(media="screen")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_review_page_and_the_receipt_print_on_a4(live_server, page, answered):
    answers = {"purpose": "clinical", "kinds": ["wgs"], "describe": LONG_ANSWER, "subjects": "12"}
    response = respond(answered, answers, status=Response.Status.DRAFT)
    csp_violations = watch_csp(page)
    page.goto(live_server.url + f"{answered.url}r/{response.token}/review/")
    expect(page.get_by_role("heading", name="Check your answers")).to_be_visible()
    expect(page.get_by_role("button", name="Submit my answers")).to_be_visible()
    assert_prints_on_a4(page)

    page.get_by_role("button", name="Submit my answers").click()
    expect(page.get_by_role("heading", name="Thank you: your contribution is received")).to_be_visible()
    assert_prints_on_a4(page)
    assert_no_csp_violation(page, csp_violations)
