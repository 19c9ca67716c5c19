"""The demo survey of `make run`: the 1+MG Survey on accessible genomes, open to anyone, fictional answers
to it with its public results on, and the surveys page that lists it, in the main menu."""

import random
from datetime import timedelta

from django.utils import timezone
from wagtail.models import Site

from portal.core.demo import CONTENT, created, register

from .definition import DEFINITIONS_DIR, load_definition
from .models import Response, SurveyIndexPage, SurveyPage, new_contribution_id

ACCESSIBLE_GENOMES = DEFINITIONS_DIR / "accessible_genomes_2020.json"


def create_demo_survey() -> list[str]:
    from cms.models import HomePage

    home = HomePage.objects.first()
    if home is None or SurveyPage.objects.filter(slug="accessible-genomes-survey").exists():
        return []
    definition = load_definition(ACCESSIBLE_GENOMES)
    survey = home.add_child(instance=SurveyPage(
        title=definition["title"], slug="accessible-genomes-survey", definition=definition,
        intro="<p>First run on the European Commission's EUSurvey in July 2020, now on the portal.</p>",
    ))
    survey.save_revision().publish()  # freezes version 1 (surveys.signals)
    return ["accessible genomes survey"]


DEMO_RESPONSES = 40
# Most fictional respondents come from a few countries, so that their figures pass the public results'
# small-count suppression and the dashboard shows them.
DEMO_COUNTRIES = ["be", "de", "es", "fi", "it", "nl", "pt"]


def create_demo_responses() -> list[str]:
    """Fictional submitted answers to the demo survey, so that `make run` shows its results, charts,
    exports, public page and open-data API; then its public results are switched on. Made once: a survey
    that has any response keeps what it has."""
    survey = SurveyPage.objects.filter(slug="accessible-genomes-survey").first()
    version = survey.current_version() if survey else None
    if version is None or survey.responses.exists():
        return []
    chance = random.Random(2020)  # the same demo on every machine
    now = timezone.now()
    for number in range(1, DEMO_RESPONSES + 1):
        submitted = now - timedelta(days=chance.randint(0, 60), minutes=chance.randint(0, 600))
        Response.objects.create(  # its answer items follow (surveys.signals)
            survey=survey, version=version, status=Response.Status.SUBMITTED,
            contribution_id=new_contribution_id(), answers=_demo_answers(version.definition, number, chance),
            submitted_at=submitted, updated_at=submitted,
        )
    page = survey.get_latest_revision_as_object()
    page.public_results = True
    page.save_revision().publish()  # the same definition: no new version
    return [f"{DEMO_RESPONSES} fictional responses to the accessible genomes survey, its public results on"]


def _demo_answers(definition: dict, number: int, chance: random.Random) -> dict:
    answers = {}
    for section in definition["sections"]:
        if section.get("repeat"):
            continue
        for question in section["questions"]:
            names = [choice["name"] for choice in question.get("choices", [])]
            if question["name"] == "country":
                answers["country"] = chance.choice(DEMO_COUNTRIES)
            elif question["type"] == "single_choice":
                answers[question["name"]] = chance.choice(names)
            elif question["type"] == "multiple_choice":
                answers[question["name"]] = chance.sample(names, chance.randint(1, min(2, len(names))))
            elif question["type"] == "email":
                answers[question["name"]] = f"respondent{number}@example.org"
            elif question.get("required") and not question.get("condition"):
                answers[question["name"]] = f"Fictional answer {number}"
    return answers


def create_demo_survey_index() -> list[str]:
    """The surveys page (/surveys/), made once and then added to the end of the main menu: a
    coordinator who moves it, renames it or takes it out of the menu keeps it that way."""
    from cms.models import HomePage, MainMenu, MainMenuItem

    home = HomePage.objects.first()
    if home is None or SurveyIndexPage.objects.exists():
        return []
    index = home.add_child(instance=SurveyIndexPage(
        title="Surveys", slug="surveys",
        intro="<p>Surveys of the 1+MG initiative open for answers. Your answers are saved on every page, "
              "so you can stop and come back; surveys you are invited to are listed on "
              "<em>My portal</em>.</p>",
    ))
    index.save_revision().publish()
    created = ["surveys page"]
    site = Site.objects.filter(root_page=home).first()
    menu = MainMenu.objects.filter(site=site).first() if site else None
    if menu is not None:
        MainMenuItem.objects.create(menu=menu, page=index, sort_order=menu.items.count())
        created.append("the surveys page in the main menu")
    return created


def register_demo_steps() -> None:
    register("surveys.survey", order=CONTENT, create=lambda: created("Surveys", create_demo_survey()))
    register("surveys.responses", order=CONTENT + 1,
             create=lambda: created("Survey responses", create_demo_responses()))
    register("surveys.index", order=CONTENT + 2,
             create=lambda: created("Surveys page", create_demo_survey_index()))
