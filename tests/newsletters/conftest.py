import re

import pytest

from newsletters.models import Topic


def make_topics():
    return [
        Topic.objects.create(slug="general", name="General newsletter", is_general=True, order=0),
        Topic.objects.create(slug="rare-diseases", name="Rare diseases", order=10),
        Topic.objects.create(slug="cancer", name="Cancer", order=20),
    ]


@pytest.fixture
def topics(db):
    return make_topics()


def link_in(message, pattern=r"https?://\S+/newsletter/confirm/\S+/"):
    found = re.search(pattern, message.body)
    assert found, message.body
    return found.group(0)
