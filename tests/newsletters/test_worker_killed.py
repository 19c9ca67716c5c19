"""A `celery worker` process killed (SIGKILL) in the middle of a send, then restarted: one copy each."""

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from django.db import connection

from newsletters import sending
from newsletters.models import Delivery
from tests.conftest import TEST_REDIS_URL
from tests.factories import NewsletterIssuePageFactory, TopicFactory, subscribers
from tests.helpers import recipients
from tests.newsletters.helpers import wait_until_done
from tests.services import require

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), pytest.mark.services]
CELERY = Path(sys.executable).with_name("celery")


def start_worker(smtp_port: int, log: Path) -> subprocess.Popen:
    database = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test", "CELERY_TASK_ALWAYS_EAGER": "false",
        "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}",
        "CELERY_BROKER_URL": TEST_REDIS_URL,
        "EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(smtp_port),
        # Short, so that the test sees the recovery: a killed worker's task comes back after the
        # visibility timeout, and its rows left `sending` are claimed again after the claim timeout.
        "CELERY_VISIBILITY_TIMEOUT": "3", "NEWSLETTER_CLAIM_TIMEOUT": "2", "NEWSLETTER_BATCH_SIZE": "50",
    }
    return subprocess.Popen(
        [str(CELERY), "-A", "portal", "worker", "--pool=solo", "--loglevel=warning", "--without-heartbeat",
         "--without-gossip", "--without-mingle"],
        env=env, stdout=log.open("ab"), stderr=subprocess.STDOUT, start_new_session=True,
    )


def test_a_worker_killed_mid_send_and_restarted_still_sends_one_copy_each(
        redis_broker, smtp_server, settings, tmp_path):
    require(connection.vendor == "postgresql", "the worker process needs the test database on PostgreSQL")
    settings.CELERY_TASK_ALWAYS_EAGER = False
    redis_broker.conf.task_always_eager = False
    settings.NEWSLETTER_CLAIM_TIMEOUT = 2
    general = TopicFactory()
    readers = subscribers(1000, [general])
    log = tmp_path / "worker.log"
    worker = start_worker(smtp_server.port, log)
    try:
        send, _ = sending.request_send(NewsletterIssuePageFactory(), [general])
        deadline = time.monotonic() + 60
        while len(smtp_server.handler.received) < 300 and time.monotonic() < deadline:
            time.sleep(0.01)
        assert worker.poll() is None, log.read_text()
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait()
        killed_at = len(smtp_server.handler.received)
        assert 300 <= killed_at < 1000
        assert Delivery.objects.filter(send=send, status="sent").count() < 1000

        worker = start_worker(smtp_server.port, log)
        from newsletters.tasks import start_due_sends

        wait_until_done(send, timeout=90, poke=start_due_sends.delay)
    finally:
        if worker.poll() is None:
            os.kill(worker.pid, signal.SIGTERM)
            worker.wait(timeout=20)
        redis_broker.conf.task_always_eager = True

    received = Counter(recipients(smtp_server))
    assert set(received) == {reader.email for reader in readers}
    assert set(received.values()) == {1}
