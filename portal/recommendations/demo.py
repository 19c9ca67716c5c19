"""Demo content of the tracker for `make run`: its page, and the recommendations three sources state,
copied from the planning folder's seeds (the project never reads them):

- the summary of B1MG D1.4, the report of the Stakeholder Forum 2022 (Zenodo record 7590743, published
  31 January 2023): a continuous exchange with industry to build mutual trust, exploring a set of projects
  such as under IHI, reviewing each disease community's requirements, an infrastructure that supports
  primary and secondary use equally well;
- the slides of 1+MG WG7 at that forum (13 October 2022): industry in every National Mirror Group, use
  cases for industry involvement per disease area, the services needed to support the use of genomic data;
- the policy brief of B1MG's Country Exchange Visits (to the United Kingdom, Finland and Estonia), as Public
  Policy Projects' article on 1+MG summarises it: citizen engagement, infrastructure and regulation,
  training, a sustainable ecosystem (the article names no date for the brief).

The sources say what was recommended; the working groups each is addressed to are our reading of the text,
and every status beyond "proposed" is invented and marked as an example. Created once, never touched again.
"""

import datetime

from portal.core.demo import CONTENT, created, register
from portal.forum.models import Session
from portal.initiative.models import DiseaseArea, WorkingGroup

from .models import Recommendation, RecommendationIndexPage, Source, Status, StatusChange, Theme

FORUM_DAY = datetime.date(2022, 10, 13)
ALL_AREAS = ["rare-disease", "cancer", "common-complex-disease", "infectious-disease"]

THEMES = {"industry": "Industry involvement", "trust": "Trust", "infrastructure": "Infrastructure",
          "citizens": "Citizen engagement", "training": "Training and capacity building",
          "sustainability": "Sustainability", "regulation": "Regulation"}

REPORT, SLIDES, BRIEF = "report", "slides", "brief"
SOURCES = {
    REPORT: {"kind": Source.Kind.REPORT, "date": datetime.date(2023, 1, 31),
             "title": "B1MG D1.4: Report of Stakeholders Forum 2022 including recommendations to the 1+MG "
                      "Working Groups",
             "url": "https://doi.org/10.5281/zenodo.7590743"},
    SLIDES: {"kind": Source.Kind.SLIDES, "date": FORUM_DAY,
             "title": "1+MG WG7 at the Stakeholder Forum 2022: industry involvement", "url": ""},
    BRIEF: {"kind": Source.Kind.POLICY_BRIEF, "date": None,
            "title": "B1MG Country Exchange Visits: policy brief on the barriers to implementing genomics in "
                     "healthcare", "url": ""},
}
# The forum session the slides were shown in, when the forum's demo made it.
SLIDES_SESSION = "Industry engagement in 1+MG (WG7)"

