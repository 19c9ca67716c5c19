"""Where people find surveys: the surveys page (in the main menu) and the home page's section list the
surveys open to anyone or to signed-in stakeholders, never invitation-only, closed or unpublished ones."""

import datetime
import re

import pytest
from django.core.management import call_command
from django.utils import timezone

from cms.models import MainMenuItem
from portal.stakeholders.members import restrict_to_members
from surveys.demo import create_demo_survey_index
from surveys.models import SurveyIndexPage, SurveyPage
from tests.factories import ProfileFactory, SurveyPageFactory, approved_stakeholder, small_definition
from tests.queries import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


@pytest.fixture
def home(site):
    create_demo_survey_index()
    return site.home


def titles_listed(html: str) -> list[str]:
    return re.findall(r'<h[23]><a href="[^"]+">([^<]+)</a></h[23]>', html)


def home_section(client) -> str:
    html = client.get("/").text
    if 'id="open-surveys-title"' not in html:
        return ""
    return html.split('id="open-surveys-title"', 1)[1].split("</section>", 1)[0]


def test_only_surveys_open_to_anyone_or_to_stakeholders_are_listed(client, home):
    now = timezone.now()
    day = datetime.timedelta(days=1)
    SurveyPageFactory(parent=home, title="Open to anyone")
    SurveyPageFactory(parent=home, title="For stakeholders", audience=SurveyPage.Audience.STAKEHOLDERS,
                      closes_at=now + day)
    SurveyPageFactory(parent=SurveyIndexPage.objects.get(), title="Filed under the surveys page")
    SurveyPageFactory(parent=home, title="By invitation", audience=SurveyPage.Audience.INVITED)
    SurveyPageFactory(parent=home, title="Closed yesterday", closes_at=now - day)
    SurveyPageFactory(parent=home, title="Opens tomorrow", opens_at=now + day)
    SurveyPageFactory(parent=home, title="Unpublished").unpublish()
    no_version = small_definition(privacy_statement_url="")
    SurveyPageFactory(parent=home, title="Not ready", definition=no_version)

    assert not SurveyPage.objects.get(slug="not-ready").versions.exists()

    page = client.get("/surveys/").text

    # Closing first at the top, then by title.
    assert titles_listed(page) == ["For stakeholders", "Filed under the surveys page", "Open to anyone"]
    assert "For signed-in stakeholders" in page
    assert "3 surveys open for answers" in page
    assert titles_listed(home_section(client)) == [
        "For stakeholders", "Filed under the surveys page", "Open to anyone",
    ]
    assert '<a href="/surveys/">All open surveys</a>' in home_section(client)


def test_an_invitation_only_survey_is_never_listed_even_to_its_invited_people(client, home):
    from surveys.invitations import invite

    survey = SurveyPageFactory(parent=home, title="By invitation", audience=SurveyPage.Audience.INVITED)
    profile = ProfileFactory(status="approved")
    invite(survey, [profile.user.email])
    client.force_login(profile.user)

    assert "By invitation" not in client.get("/surveys/").text
    assert home_section(client) == ""
    assert "0 surveys open for answers" in client.get("/surveys/").text


def test_a_survey_in_the_members_area_is_listed_to_members_only(client, home):
    survey = SurveyPageFactory(parent=home, title="For members")
    restrict_to_members(survey)

    assert "For members" not in client.get("/surveys/").text
    member = approved_stakeholder()
    client.force_login(member)
    assert titles_listed(client.get("/surveys/").text) == ["For members"]


def test_the_surveys_page_paginates(client, home):
    for number in range(12):
        SurveyPageFactory(parent=home, title=f"Survey {number:02}")

    first = titles_listed(client.get("/surveys/").text)
    second = titles_listed(client.get("/surveys/", {"page": 2}).text)

    assert first == [f"Survey {number:02}" for number in range(10)]
    assert second == ["Survey 10", "Survey 11"]
    assert titles_listed(client.get("/surveys/", {"page": "x"}).text) == first


def test_the_home_page_shows_three_open_surveys_and_nothing_when_none_is_open(client, home):
    assert home_section(client) == ""
    for number in range(4):
        SurveyPageFactory(parent=home, title=f"Survey {number}")

    assert titles_listed(home_section(client)) == ["Survey 0", "Survey 1", "Survey 2"]


def test_the_demo_puts_the_surveys_page_in_the_main_menu_once(
    client, settings, tmp_path, django_assert_max_num_queries
):
    settings.BASE_DIR = tmp_path
    call_command("load_demo_content")
    for address in ("/", "/surveys/"):
        with django_assert_max_num_queries(20):  # the budget of every content page
            assert client.get(address).status_code == 200

    menu = client.get("/").text.split('<nav aria-label="Main">', 1)[1].split("</nav>", 1)[0]
    assert '<a href="/surveys/">Surveys</a>' in menu
    surveys_page = client.get("/surveys/").text
    assert titles_listed(surveys_page) == ["1+MG - Survey on accessible genomes - July 2020"]
    assert titles_listed(home_section(client)) == ["1+MG - Survey on accessible genomes - July 2020"]

    # A coordinator takes it out of the menu and renames the page: loading again changes neither.
    MainMenuItem.objects.filter(page__slug="surveys").delete()
    index = SurveyIndexPage.objects.get()
    index.title = "Consultations"
    index.save_revision().publish()
    call_command("load_demo_content")

    assert SurveyIndexPage.objects.get().title == "Consultations"
    assert not MainMenuItem.objects.filter(page__slug="surveys").exists()


def test_the_surveys_page_query_count_does_not_grow_with_the_number_of_surveys(client, home):
    def add_surveys(count):
        for _ in range(count):
            SurveyPageFactory(parent=home, title=f"Survey {SurveyPage.objects.count()}")

    response = assert_queries_do_not_grow(client, "/surveys/", add_surveys, budget=20)
    assert len(titles_listed(response.text)) == 10


def test_the_admin_page_listing_runs_the_same_queries_however_many_surveys(coordinator_client, home):
    """Each survey in the listing has its results and transfer menu items, decided without a query."""
    def add_surveys(count):
        for _ in range(count):
            SurveyPageFactory(parent=home, title=f"Survey {SurveyPage.objects.count()}")

    response = assert_queries_do_not_grow(coordinator_client, f"/admin/pages/{home.pk}/", add_surveys,
                                          budget=50)
    assert response.text.count("/results/") >= 10
