"""Demo newsletter content: topics (the general newsletter, some stakeholder clusters, the disease areas),
and the archive with an example issue a coordinator can preview and send."""

from wagtail.rich_text import RichText

from portal.core.demo import CONTENT, PEOPLE, created, register
from portal.initiative.models import DiseaseArea, StakeholderCluster

from .models import NewsletterIndexPage, NewsletterIssuePage, Topic

CLUSTERS = ["patient-organisations", "academics", "industry", "policy-makers"]


def create_demo_topics() -> list[str]:
    """Make the topics that are missing; those there already are left as coordinators edited them."""
    wanted = [{"slug": "general", "name": "General newsletter", "is_general": True, "order": 0,
               "description": "News of the 1+MG initiative for all its stakeholders."}]
    for order, cluster in enumerate(StakeholderCluster.objects.filter(slug__in=CLUSTERS), start=10):
        wanted.append({"slug": f"cluster-{cluster.slug}", "name": f"For {cluster.name.lower()}",
                       "cluster": cluster, "order": order})
    for order, area in enumerate(DiseaseArea.objects.order_by("name"), start=50):
        wanted.append({"slug": f"disease-{area.slug}", "name": area.name, "disease_area": area,
                       "order": order})
    created = []
    for fields in wanted:
        slug = fields.pop("slug")
        if Topic.objects.filter(slug=slug).exists() or Topic.objects.filter(name=fields["name"]).exists():
            continue
        Topic.objects.create(slug=slug, **fields)
        created.append(fields["name"])
    return created


def create_demo_archive() -> list[str]:
    """The archive at /newsletter-archive/ (/newsletter/ is the subscription form) and an example issue."""
    from cms.models import HomePage
    from surveys.models import SurveyPage

    home = HomePage.objects.first()
    if home is None or NewsletterIndexPage.objects.exists():
        return []
    archive = home.add_child(instance=NewsletterIndexPage(
        title="Newsletter archive", slug="newsletter-archive",
        intro="The issues of the 1+MG stakeholder newsletter.",
    ))
    archive.save_revision().publish()
    body = [
        ("heading", {"level": "h2", "text": "What this newsletter brings"}),
        ("paragraph", RichText(
            "<p>Coordinators write each issue as a page under the newsletter archive, look at it as an "
            "email, send a test copy to themselves, and then send it to the subscribers of the topics "
            "they choose. This example is there to try it out.</p>")),
    ]
    survey = SurveyPage.objects.live().first()
    if survey is not None:
        body.append(("link", {"label": survey.title[:60], "page": survey, "url": ""}))
    issue = archive.add_child(instance=NewsletterIssuePage(
        title="Example issue: the stakeholder newsletter", slug="example-issue",
        summary="How issues are written and sent.", body=body,
    ))
    issue.save_revision().publish()
    return ["newsletter archive", "example issue"]


def register_demo_steps() -> None:
    register("newsletters.archive", order=CONTENT + 2,
             create=lambda: created("Newsletter archive", create_demo_archive()))
    register("newsletters.topics", order=PEOPLE,
             create=lambda: created("Newsletter topics", create_demo_topics()))
