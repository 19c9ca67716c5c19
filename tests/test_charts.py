"""The shared chart (portal/core/charts.py, templates/core/chart.html): bars in proportion, every figure
written in the SVG, its description and its table alike, withheld counts in words, groups, long labels."""

from bs4 import BeautifulSoup
from django.template.loader import render_to_string

from portal.core.charts import CHARACTER, GAP, WIDTH, Figure, bar_chart, grouped_chart


def rendered(chart) -> BeautifulSoup:
    return BeautifulSoup(render_to_string("core/chart.html", {"chart": chart}), "html.parser")


def drawn(page: BeautifulSoup) -> list[tuple[str, str]]:
    """What the SVG writes: (label, figure) a bar, labels whole (a cut label's title holds it)."""
    rows = []
    for row in page.select("g.chart__row"):
        label = row.select_one(".chart__label")
        whole = label.title.get_text() if label.title else label.get_text()
        rows.append((whole, row.select_one(".chart__value").get_text()))
    return rows


def test_bars_are_in_proportion_and_the_largest_fills_the_space():
    chart = bar_chart("Status", [("Proposed", 4), ("Accepted", 2), ("Refused", 0)], label_heading="Status",
                      count_heading="Recommendations")
    proposed, accepted, refused = chart.bars
    assert proposed.x + proposed.width + GAP + len("4") * CHARACTER + GAP == WIDTH  # its figure fits
    assert accepted.width == round(proposed.width / 2)
    assert refused.width == 0
    assert chart.total == 6
    assert chart.description == "Proposed: 4; Accepted: 2; Refused: 0"


def test_the_svg_its_description_and_its_table_hold_the_same_figures():
    figures = [Figure("Clinical", 3, 60.0), Figure("Research", 2, 40.0),
               Figure("Arrays", 1, 20.0, note="removed")]
    page = rendered(bar_chart("Purpose", figures, label_heading="Answer", count_heading="Responses",
                              percent_heading="Percent"))

    assert drawn(page) == [("Clinical", "3 (60.0%)"), ("Research", "2 (40.0%)"),
                           ("Arrays (removed)", "1 (20.0%)")]
    rows = [[cell.get_text() for cell in row.find_all(["th", "td"])] for row in page.select("tbody tr")]
    assert rows == [["Clinical", "3", "60.0%"], ["Research", "2", "40.0%"],
                    ["Arrays (removed)", "1", "20.0%"]]
    assert [cell.get_text() for cell in page.select("tfoot td")] == ["6", ""]
    svg = page.svg
    assert svg["role"] == "img"
    assert svg["aria-labelledby"] == "purpose-title purpose-desc"
    assert page.find(id="purpose-desc").get_text() == (
        "Clinical: 3 (60.0%); Research: 2 (40.0%); Arrays (removed): 1 (20.0%)")
    # A noted bar is an outline, told apart without colour; nothing sets a style attribute (the CSP).
    assert [int(bar["width"]) > 0 for bar in page.select(".chart__bar--noted")] == [True]
    assert not page.find_all(style=True)


def test_a_withheld_count_is_words_without_a_bar_and_the_chart_has_no_total():
    figures = [Figure("Portugal", 16), Figure("Spain", None, withheld="fewer than 5")]
    page = rendered(bar_chart("By country", figures, label_heading="Country", count_heading="Contributions"))
    assert drawn(page) == [("Portugal", "16"), ("Spain", "fewer than 5")]
    assert len(page.select("rect.chart__bar")) == 1
    assert page.select_one(".chart__value--withheld").get_text() == "fewer than 5"
    assert [row.td.get_text() for row in page.select("tbody tr")] == ["16", "fewer than 5"]
    assert page.tfoot is None


def test_a_grouped_chart_has_a_heading_a_group_and_a_table_with_a_column_a_bar():
    chart = grouped_chart("Quality", [
        ("Completeness", [Figure("Good", 2, 100.0), Figure("Poor", 0, 0.0)]),
        ("Accuracy", [Figure("Good", 1, 50.0), Figure("Poor", 1, 50.0)]),
    ], group_heading="Row", chart_id="chart-quality")
    page = rendered(chart)

    assert [heading.get_text() for heading in page.select(".chart__group")] == ["Completeness", "Accuracy"]
    assert drawn(page) == [("Good", "2 (100.0%)"), ("Poor", "0 (0.0%)"), ("Good", "1 (50.0%)"),
                           ("Poor", "1 (50.0%)")]
    assert [cell.get_text() for cell in page.select("thead th")] == ["Row", "Good", "Poor"]
    rows = [[cell.get_text() for cell in row.find_all(["th", "td"])] for row in page.select("tbody tr")]
    assert rows == [["Completeness", "2 (100.0%)", "0 (0.0%)"], ["Accuracy", "1 (50.0%)", "1 (50.0%)"]]
    assert chart.description == ("Completeness: Good 2 (100.0%), Poor 0 (0.0%); "
                                 "Accuracy: Good 1 (50.0%), Poor 1 (50.0%)")
    assert chart.total is None
    # Bars stand right of their group's heading, and the headings are not hidden behind the bars.
    first, second = chart.groups
    assert first.bars[0].y > first.y and second.y > first.bars[-1].y + first.bars[-1].height
    assert page.find(id="chart-quality-caption").get_text() == "Quality"


def test_long_labels_stand_whole_above_their_bars():
    long = "Clinical information (diagnosis, symptoms, family history)"
    chart = bar_chart("Data", [(long, 3), ("Treatment", 1)], label_heading="Data", count_heading="Datasets")
    first, second = chart.bars
    assert (first.label, first.label_anchor, first.label_x) == (long, "start", 0)
    assert first.label_y < first.y  # on its own line, above
    assert second.y >= first.y + first.height
    assert first.x + first.width < WIDTH


def test_a_label_longer_than_the_chart_is_wide_is_cut_and_kept_whole_in_a_tooltip():
    name = "Sequencing " * 10
    page = rendered(bar_chart("Data", [(name, 1)], label_heading="Data", count_heading="Datasets"))
    label = page.select_one(".chart__label")
    assert label.title.get_text() == name
    shown = label.contents[-1]  # after the title
    assert shown.endswith("…") and len(shown) * CHARACTER <= WIDTH
    assert drawn(page) == [(name, "1")]
    assert page.select_one("tbody th").get_text() == name
