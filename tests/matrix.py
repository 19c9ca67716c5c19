"""The permission matrix: roles × addresses × the status each role gets, and the text a role who may not see
it must not find in the answer. A test module builds one `Matrix` for the apps it covers and gets three
checks from it (`matrix.tests()`): every URL pattern of those apps' namespaces (and every route of their
page types) has a row, every row says what every role gets, and each row holds when asked.

    ROLES = {"anonymous": lambda world: None, "stakeholder": lambda world: approved_stakeholder(), ...}
    MATRIX = Matrix(namespaces=["forum"], pages=[], roles=ROLES, rows=[
        Row("forum:questions", args=lambda world: [world["session"].pk],
            expect=statuses(ROLES, 403, anonymous=302, attendee=200, coordinator=200),
            hidden=lambda world: [world["pending"].text], shown_to={"chair", "coordinator"}),
    ])
    test_rows_are_complete, test_every_row_names_every_role, test_row = MATRIX.tests("world")

where `world` is a fixture of the module returning a dict of the objects the rows and roles use.
tests/test_permission_matrix.py is the first such module.

A role is a function of the world (the objects the module's fixture made) that makes its user, or None
for the signed out; it is called only when the row is asked, once a row. Later issues add roles and rows:
a new role fails every row that does not say what it gets.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import Page

from tests.helpers import page_routes, url_patterns

World = dict


@dataclass(frozen=True)
class Row:
    """An address ("namespace:name", or (page type, route name) for a Wagtail page's route, asked under the
    first live page of that type), how the world fills its arguments, the method, the status per role, and
    the text (`hidden`) that no role outside `shown_to` may find in the answer."""

    address: str | tuple[type[Page], str]
    expect: dict[str, int]
    args: Callable[[World], list] = lambda world: []
    method: str = "get"
    data: Callable[[World], dict] = lambda world: {}
    query: str = ""
    hidden: Callable[[World], list[str]] = lambda world: []
    shown_to: frozenset[str] | set[str] = frozenset()
    headers: dict = field(default_factory=dict)
    label: str = ""

    @property
    def id(self) -> str:
        address = self.address if isinstance(self.address, str) else ":".join(
            (self.address[0].__name__, self.address[1]))
        return " ".join(filter(None, [address, self.method.upper(), self.label]))

    def url(self, world: World) -> str:
        if isinstance(self.address, str):
            path = reverse(self.address, args=self.args(world))
        else:
            model, name = self.address
            page = model.objects.live().first()
            path = page.url + page.reverse_subpage(name, args=self.args(world))
        return path + (f"?{self.query}" if self.query else "")


def statuses(roles, default: int, **given: int) -> dict[str, int]:
    """`default` for every role but those given: statuses(ROLES, 403, anonymous=302, coordinator=200)."""
    assert given.keys() <= set(roles), f"unknown roles: {sorted(given.keys() - set(roles))}"
    return {role: given.get(role, default) for role in roles}


def _content(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


class Matrix:
    def __init__(self, *, roles: dict[str, Callable[[World], object]], rows: list[Row], namespaces=(),
                 pages=()):
        self.roles, self.rows, self.namespaces, self.pages = roles, rows, tuple(namespaces), tuple(pages)

    def unlisted(self) -> list[str]:
        """The addresses of the covered apps and page types that no row names."""
        listed = {row.address for row in self.rows}
        names = {address.name for address in url_patterns()
                 if address.name and address.name.split(":")[0] in self.namespaces}
        routes = {route for route in page_routes() if issubclass(route[0], self.pages)}
        return sorted(map(str, (names | routes) - listed))

    def check(self, row: Row, world: World) -> None:
        """Ask for the row's address as every role, each in a client of its own; report every wrong answer."""
        wrong = []
        for role, expected in row.expect.items():
            client = Client()
            user = self.roles[role](world)
            if user is not None:
                client.force_login(user)
            response = getattr(client, row.method)(row.url(world), data=row.data(world), **row.headers)
            if response.status_code != expected:
                wrong.append(f"{role}: {response.status_code}, expected {expected}")
            if role not in row.shown_to:
                content = _content(response)
                wrong += [f"{role} sees {text!r}" for text in row.hidden(world) if text in content]
        assert wrong == [], f"{row.id}: " + "; ".join(wrong)

    def tests(self, world_fixture: str = "world"):
        """The three tests of a module's matrix; assign them to module-level names starting with test_."""
        matrix = self

        def test_rows_are_complete():
            """A new address of a covered app fails here until it has a row."""
            assert matrix.unlisted() == [], "addresses without a row in the permission matrix"

        def test_every_row_names_every_role():
            roles = set(matrix.roles)
            assert {row.id: sorted(roles ^ set(row.expect)) for row in matrix.rows
                    if set(row.expect) != roles} == {}, "rows that miss (or name unknown) roles"

        @pytest.mark.django_db
        @pytest.mark.parametrize("row", matrix.rows, ids=lambda row: row.id)
        def test_row(row, request):
            matrix.check(row, request.getfixturevalue(world_fixture))

        return test_rows_are_complete, test_every_row_names_every_role, test_row
