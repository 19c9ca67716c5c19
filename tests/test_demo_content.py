import pytest
from django.core.management import call_command

from cms.models import HomePage
from portal.initiative.models import StakeholderCluster
from tests.helpers import sign_in

pytestmark = pytest.mark.django_db


def test_demo_content_loads_twice_without_failing_and_keeps_edits(client, tmp_path, settings, capsys):
    settings.BASE_DIR = tmp_path
    call_command("load_demo_content")
    first = capsys.readouterr().out
    home = HomePage.objects.get()
    home.title = "Edited by a coordinator"
    home.save_revision().publish()
    StakeholderCluster.objects.filter(slug="funders").update(description="Edited.")

    call_command("load_demo_content")
    second = capsys.readouterr().out

    assert HomePage.objects.get().title == "Edited by a coordinator"
    assert StakeholderCluster.objects.get(slug="funders").description == "Edited."
    login = [line for line in first.splitlines() if line.startswith("Coordinator login:")]
    assert login and login == [line for line in second.splitlines() if line.startswith("Coordinator login:")]
    assert client.get("/").status_code == 200


def test_the_demo_coordinator_gets_rights_from_the_group_only(client, tmp_path, settings, capsys):
    settings.BASE_DIR = tmp_path
    call_command("load_demo_content")
    email, password = capsys.readouterr().out.split("Coordinator login: ")[1].split()[0:3:2]

    response = sign_in(client, email, password)

    assert response.status_code == 302
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(email=email)
    assert not user.is_superuser and not user.is_staff
    assert [g.name for g in user.groups.all()] == ["Coordinators"]
    assert client.get("/admin/stakeholders/").status_code == 200
    assert client.get("/admin/snippets/initiative/stakeholdercluster/").status_code == 200


def test_a_coordinator_without_a_stakeholder_profile_lands_in_the_admin(client, tmp_path, settings):
    from tests.factories import coordinator

    client.force_login(coordinator())

    assert client.get("/my/")["Location"] == "/admin/"


def test_the_demo_has_a_members_area_and_a_members_document(client, tmp_path, settings):
    from wagtail.documents.models import Document

    settings.BASE_DIR = tmp_path
    call_command("load_demo_content")
    call_command("load_demo_content")

    briefing = Document.objects.get(title="Members' briefing")
    assert briefing.collection.get_view_restrictions().exists()
    assert client.get("/members/")["Location"].startswith("/accounts/login/")
    assert client.get(briefing.url)["Location"].startswith("/accounts/login/")


def test_each_app_adds_its_demo_content_by_registering_a_step(monkeypatch, tmp_path, settings, capsys):
    from portal.core import demo

    settings.BASE_DIR = tmp_path
    monkeypatch.setattr(demo, "_steps", dict(demo._steps))
    demo.register("tests.after_pages", order=demo.PAGES + 1,
                  create=lambda: [f"After pages, the home page is {HomePage.objects.get().title}"])

    call_command("load_demo_content")

    lines = capsys.readouterr().out.splitlines()
    assert "After pages, the home page is 1+MG stakeholder portal" in lines
    assert lines.index("After pages, the home page is 1+MG stakeholder portal") > next(
        number for number, line in enumerate(lines) if line.startswith("Pages: created"))
    apps_with_demo_steps = {step.name.split(".")[0] for step in demo.steps()}
    apps = {"initiative", "cms", "stakeholders", "surveys", "newsletters", "mirror_groups", "recommendations"}
    assert apps <= apps_with_demo_steps
