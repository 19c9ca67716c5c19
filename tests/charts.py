"""Read the shared charts (templates/core/chart.html) of a page: what each SVG draws and what its table
holds, as (group, label, figure) triples, so that a test compares them and checks the figures."""

from typing import NamedTuple

from bs4 import BeautifulSoup


class ReadChart(NamedTuple):
    caption: str
    description: str
    drawn: list[tuple[str, str, str]]  # from the SVG
    tabled: list[tuple[str, str, str]]  # from its table
    bars: int  # rectangles drawn


def _whole(label) -> str:
    return label.title.get_text() if label.title else label.get_text()


def _drawn(svg) -> list[tuple[str, str, str]]:
    rows, group = [], ""
    for element in svg.find_all(["text", "g"], recursive=False):
        if "chart__group" in element.get("class", []):
            group = element.get_text()
        elif element.name == "g":
            rows.append((group, _whole(element.select_one(".chart__label")),
                         element.select_one(".chart__value").get_text()))
    return rows


def _tabled(table) -> list[tuple[str, str, str]]:
    headings = [cell.get_text() for cell in table.thead.find_all("th")]
    rows = []
    for row in table.tbody.find_all("tr"):
        label = row.th.get_text()
        cells = [cell.get_text() for cell in row.find_all("td")]
        if "chart-data__grouped" in table["class"]:
            rows += [(label, heading, cell) for heading, cell in zip(headings[1:], cells, strict=True)]
        else:  # a count, and its percentage when the table has them
            percent = f" ({cells[1]})" if len(cells) > 1 and cells[1] != "–" else ""
            rows.append(("", label, cells[0] + percent))
    return rows


def read_charts(html: str) -> dict[str, ReadChart]:
    """The page's charts by id."""
    found = {}
    for figure in BeautifulSoup(html, "html.parser").select("figure.chart"):
        svg = figure.svg
        chart_id = svg.title["id"].removesuffix("-title")
        found[chart_id] = ReadChart(figure.figcaption.get_text(), svg.desc.get_text(), _drawn(svg),
                                    _tabled(figure.table), len(svg.select("rect.chart__bar")))
    return found
