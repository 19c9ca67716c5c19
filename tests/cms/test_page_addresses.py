"""A page under the home page cannot take an address the portal serves itself (it would never be shown)."""

import pytest

from tests.factories import home_page

pytestmark = pytest.mark.django_db


def add_archive(client, slug):
    return client.post(f"/admin/pages/add/newsletters/newsletterindexpage/{home_page().pk}/",
                       {"title": "Newsletter", "slug": slug, "intro": "", "action-publish": "publish"})


@pytest.mark.parametrize("slug", ["newsletter", "admin", "my", "search", "mirror-groups"])
def test_a_slug_the_portal_serves_is_refused_with_a_way_out(admin_client, slug):
    from newsletters.models import NewsletterIndexPage

    reply = add_archive(admin_client, slug)

    assert reply.status_code == 200  # the form again, with its error
    assert f"The portal uses the address /{slug}/ for something else" in reply.text
    assert f"{slug}-page" in reply.text
    assert not NewsletterIndexPage.objects.exists()


def test_a_free_slug_is_taken_and_the_page_is_served_there(admin_client, client):
    reply = add_archive(admin_client, "newsletter-archive")

    assert reply.status_code == 302
    assert "No issue has been published yet." in client.get("/newsletter-archive/").text
