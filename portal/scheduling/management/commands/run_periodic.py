"""Runs the tasks of Celery beat's schedule in a loop, for `make run`, which has no broker or beat."""

import time

from celery import current_app
from django.conf import settings
from django.core.management.base import BaseCommand


def run_due_tasks(last_run: dict[str, float], now: float) -> list[str]:
    """Call each scheduled task whose interval has passed since its last run; return their names."""
    current_app.loader.import_default_modules()  # registers the tasks that autodiscovery finds
    ran = []
    for name, entry in settings.CELERY_BEAT_SCHEDULE.items():
        if now - last_run.get(name, float("-inf")) >= entry["schedule"]:
            current_app.tasks[entry["task"]].apply()
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
