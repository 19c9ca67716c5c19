import pytest

from newsletters.demo import create_demo_archive, create_demo_topics
from newsletters.models import NewsletterIssuePage, Topic
from surveys.demo import create_demo_survey

pytestmark = pytest.mark.django_db


def test_demo_topics_load_twice_and_keep_edits():
    created = create_demo_topics()
    assert "General newsletter" in created and "Cancer" in created and "For academics" in created
    assert Topic.objects.get(is_general=True).slug == "general"
    assert Topic.objects.get(slug="disease-cancer").disease_area.slug == "cancer"
    Topic.objects.filter(slug="general").update(name="The B1MG newsletter")
    assert create_demo_topics() == []
    assert Topic.objects.get(slug="general").name == "The B1MG newsletter"


def test_the_demo_archive_shows_its_example_issue_beside_the_subscription_form(client):
    create_demo_survey()
    assert create_demo_archive() == ["newsletter archive", "example issue"]
    assert create_demo_archive() == []

    archive = client.get("/newsletter-archive/").text
    assert "Example issue: the stakeholder newsletter" in archive
    assert 'href="/newsletter/"' in archive  # subscribing, one click away
    issue = client.get(NewsletterIssuePage.objects.get().url).text
    assert "What this newsletter brings" in issue and "/accessible-genomes-survey/" in issue
    assert "Subscribe" in client.get("/newsletter/").text
