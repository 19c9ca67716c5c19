"""The newsletter archive lists the issues sent, newest first, ten a page, at a cost that does not grow
with the number of issues."""

import re

import pytest

from newsletters.models import NewsletterIndexPage
from tests.factories import NewsletterIndexPageFactory, NewsletterIssuePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def archive():
    return NewsletterIndexPageFactory(title="Newsletter archive", slug="newsletter-archive")


def listed(html: str) -> list[str]:
    return re.findall(r'<h2><a href="[^"]+">([^<]+)</a></h2>', html)


def archive_url() -> str:
    return NewsletterIndexPage.objects.get().url


def test_the_archive_shows_ten_issues_a_page_newest_first(client):
    for number in range(12):
        NewsletterIssuePageFactory(title=f"Issue {number}")

    first = client.get(archive_url())
    second = client.get(archive_url(), {"page": 2})

    assert listed(first.text) == [f"Issue {number}" for number in range(11, 1, -1)]
    assert "Page 1 of 2" in first.text
    assert listed(second.text) == ["Issue 1", "Issue 0"]


def test_the_archive_query_count_does_not_grow_with_the_number_of_issues(
    client, django_assert_max_num_queries
):
    NewsletterIssuePageFactory(title="Issue 0")
    with django_assert_max_num_queries(20) as few:
        client.get(archive_url())

    for number in range(1, 10):
        NewsletterIssuePageFactory(title=f"Issue {number}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(archive_url())
    assert len(listed(response.text)) == 10