# (source, title, text, working group numbers, disease area slugs, theme slugs, proposed on, invented
# history: (status, days after proposal, note) each)
RECOMMENDATIONS = [
    (REPORT, "A continuous exchange with industry",
     "Build a continuous exchange with industry, to build mutual trust between public and private "
     "stakeholders.", [7], [], ["industry", "trust"], FORUM_DAY,
     [(Status.UNDER_CONSIDERATION, 60, "Example: discussed at the working group's next meeting.")]),
    (REPORT, "Explore a set of projects, such as under IHI",
     "Explore the opportunity to establish a set of projects with industry, such as under the framework of "
     "the Innovative Health Initiative (IHI).", [7], [], ["industry", "sustainability"], FORUM_DAY, []),
    (REPORT, "Review each disease community's requirements",
     "Continuously review, discuss and understand the requirements specific to each disease community, in "
     "order to develop and sustain the 1+MG Trust Framework.", [8, 9, 10, 11], ALL_AREAS, ["trust"],
     FORUM_DAY, []),
    (REPORT, "Support primary and secondary use equally well",
     "The 1+MG infrastructure must be able to support primary use (care) and secondary use (research) "
     "equally well: how entangled research and care are differs between use cases, and in rare diseases "
     "and cancer they are already intertwined.", [5], ["rare-disease", "cancer"], ["infrastructure"],
     FORUM_DAY, []),
    (SLIDES, "Add industry to every National Mirror Group",
     "There is a clear need to add industry to the National Mirror Group of each signatory country.", [7],
     [], ["industry"], FORUM_DAY,
     [(Status.UNDER_CONSIDERATION, 30, "Example: raised with the National Mirror Groups."),
      (Status.ACCEPTED, 120, "Example: the mirror groups' composition rules name industry as a sector."),
      (Status.IN_PROGRESS, 200, "Example: groups without an industry member are asked to add one.")]),
    (SLIDES, "Document use cases for industry involvement",
     "Document relevant use cases for industry involvement in the 1+MG initiative, covering rare disease, "
     "cancer, common and population-level diseases, and COVID-19 and other emerging infectious diseases. "
     "WG7 could support the other working groups, with individual industry experts.", [7, 8, 9, 10, 11],
     ALL_AREAS, ["industry"], FORUM_DAY, []),
    (SLIDES, "Identify the services needed to support the use of genomic data",
     "Identify the services needed to support the use of genomic data and to establish and scale up the "
     "infrastructure.", [7, 5], [], ["industry", "infrastructure"], FORUM_DAY,
     [(Status.DECLINED, 90, "Example: left to the Genomic Data Infrastructure (GDI) project.")]),
    (BRIEF, "Patient and citizen engagement",
     "Run information programmes and communication campaigns to engage and inform citizens; monitor "
     "patients' trust and willingness to take part; involve patient groups in all decisions and steps of "
     "implementing the strategy; ensure patients are represented where genomic efforts are governed.",
     [2, 1], [], ["citizens", "trust"], None, []),
    (BRIEF, "Infrastructure and regulation in healthcare systems",
     "Create an infrastructure with centralised governance and a robust ethical and legal framework; invest "
     "adequately in secure digital technologies and services; build political and multi-stakeholder "
     "support through inter-departmental collaboration and the inclusion of stakeholders at every stage; "
     "agree a standard genomic and health data management plan for sharing data at regional, national and "
     "international levels.", [5, 2], [], ["infrastructure", "regulation"], None, []),
    (BRIEF, "Training and capacity building",
     "Tailor genomics programmes, with online training for professionals with no or limited knowledge, "
     "testing and certifying what they learnt, and competency frameworks to assess the needs of the "
     "existing workforce; invest in genomics professionals (genetic counsellors, clinical geneticists) and "
     "new professions such as medical informaticians; define the roles of these and other professionals.",
     [1], [], ["training"], None,
     [(Status.IMPLEMENTED, 0, "Example: a training programme listed on the portal's resources.")]),
    (BRIEF, "A sustainable ecosystem for genomics in healthcare",
     "Involve all stakeholders in discussing the legal framework needed to promote innovation, foster trust "
     "and avoid data misuse; create an umbrella structure where all stakeholders share knowledge and "
     "support, and research and clinical outcomes are coordinated; include industry's input in health "
     "economic evaluations; embrace the enablers of genomic medicine through legislation and government "
     "support.", [6, 7], [], ["sustainability", "industry", "regulation"], None, []),
]


def _sources() -> dict[str, Source]:
    made = {}
    for key, fields in SOURCES.items():
        session = Session.objects.filter(title=SLIDES_SESSION).first() if key == SLIDES else None
        made[key] = Source.objects.filter(title=fields["title"]).first() or Source.objects.create(
            session=session, **fields)
    return made


def create_demo_recommendations() -> list[str]:
    from cms.models import HomePage

    home = HomePage.objects.first()
    if home is None:
        return []
    made = []
    if not RecommendationIndexPage.objects.exists():
        page = home.add_child(instance=RecommendationIndexPage(
            title="Recommendations", slug="recommendations",
            intro="<p>You said, we did: the recommendations stakeholders made to the 1+MG working groups, "
                  "where each came from, and what became of it.</p>"))
        page.save_revision().publish()
        made.append("the tracker")
    if Recommendation.objects.exists():
        return made
    themes = {slug: Theme.objects.get_or_create(slug=slug, defaults={"name": name})[0]
              for slug, name in THEMES.items()}
    sources = _sources()
    groups = {group.number: group for group in WorkingGroup.objects.all()}
    areas = {area.slug: area for area in DiseaseArea.objects.all()}
    for source, title, text, numbers, area_slugs, theme_slugs, proposed_on, history in RECOMMENDATIONS:
        recommendation = Recommendation.objects.create(
            source=sources[source], title=title, text=text, proposed_on=proposed_on,
            status=history[-1][0] if history else Status.PROPOSED, status_is_example=bool(history))
        recommendation.working_groups.set([groups[number] for number in numbers if number in groups])
        recommendation.disease_areas.set([areas[slug] for slug in area_slugs if slug in areas])
        recommendation.themes.set([themes[slug] for slug in theme_slugs])
        contact_of = groups.get(numbers[0])
        for status, days, note in history:
            StatusChange.objects.create(
                recommendation=recommendation, status=status, note=note,
                date=(proposed_on or datetime.date(2023, 1, 31)) + datetime.timedelta(days=days),
                role=StatusChange.Role.CONTACT, working_group=contact_of)
        made.append(title)
    return made


def register_demo_steps() -> None:
    register("recommendations.tracker", order=CONTENT + 10,
             create=lambda: created("Recommendations", create_demo_recommendations()))
