"""A main menu item leads to a page or to an address, for parts of the portal that are not pages (the
National Mirror Groups directory)."""

import pytest
from django.core.exceptions import ValidationError

from cms.models import FAQPage, MainMenu, MainMenuItem
from tests.factories import MainMenuItemFactory

pytestmark = pytest.mark.django_db


def test_an_item_with_an_address_is_in_the_menu_and_marked_current_there(client):
    MainMenuItemFactory(url="/mirror-groups/", sort_order=99, label="National Mirror Groups")

    assert '<a href="/mirror-groups/">National Mirror Groups</a>' in client.get("/").text
    assert ('<a href="/mirror-groups/" aria-current="page">National Mirror Groups</a>'
            in client.get("/mirror-groups/").text)


@pytest.mark.parametrize(("fields", "error"), [
    ({"url": "/faq/", "label": "Both", "page": True}, "Choose a page or give an address, not both."),
    ({}, "Choose a page or give an address, not both."),
    ({"url": "/mirror-groups/"}, "An item with an address needs a label."),
    ({"url": "javascript:alert(1)", "label": "Bad"}, "Enter a valid URL."),
    ({"url": "//elsewhere.example/", "label": "Bad"}, "Enter a valid URL."),
])
def test_an_item_needs_a_page_or_a_valid_address_with_a_label(fields, error):
    if fields.pop("page", False):
        fields["page"] = FAQPage.objects.get()
    item = MainMenuItem(menu=MainMenu.objects.get(), **fields)

    with pytest.raises(ValidationError) as refused:
        item.full_clean()

    assert error in str(refused.value)


def test_a_web_address_is_accepted():
    MainMenuItem(menu=MainMenu.objects.get(), url="https://b1mg-project.eu/", label="B1MG").full_clean()
