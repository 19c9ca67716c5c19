"""Footer and main menu come from the site settings coordinators edit."""

import pytest

from cms.models import (
    ContactPage,
    FAQPage,
    MainMenu,
    MainMenuItem,
    NewsIndexPage,
    PortalSettings,
    ResourceIndexPage,
)
from tests.factories import MainMenuItemFactory, coordinator

pytestmark = pytest.mark.django_db


def header(text):
    return text.split("<header", 1)[1].split("</header>", 1)[0]


def footer(text):
    return text.split("<footer", 1)[1].split("</footer>", 1)[0]


def test_the_footer_shows_the_text_and_links_of_the_site_settings(client):
    settings = PortalSettings.objects.get()
    settings.footer_text = "Funded by the people of Europe.\nSecond line."
    settings.general_support_email = "office@example.org"
    settings.footer_links = [
        {"type": "link", "value": {"label": "Our FAQ", "page": FAQPage.objects.get().pk, "url": ""}},
        {"type": "link", "value": {"label": "B1MG project", "page": None, "url": "https://b1mg-project.eu/"}},
    ]
    settings.save()

    text = footer(client.get("/").text)

    assert "Funded by the people of Europe.<br>Second line." in text
    assert "grant agreement No 951724" not in text
    assert '<a href="/faq/">Our FAQ</a>' in text
    assert '<a href="https://b1mg-project.eu/">B1MG project</a>' in text
    assert '<a href="/privacy/">Privacy statement</a>' in text
    assert 'href="mailto:office@example.org"' in text


def test_the_footer_has_the_eu_funding_acknowledgement_by_default(client):
    assert "grant agreement No 951724" in footer(client.get("/faq/").text)


def test_the_main_menu_shows_the_configured_pages_in_order_with_their_labels(client):
    menu = MainMenu.objects.get()
    MainMenuItem.objects.filter(menu=menu).delete()
    MainMenuItemFactory(page=ResourceIndexPage.objects.get(), sort_order=0, label="Library")
    MainMenuItemFactory(page=NewsIndexPage.objects.get(), sort_order=1)

    text = header(client.get("/news/").text)

    assert text.index('<a href="/resources/">Library</a>') < text.index(">News</a>")
    assert '<a href="/news/" aria-current="page">News</a>' in text
    assert ">Stakeholder clusters</a>" not in text
    assert ">Sign in</a>" in text and ">Register</a>" in text


def test_a_menu_item_of_a_page_that_is_not_live_is_left_out(client):
    contact = ContactPage.objects.get()
    contact.unpublish()

    assert 'href="/contact/"' not in header(client.get("/").text)


def test_without_a_configured_menu_the_header_shows_home_and_the_clusters(client):
    MainMenu.objects.all().delete()

    text = header(client.get("/").text)

    assert '<a href="/" aria-current="page">Home</a>' in text
    assert '<a href="/clusters/">Stakeholder clusters</a>' in text


def test_the_menu_marks_the_section_of_a_page_below_a_menu_item(client):
    text = header(client.get("/news/stakeholder-forum-2022-report/").text)

    assert '<a href="/news/" aria-current="true">News</a>' in text


def test_the_menu_costs_the_same_queries_whatever_its_length(
    client, django_assert_max_num_queries
):
    menu = MainMenu.objects.get()
    MainMenuItem.objects.filter(menu=menu).delete()
    MainMenuItemFactory(page=NewsIndexPage.objects.get(), sort_order=0)
    with django_assert_max_num_queries(20) as few:
        client.get("/faq/")

    pages = [ResourceIndexPage.objects.get(), FAQPage.objects.get(), ContactPage.objects.get()]
    for order, page in enumerate(pages * 3, start=1):
        MainMenuItemFactory(page=page, sort_order=order)
    with django_assert_max_num_queries(len(few.captured_queries)):
        text = client.get("/faq/").text
    assert header(text).count('href="/contact/"') == 3


def test_a_signed_in_person_sees_my_portal_and_sign_out(client):
    client.force_login(coordinator())

    text = header(client.get("/").text)

    assert ">My portal</a>" in text and ">Sign out</button>" in text
    assert ">Sign in</a>" not in text


def test_coordinators_can_open_the_portal_settings_and_the_main_menu_in_the_admin(client, site):
    client.force_login(coordinator())

    settings_page = client.get(f"/admin/settings/cms/portalsettings/{site.site.pk}/")
    menu_page = client.get(f"/admin/settings/cms/mainmenu/{site.site.pk}/")

    assert settings_page.status_code == 200 and "b1mg-nmg-coordinator@elixir-europe.org" in settings_page.text
    assert menu_page.status_code == 200 and "items-TOTAL_FORMS" in menu_page.text


def test_a_coordinator_edits_the_main_menu_in_the_admin_and_the_header_follows(client, site):
    MainMenuItem.objects.all().delete()
    client.force_login(coordinator())
    faq, news = FAQPage.objects.get(), NewsIndexPage.objects.get()

    response = client.post(f"/admin/settings/cms/mainmenu/{site.site.pk}/", {
        "items-TOTAL_FORMS": "2", "items-INITIAL_FORMS": "0", "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "1000",
        "items-0-page": str(faq.pk), "items-0-label": "Questions", "items-0-ORDER": "1", "items-0-id": "",
        "items-1-page": str(news.pk), "items-1-label": "", "items-1-ORDER": "2", "items-1-id": "",
    })

    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    client.logout()
    text = header(client.get("/").text)
    assert text.index('<a href="/faq/">Questions</a>') < text.index('<a href="/news/">News</a>')
