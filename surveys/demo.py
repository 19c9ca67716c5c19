"""The demo survey of `make run`: the 1+MG Survey on accessible genomes, open to anyone, and the surveys
page that lists it, in the main menu."""

from wagtail.models import Site

from portal.core.demo import CONTENT, created, register

from .definition import DEFINITIONS_DIR, load_definition
from .models import SurveyIndexPage, SurveyPage

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
    register("surveys.index", order=CONTENT + 1,
             create=lambda: created("Surveys page", create_demo_survey_index()))
