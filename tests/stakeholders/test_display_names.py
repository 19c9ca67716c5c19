"""People are shown by name (or else by address), never by the random username the portal gives them."""

import re
import uuid

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Page, Workflow

from portal.mirror_groups.models import MirrorGroup, Sector
from portal.stakeholders.display import user_display
from tests.factories import ApplicationFactory, MembershipFactory, UserFactory, coordinator
from tests.helpers import path_in, sign_in
from tests.services import queued_mail
from tests.stakeholders.test_profile import profile_data
from tests.stakeholders.test_signup import sign_up

pytestmark = pytest.mark.django_db
User = get_user_model()
RANDOM_USERNAME = re.compile(r"^[0-9a-f]{32}$")  # uuid4().hex, as the allauth adapter makes them

PUBLIC_PAGES = ["/", "/about/", "/news/", "/clusters/", "/clusters/academics/", "/mirror-groups/",
                "/mirror-groups/pt/", "/privacy/", "/search/?q=genomes"]
OWN_PAGES = ["/my/", "/my/profile/", "/my/data/", "/accounts/email/", "/accounts/password/change/"]


def random_usernames() -> list[str]:
    return [name for name in User.objects.values_list("username", flat=True) if RANDOM_USERNAME.match(name)]


def assert_no_username_in(client, paths):
    usernames = random_usernames()
    assert usernames, "nobody with a random username: the test would prove nothing"
    showing = []
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        showing += [path for username in usernames if username in response.text]
    assert not showing, f"random usernames shown on {showing}"


@pytest.fixture
def portal():
    MirrorGroup.objects.create(country_id=profile_data()["country"])


def register(client):
    """Ana signs up, confirms her address and completes her profile, as a newcomer does."""
    sign_up(client)
    signed_in = client.post(path_in(queued_mail()[-1], "/accounts/confirm-email/"), follow=True)
    client.post("/my/profile/", profile_data())
    return User.objects.get(email="ana.silva@example.org"), signed_in


def test_signing_in_greets_the_person_by_name_not_by_username(client, portal):
    person, signed_in = register(client)

    assert RANDOM_USERNAME.match(person.username)
    assert "Successfully signed in as Ana Silva." in signed_in.text
    assert person.username not in signed_in.text
    client.logout()
    again = sign_in(client, "ana.silva@example.org", "genomes-for-europe-2026", follow=True)
    assert "Successfully signed in as Ana Silva." in again.text
    assert_no_username_in(client, PUBLIC_PAGES + OWN_PAGES)


def test_without_a_name_a_person_is_shown_by_address():
    person = UserFactory.build(username=uuid.uuid4().hex, first_name="", last_name="",
                               email="no.name@example.org")

    assert user_display(person) == str(person) == "no.name@example.org"


def test_the_admin_shows_a_stakeholders_name_wherever_their_work_appears(client, portal):
    person, _ = register(client)
    client.logout()
    # Ana also helps the coordinators: she publishes a page, leaves a draft, submits it for moderation
    # and locks another page.
    person.groups.add(Group.objects.get(name="Coordinators"))
    about = Page.objects.get(slug="about").specific
    about.save_revision(user=person, log_action=True).publish(user=person)
    about.title = "About 1+MG"
    about.save_revision(user=person, log_action=True)
    Workflow.objects.get(active=True, workflow_pages__page__depth=1).start(about, person)
    news = Page.objects.get(slug="news").specific
    news.locked, news.locked_by, news.locked_at = True, person, timezone.now()
    news.save()
    log(news, "wagtail.lock", user=person)
    group = MirrorGroup.objects.get()
    application = ApplicationFactory(group=group, applicant=person, sector=Sector.RESEARCH, region="Norte",
                                     organisation="INSA", motivation="Rare diseases.")
    membership = MembershipFactory(group=group, user=person, name="Ana Silva", region="Norte")
    # The coordinator registered through the portal too, so their own username is random as well.
    client.force_login(coordinator(username=uuid.uuid4().hex, first_name="Olga", last_name="Costa"))
    profile_pk = person.stakeholder_profile.pk

    assert_no_username_in(client, PUBLIC_PAGES + [
        "/admin/", "/admin/account/",
        "/admin/pages/", f"/admin/pages/{about.get_parent().pk}/", f"/admin/pages/{about.pk}/edit/",
        f"/admin/pages/{about.pk}/history/", f"/admin/pages/{about.pk}/workflow_history/",
        f"/admin/pages/{news.pk}/edit/",
        "/admin/reports/site-history/", "/admin/reports/locked/", "/admin/reports/aging-pages/",
        "/admin/reports/workflow/", "/admin/reports/workflow_tasks/",
        "/admin/stakeholders/", f"/admin/stakeholders/inspect/{profile_pk}/",
        "/admin/mirror-groups/applications/", f"/admin/mirror-groups/applications/inspect/{application.pk}/",
        f"/admin/mirror-groups/applications/decide/{application.pk}/accept/",
        f"/admin/mirror-groups/members/inspect/{membership.pk}/",
    ])
    reports = client.get("/admin/reports/aging-pages/").text + client.get("/admin/reports/locked/").text
    assert "Ana Silva" in reports
    export = client.get("/admin/reports/aging-pages/?export=csv")
    exported = b"".join(export.streaming_content).decode() if export.streaming else export.text
    assert "Ana Silva" in exported and person.username not in exported
