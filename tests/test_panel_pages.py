"""The pages of one "My portal" panel: a link to another page of it keeps where the other panels are."""

from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.test import RequestFactory


def test_a_panels_page_link_keeps_the_other_panels_pages():
    request = RequestFactory().get("/my/", {"forum_page": "2", "use_cases_page": "1"})
    items = Paginator(list(range(30)), 10).get_page(1)

    html = render_to_string("core/panel_pages.html", {
        "items": items, "name": "use_cases_page", "anchor": "use-cases-title", "label": "Pages"},
        request=request)

    assert 'href="?forum_page=2&amp;use_cases_page=2#use-cases-title" rel="next"' in html
    assert "Page 1 of 3" in html
    assert render_to_string("core/panel_pages.html", {"items": Paginator([1], 10).get_page(1)},
                            request=request).strip() == ""
