"""The demo content holds every page type, and each renders fast."""

import re

import pytest
from django.apps import apps
from django.utils.html import escape
from wagtail.models import Page

from cms.demo import create_demo_pages
from cms.models import ContactPage, FAQPage, MainMenu, NewsPage, PortalSettings, ResourcePage, StandardPage
from surveys.models import SurveyPage

pytestmark = pytest.mark.django_db


def cms_page_types() -> set[type[Page]]:
    return {
        model for model in apps.get_app_config("cms").get_models()
        if issubclass(model, Page) and not model._meta.abstract
    }


def test_every_page_type_of_the_demo_content_renders_within_20_queries(
    client, django_assert_max_num_queries
):
    rendered = set()
    for page in Page.objects.live().filter(depth__gt=1).specific():
        with django_assert_max_num_queries(20):
            response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert escape(page.title) in response.text
        rendered.add(type(page))

    missing = cms_page_types() - rendered
    assert not missing, f"no demo page of type {sorted(m.__name__ for m in missing)}"


def test_the_demo_content_has_real_content_in_each_page_type(client):
    assert "Eleven working groups" in client.get("/about/").text
    about = client.get("/about/").text
    assert "<details>" in about and "<caption>" in about and "<h2>The roadmap</h2>" in about
    assert "Stakeholder Forum 2022" in client.get("/news/").text
    assert "National Mirror Groups fact sheet" in client.get("/resources/").text
    assert "<summary>Who can register?</summary>" in client.get("/faq/").text
    assert 'name="message"' in client.get("/contact/").text


def test_the_demo_content_sets_the_main_menu_and_the_footer_links(client):
    text = client.get("/").text

    menu = text.split('<nav aria-label="Main">', 1)[1].split("</nav>", 1)[0]
    labels = re.findall(r'<li><a href="[^"]+"(?: aria-current="page")?>([^<]+)</a></li>', menu)
    assert labels == ["Home", "Stakeholder clusters", "News", "Resources", "About", "FAQ", "Contact",
                      "Sign in"]
    footer = text.split("<footer", 1)[1]
    assert '<a href="/faq/">Frequently asked questions</a>' in footer
    assert '<a href="/contact/">Contact</a>' in footer


def test_loading_the_demo_content_twice_creates_nothing_more_and_keeps_edits():
    counts = {model: model.objects.count() for model in (StandardPage, NewsPage, ResourcePage, FAQPage,
                                                         ContactPage)}
    faq = FAQPage.objects.get()
    faq.title = "Questions, edited by a coordinator"
    faq.save_revision().publish()
    settings = PortalSettings.objects.get()
    settings.footer_text = "Edited footer"
    settings.save()
    menu_items = list(MainMenu.objects.get().items.values_list("page_id", flat=True))

    assert create_demo_pages() == []

    assert {model: model.objects.count() for model in counts} == counts
    assert FAQPage.objects.get().title == "Questions, edited by a coordinator"
    assert PortalSettings.objects.get().footer_text == "Edited footer"
    assert list(MainMenu.objects.get().items.values_list("page_id", flat=True)) == menu_items


def test_coordinators_can_open_the_editor_of_every_content_page(client):
    from tests.factories import coordinator

    client.force_login(coordinator())
    pages = Page.objects.live().filter(depth__gt=1).specific()

    opened = set()
    for page in pages:
        response = client.get(f"/admin/pages/{page.pk}/edit/")
        assert response.status_code == 200, page
        opened.add(type(page))

    assert cms_page_types() <= opened


def test_each_page_type_goes_where_it_belongs():
    from cms.models import ClusterIndexPage, HomePage, NewsIndexPage, ResourceIndexPage
    from newsletters.models import NewsletterIndexPage
    from portal.forum.models import ForumEventPage, ForumIndexPage
    from portal.recommendations.models import RecommendationIndexPage
    from surveys.models import SurveyIndexPage

    assert set(HomePage.allowed_subpage_models()) == {
        StandardPage, NewsIndexPage, ResourceIndexPage, FAQPage, ContactPage, ClusterIndexPage, SurveyPage,
        SurveyIndexPage, NewsletterIndexPage, ForumIndexPage, RecommendationIndexPage}
    assert ForumIndexPage.allowed_subpage_models() == [ForumEventPage]
    assert ForumEventPage.allowed_parent_page_models() == [ForumIndexPage]
    assert SurveyIndexPage.allowed_subpage_models() == [SurveyPage]
    assert set(StandardPage.allowed_subpage_models()) == {StandardPage, FAQPage, SurveyPage}
    assert NewsIndexPage.allowed_subpage_models() == [NewsPage]
    assert ResourceIndexPage.allowed_subpage_models() == [ResourcePage]
    assert NewsPage.allowed_parent_page_models() == [NewsIndexPage]
    assert ResourcePage.allowed_parent_page_models() == [ResourceIndexPage]
    assert ContactPage.allowed_subpage_models() == [] and FAQPage.allowed_subpage_models() == []
