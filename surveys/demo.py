"""The demo survey of `make run`: the 1+MG Survey on accessible genomes, open to anyone."""

from .definition import DEFINITIONS_DIR, load_definition
from .models import SurveyPage

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
