"""Whether a page's queries grow with its data: the one check every list page's test makes."""

import re
from collections import Counter

from django.db import connection
from django.test.utils import CaptureQueriesContext

_VALUES = re.compile(r"'(?:[^']|'')*'|\d+")
_LISTS = re.compile(r"\((?:\?, )+\?\)")


def _shape(sql: str) -> str:
    """A query without its values (nor the numbers in savepoint and cursor names, nor the length of its
    lists): the same query for other rows reads the same."""
    return _LISTS.sub("(?)", _VALUES.sub("?", sql))


def assert_queries_do_not_grow(client, url: str, add_rows, *, few: int = 1, more: int = 9,
                               budget: int | None = None, data=None, prepare=None):
    """Ask for the page at ``url`` after ``add_rows(few)``, then again after ``add_rows(more)``, and fail if
    the second ran another number of queries than the first, listing the queries that differ.

    Before each count, ``prepare()`` runs; by default the page is asked for once more, so that what a first
    visit creates or caches is there both times. ``budget`` caps every request made here, that first visit
    included. Returns the last response."""

    def ask():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url, data)
        assert response.status_code == 200, f"{url}: {response.status_code}"
        queries = [query["sql"] for query in captured.captured_queries]
        assert budget is None or len(queries) <= budget, (
            f"{url} ran {len(queries)} queries, over its budget of {budget}")
        return response, queries

    def count():
        if prepare is None:
            ask()
        else:
            prepare()
        return ask()

    add_rows(few)
    _response, with_few = count()
    add_rows(more)
    response, with_more = count()
    if len(with_more) != len(with_few):
        extra = Counter(map(_shape, with_more)) - Counter(map(_shape, with_few))
        missing = Counter(map(_shape, with_few)) - Counter(map(_shape, with_more))
        lines = [f"{url} ran {len(with_few)} queries after {few} rows were added, {len(with_more)} after "
                 f"{more} more:"]
        lines += [f"  +{times} {sql}" for sql, times in extra.items()]
        lines += [f"  -{times} {sql}" for sql, times in missing.items()]
        raise AssertionError("\n".join(lines))
    return response
