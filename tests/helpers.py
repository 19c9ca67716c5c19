"""Helpers the tests share: signing in through allauth's form, the mail a test SMTP server received, the
links in a message, Celery without its broker, and every address of the portal (its URL patterns and the
routes of its Wagtail pages)."""

import re
import time
from contextlib import contextmanager
from email.message import EmailMessage as ReceivedMessage
from typing import NamedTuple
from urllib.parse import urlparse

from django.apps import apps
from django.urls import URLResolver, get_resolver
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

from tests.factories.accounts import PASSWORD
from tests.services import free_port


def sign_in(client, person, password=PASSWORD, *, next_path="", **extra):
    """Sign in as people do, through allauth's form: force_login skips what signing in records (the time,
    the password's check, the second factor's step). `person` is a user or an address; `extra` goes to
    the test client (headers, follow=True)."""
    url = "/accounts/login/" + (f"?next={next_path}" if next_path else "")
    return client.post(url, {"login": getattr(person, "email", person), "password": password}, **extra)


def recipients(server) -> list[str]:
    """The To of every message the SMTP server received, sorted."""
    return sorted(message["To"] for message in server.messages())


def mails_to(server, address, subject) -> list[ReceivedMessage]:
    return [
        message for message in server.messages()
        if address in message["To"] and subject in message["Subject"]
    ]


def wait_for_mail(server, address, subject, timeout=10.0) -> list[ReceivedMessage]:
    """Poll the SMTP server until a message to `address` whose subject contains `subject` arrives."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if found := mails_to(server, address, subject):
            return found
        time.sleep(0.05)
    seen = [(m["To"], m["Subject"]) for m in server.messages()]
    raise AssertionError(f"No mail {subject!r} to {address} within {timeout} s; received: {seen}")


def _text_of(message) -> str:
    if isinstance(message, str):
        return message
    if isinstance(message, ReceivedMessage):
        return message.get_body(preferencelist=("plain",)).get_content()
    return message.body


def link_in(message, path: str) -> str:
    """The address in the message that leads below `path` (its first part), asserting there is one. The
    message is a text, a message the portal queued or one an SMTP server received (its plain text part)."""
    text = _text_of(message)
    found = re.search(rf"https?://\S+{re.escape(path)}\S+", text)
    assert found, f"no link to {path} in:\n{text}"
    return found.group(0)


def path_in(message, path: str) -> str:
    """The same link's path, for the test client."""
    return urlparse(link_in(message, path)).path


def drop_celery_pools(app) -> None:
    """Celery keeps its pools for the broker address they were made for: drop them so the next publish uses
    the address now set (kombu keeps each address's pools, so nothing is closed here)."""
    app._pool = None
    app.amqp._producer_pool = None


@contextmanager
def broker_down():
    """Celery as in production (tasks queued, not run eagerly), its broker an address where nothing
    listens."""
    from portal.celery import app

    saved = app.conf.broker_url, app.conf.task_always_eager
    app.conf.update(task_always_eager=False, broker_url=f"redis://127.0.0.1:{free_port()}/0")
    drop_celery_pools(app)
    try:
        yield app
    finally:
        app.conf.broker_url, app.conf.task_always_eager = saved
        drop_celery_pools(app)


class Address(NamedTuple):
    route: str
    in_admin: bool  # whether Wagtail's admin holds it
    name: str | None  # with its namespaces ("forum:questions"), for reverse()


def url_patterns(patterns=None, prefix="", in_admin=False, namespace=""):
    """Every pattern of portal.urls."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from url_patterns(pattern.url_patterns, route,
                                    in_admin or pattern.urlconf_name is wagtailadmin_urls, inner)
        else:
            yield Address(route, in_admin, namespace + pattern.name if pattern.name else None)


def page_types() -> set[type[Page]]:
    return {model for model in apps.get_models() if issubclass(model, Page) and model is not Page}


def page_routes() -> set[tuple[type[Page], str]]:
    """(page type, route name) for every route of the page types that have some (RoutablePageMixin)."""
    return {(model, pattern.name) for model in page_types() if issubclass(model, RoutablePageMixin)
            for pattern in model.get_subpage_urls()}
