"""Who reaches a survey's results, statistics and exports, which hold respondents' names and addresses:
those who may publish the survey page (coordinators), not those who may only edit it (editors)."""
# ruff: noqa: F811  (the fixtures come from test_results.py)

import pytest

from surveys import exports
from surveys.models import ResponseExport
from tests.factories import coordinator, editor

from .test_results import answered, people  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def export(answered):
    return exports.run_export(exports.request_export(answered, "csv", coordinator()).pk)


def results_url(survey) -> str:
    return f"/admin/surveys/{survey.pk}/results/"


def every_view(survey, export) -> list[str]:
    url = results_url(survey)
    return [url, f"{url}answers/describe/", f"{url}codebook.csv", f"{url}exports/{export.pk}/"]


def test_editors_reach_no_results_statistics_export_or_download(client, answered, export):
    user = editor()
    assert answered.permissions_for_user(user).can_edit()  # they do edit the survey itself
    client.force_login(user)

    for url in every_view(answered, export):
        reply = client.get(url)
        assert reply.status_code in {302, 403}, url
        assert not getattr(reply, "streaming", False), url
        assert b"Deep WGS" not in reply.content and b"lab@example.org" not in reply.content, url
    asked = client.post(results_url(answered) + "export/", {"format": "xlsx"})

    assert asked.status_code in {302, 403}
    assert ResponseExport.objects.count() == 1


def test_editors_see_no_results_button_nor_menu_item(client, answered):
    client.force_login(editor())
    editing = client.get(f"/admin/pages/{answered.pk}/edit/")
    listing = client.get(f"/admin/pages/{answered.get_parent().pk}/")

    assert editing.status_code == listing.status_code == 200
    assert results_url(answered) not in editing.text
    assert results_url(answered) not in listing.text
    assert f"/admin/surveys/{answered.pk}/invitations/" not in editing.text  # invitees' addresses either


def test_coordinators_reach_every_view_button_and_menu_item(client, answered, export):
    client.force_login(coordinator())

    for url in every_view(answered, export):
        assert client.get(url).status_code == 200, url
    assert client.post(results_url(answered) + "export/", {"format": "xlsx"}).status_code == 302
    assert ResponseExport.objects.count() == 2
    assert results_url(answered) in client.get(f"/admin/pages/{answered.pk}/edit/").text
    assert results_url(answered) in client.get(f"/admin/pages/{answered.get_parent().pk}/").text
