import os
import time
from typing import TYPE_CHECKING, NamedTuple

import pytest
from django.conf import settings as django_settings

from tests.helpers import drop_celery_pools
from tests.services import CI, SMTPServer, port_open, require

if TYPE_CHECKING:
    from wagtail.models import Site

    from cms.models import HomePage

# Playwright's sync API runs an event loop in the test thread; Django's ORM must still be usable.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]


def _test_redis_url() -> str:
    """Each run on one machine (a helper's, each pytest-xdist worker's) flushes only its own Redis database:
    TEST_REDIS_URL names the first, and worker gwN takes the N+1st after it."""
    url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/12")
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker:
        return url
    server, number = url.rsplit("/", 1)
    return f"{server}/{int(number) + 1 + int(worker.removeprefix('gw'))}"


TEST_REDIS_URL = _test_redis_url()


def pytest_report_header(config):
    engine = django_settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    notice = "" if os.environ.get("DATABASE_URL") else " (DATABASE_URL not set: SQLite, not what CI runs)"
    return f"database: {engine}{notice}; CI={CI}"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The world most tests stand on, built once a run: the reference data and the demo page tree. Each
    test rolls back on top of it; transactional tests (live server, workers) get it back from the
    serialised copy, taken again here since Django took the first before the world was built."""
    from django.db import connections

    from cms.demo import create_demo_pages
    from portal.initiative.loading import load_reference_data

    with django_db_blocker.unblock():
        load_reference_data()
        create_demo_pages()
        for connection in connections.all():
            if hasattr(connection, "_test_serialized_contents"):
                connection._test_serialized_contents = connection.creation.serialize_db_to_string()


class PageTree(NamedTuple):
    home: "HomePage"
    site: "Site"


@pytest.fixture
def site(db) -> PageTree:
    """The home page and the default Site of the run's world, for a test that needs only a page tree."""
    from wagtail.models import Site

    default = Site.objects.select_related("root_page").get(is_default_site=True)
    return PageTree(home=default.root_page.specific, site=default)


@pytest.fixture
def coordinator_client(client):
    """The test client, signed in as a coordinator (coordinator@example.org)."""
    from tests.factories import coordinator

    client.force_login(coordinator(email="coordinator@example.org"))
    return client


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Uploaded documents, images and exports, and private files, go to folders of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def fresh_cache():
    """allauth's rate limits live in the cache; each test starts with none used."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def outbox_email(settings):
    """Every test sends mail the way production does: outbox first, then the relay (to mail.outbox)."""
    settings.EMAIL_BACKEND = "portal.outbox.backend.OutboxBackend"
    settings.OUTBOX_RELAY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def relay_to(settings, server: SMTPServer) -> None:
    settings.OUTBOX_RELAY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on loopback; the outbox relays to it."""
    with SMTPServer() as server:
        relay_to(settings, server)
        yield server


@pytest.fixture
def flaky_smtp_server(settings):
    """An SMTP server on loopback that refuses the first two messages with 451, then accepts."""
    with SMTPServer(refuse=2) as server:
        relay_to(settings, server)
        yield server


@pytest.fixture
def redis_broker():
    require(port_open("127.0.0.1", 6379), "Redis is not running on 127.0.0.1:6379")
    from portal.celery import app

    app.conf.broker_url = TEST_REDIS_URL
    drop_celery_pools(app)
    with app.connection_for_write() as connection:
        connection.default_channel.client.flushdb()
    yield app
    with app.connection_for_write() as connection:
        connection.default_channel.client.flushdb()
    app.conf.broker_url = django_settings.CELERY_BROKER_URL
    drop_celery_pools(app)


@pytest.fixture
def redis_cache(settings):
    """Django's cache on the test's own Redis database, as gunicorn's workers share it in production."""
    require(port_open("127.0.0.1", 6379), "Redis is not running on 127.0.0.1:6379")
    from django.core.cache import cache

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                   "LOCATION": TEST_REDIS_URL}}
    cache.clear()
    yield cache
    cache.clear()


@pytest.fixture
def celery_worker(redis_broker, settings):
    """A real Celery worker (in a thread) consuming from the test's own Redis database."""
    from celery.contrib.testing.worker import start_worker

    app = redis_broker
    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.task_always_eager = False
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10) as worker:
        yield worker
    app.conf.task_always_eager = True


@pytest.fixture(scope="session", autouse=True)
def playwright(request):
    """Playwright, started before any test touches the database when the run has browser tests.

    Started lazily, between a transactional test's database set-up (serialized rollback) and the test,
    its event loop left the test writing rows that pointed at content types it could not see
    (foreign-key errors at commit); started first, every test sees its set-up.
    """
    if not any(item.get_closest_marker("browser") for item in request.session.items):
        yield None
        return
    from playwright.sync_api import sync_playwright

    with sync_playwright() as running:
        yield running


@pytest.fixture(scope="session")
def browser(playwright):
    require(os.path.exists(CHROMIUM), f"{CHROMIUM} is missing (apt-get install chromium)")
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def page(browser):
    from playwright.sync_api import expect

    context = browser.new_context()
    page = context.new_page()
    # Actions and assertions wait alike: on 2 shared cores a page can take more than expect's 5 s default
    # (a newsletter audience count did, in CI at a load average of 8.6).
    page.set_default_timeout(15_000)
    expect.set_options(timeout=15_000)
    yield page
    context.close()
    _wait_for_the_live_servers_requests()


def _wait_for_the_live_servers_requests(timeout: float = 10) -> None:
    """A page closed in the middle of a request (a failed test) leaves the live server's thread inside a
    transaction; flushing the database then deadlocked with it in CI, and every later transactional test
    failed. Wait until no other session of the test database is busy."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    deadline = time.monotonic() + timeout
    try:
        with connection.cursor() as cursor:
            while time.monotonic() < deadline:
                cursor.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    "AND pid <> pg_backend_pid() AND state NOT IN ('idle')"
                )
                if cursor.fetchone()[0] == 0:
                    return
                time.sleep(0.1)
    except RuntimeError:
        return  # a test without database access
