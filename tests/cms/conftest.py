"""Fixtures of the content tests: the demo content, and pages made to measure."""

import datetime
import itertools

import pytest
from wagtail.models import Collection, CollectionViewRestriction

from cms.demo import create_demo_pages
from cms.models import NewsIndexPage, NewsPage, ResourceIndexPage, ResourcePage
from portal.initiative.loading import load_reference_data

_slugs = itertools.count()


@pytest.fixture
def portal_content():
    load_reference_data()
    create_demo_pages()


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Uploaded documents and images go to a folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"


def add_news(index: NewsIndexPage, count: int = 1, *, date=datetime.date(2022, 10, 1), **fields):
    pages = []
    for _ in range(count):
        number = next(_slugs)
        pages.append(index.add_child(instance=NewsPage(
            title=fields.pop("title", None) or f"News item {number}", slug=f"news-{number}", date=date,
            summary=f"Summary of news item {number}.", **fields,
        )))
    return pages


def add_resources(index: ResourceIndexPage, count: int = 1, *, date=datetime.date(2022, 10, 1), **fields):
    pages = []
    for _ in range(count):
        number = next(_slugs)
        pages.append(index.add_child(instance=ResourcePage(
            title=fields.pop("title", None) or f"Resource {number}", slug=f"resource-{number}", date=date,
            summary=f"Summary of resource {number}.", **fields,
        )))
    return pages


def restricted_collection(name: str = "Members only") -> Collection:
    collection = Collection.get_first_root_node().add_child(name=name)
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    return collection
