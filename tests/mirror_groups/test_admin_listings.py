"""The admin's mirror group listings run as many queries for many records as for few, for a coordinator
(every group) and for a group's national contact point (their group)."""

import itertools

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from portal.mirror_groups.models import Role
from tests.factories import coordinator
from tests.queries import assert_queries_do_not_grow

from .admin_setup import application, manager, meeting, member, mirror_group, news

pytestmark = pytest.mark.django_db

_countries = itertools.count()


def other_group():
    number = next(_countries)
    return mirror_group(iso_code=f"Q{chr(65 + number)}", name=f"Country {number}")


def with_minutes(group):
    minutes = Document.objects.create(title="Minutes", file=ContentFile(b"M", name="m.txt"))
    return meeting(group, minutes=minutes)


ADD = {
    "members": lambda group: member(group),
    "applications": lambda group: application(group),
    "meetings": with_minutes,
    "news": lambda group: news(group),
}


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.mark.parametrize("listing", ["members", "applications", "meetings", "news"])
@pytest.mark.parametrize("who", ["coordinator", "national contact point"])
def test_a_listing_runs_the_same_queries_however_many_records(client, listing, who):
    group = mirror_group()
    client.force_login(coordinator() if who == "coordinator" else manager(group, Role.NATIONAL_CONTACT_POINT))

    def add(count):
        for _ in range(count):
            ADD[listing](group)

    assert_queries_do_not_grow(client, f"/admin/mirror-groups/{listing}/", add, budget=40)


def test_the_groups_listing_runs_the_same_queries_however_many_groups(client):
    client.force_login(coordinator())

    def add_groups(count):
        for _ in range(count):
            group = other_group()
            manager(group)
            application(group)

    assert_queries_do_not_grow(client, "/admin/mirror-groups/groups/", add_groups, budget=40)
