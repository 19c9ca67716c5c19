"""Runs the tasks of Celery beat's schedule in a loop, for `make run`, which has no broker or beat."""

import logging
import time

from celery import current_app
from django.conf import settings
from django.core.management.base import BaseCommand

logger = logging.getLogger(__name__)


def run_due_tasks(last_run: dict[str, float], now: float) -> list[str]:
    """Call each scheduled task whose interval has passed since its last run; return their names. A task
    that fails is logged and tried again at its next interval, as beat would: the others go on."""
    current_app.loader.import_default_modules()  # registers the tasks that autodiscovery finds
    ran = []
    for name, entry in settings.CELERY_BEAT_SCHEDULE.items():
        if now - last_run.get(name, float("-inf")) >= entry["schedule"]:
            try:
                current_app.tasks[entry["task"]].apply()
            except Exception:
                logger.exception("The periodic task %s failed", name)
            last_run[name] = now
            ran.append(name)
    return ran


class Command(BaseCommand):
    help = "Run Celery beat's periodic tasks in this process, every few seconds (development only)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="run every task once and stop")

    def handle(self, *args, once=False, **options):
        last_run: dict[str, float] = {}
        while True:
            ran = run_due_tasks(last_run, time.monotonic())
            if once:
                self.stdout.write(f"Ran: {', '.join(ran)}")
                return
            time.sleep(5)
