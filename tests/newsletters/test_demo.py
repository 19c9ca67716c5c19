import pytest

from newsletters.demo import create_demo_topics
from newsletters.models import Topic
from portal.initiative.loading import load_reference_data

pytestmark = pytest.mark.django_db


def test_demo_topics_load_twice_and_keep_edits():
    load_reference_data()
    created = create_demo_topics()
    assert "General newsletter" in created and "Cancer" in created and "For academics" in created
    assert Topic.objects.get(is_general=True).slug == "general"
    assert Topic.objects.get(slug="disease-cancer").disease_area.slug == "cancer"
    Topic.objects.filter(slug="general").update(name="The B1MG newsletter")
    assert create_demo_topics() == []
    assert Topic.objects.get(slug="general").name == "The B1MG newsletter"
