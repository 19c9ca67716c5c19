"""The demo's example groups: some meet every rule, some break them; loading twice adds nothing."""

import json

import pytest
from django.core.management import call_command

from cms.models import MainMenuItem
from portal.mirror_groups.demo import GROUPS, create_demo_groups
from portal.mirror_groups.fact_sheet import FACT_SHEET_FILE
from portal.mirror_groups.models import GroupNews, Meeting, Membership, MirrorGroup

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings, tmp_path):
    settings.BASE_DIR = tmp_path
    call_command("load_demo_content")


def test_the_demo_groups_show_both_complete_groups_and_broken_rules(client, demo):
    html = client.get("/mirror-groups/", {"composition": "met"}).text
    met = {iso for iso in GROUPS if f'data-country="{iso}"' in html}
    assert met == {"PT", "FI"}
    for iso, rule in [("IT", "national-contact-point"), ("GR", "size"), ("SI", "industry")]:
        html = client.get("/mirror-groups/", {"composition": rule}).text
        assert f'data-country="{iso}"' in html, rule


def test_the_demo_people_are_examples(demo):
    assert Membership.objects.exists()
    for member in Membership.objects.all():
        assert member.name.endswith(" Example") and member.email.endswith("@example.org")
        assert member.organisation.startswith("Example ")


def test_the_demo_groups_carry_the_fact_sheet(client, demo):
    fact_sheet = json.loads(FACT_SHEET_FILE.read_text())
    assert "NMGs at a glance" in fact_sheet["source"]
    portugal = MirrorGroup.objects.get(country__iso_code="PT")
    assert (portugal.mission, portugal.role, portugal.tasks) == (
        fact_sheet["mission"], fact_sheet["role"], fact_sheet["tasks"])

    html = client.get("/mirror-groups/pt/").text
    assert "Initiative multipliers" in html and "Envision a future framework" in html
    assert "Minutes of the first meeting (example), Portugal" in html


def test_the_directory_is_in_the_main_menu(client, demo):
    menu = client.get("/").text.split('<nav aria-label="Main">', 1)[1].split("</nav>", 1)[0]

    assert '<a href="/mirror-groups/">National Mirror Groups</a>' in menu


def test_loading_twice_creates_nothing_more_and_keeps_edits(demo, settings):
    counts = {model: model.objects.count() for model in (MirrorGroup, Membership, Meeting, GroupNews,
                                                         MainMenuItem)}
    MirrorGroup.objects.filter(country__iso_code="PT").update(mission="Edited by the group.")
    MainMenuItem.objects.filter(url="/mirror-groups/").delete()

    call_command("load_demo_content")

    assert create_demo_groups() == []
    assert MirrorGroup.objects.get(country__iso_code="PT").mission == "Edited by the group."
    counts[MainMenuItem] -= 1  # a coordinator took it out of the menu: it stays out
    assert {model: model.objects.count() for model in counts} == counts
