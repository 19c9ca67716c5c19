from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from cms.models import ClusterIndexPage
from portal.scheduling.management.commands.run_periodic import run_due_tasks
from tests.factories import coordinator, editor

pytestmark = pytest.mark.django_db


@pytest.fixture
def page():
    return ClusterIndexPage.objects.get()


def test_editors_submit_and_coordinators_publish(page):
    author, reviewer = editor(), coordinator()
    assert not page.permissions_for_user(author).can_publish()
    assert page.permissions_for_user(reviewer).can_publish()

    page.title = "The ten stakeholder clusters"
    page.save_revision(user=author)
    workflow = page.get_workflow()
    state = workflow.start(page, author)
    task_state = state.current_task_state
    task = task_state.task.specific
    assert "approve" not in [action for action, _, _ in task.get_actions(page, author)]
    assert "approve" in [action for action, _, _ in task.get_actions(page, reviewer)]

    task.on_action(task_state, reviewer, "approve")

    page.refresh_from_db()
    assert page.live and page.title == "The ten stakeholder clusters"
    assert page.get_latest_revision().approved_go_live_at is None


def test_scheduled_publishing_happens_when_the_periodic_tasks_run(page, client):
    page.unpublish()
    page.go_live_at = timezone.now() + timedelta(minutes=5)
    page.save_revision(user=coordinator()).publish()
    page.refresh_from_db()
    assert not page.live
    assert client.get("/clusters/").status_code == 404

    with time_machine.travel(timezone.now() + timedelta(minutes=6)):
        ran = run_due_tasks({}, now=0.0)

    assert "publish-scheduled" in ran and "outbox-sweep" in ran
    page.refresh_from_db()
    assert page.live
    assert client.get("/clusters/").status_code == 200


def test_the_loop_runs_each_task_only_when_its_interval_has_passed():
    last_run = {}
    assert run_due_tasks(last_run, now=1000.0) != []
    assert run_due_tasks(last_run, now=1030.0) == []
    assert set(run_due_tasks(last_run, now=1061.0)) == {
        "outbox-sweep", "publish-scheduled", "survey-invitations-sweep", "newsletter-sends"
    }


def test_run_periodic_once_from_the_command_line(capsys):
    call_command("run_periodic", "--once")
    assert "outbox-sweep" in capsys.readouterr().out


def test_a_failing_task_leaves_the_others_running(settings, caplog):
    from celery import shared_task

    @shared_task(name="tests.scheduling.fails")
    def fails():
        raise RuntimeError("broken")

    settings.CELERY_BEAT_SCHEDULE = {
        "fails": {"task": "tests.scheduling.fails", "schedule": 60},
        **settings.CELERY_BEAT_SCHEDULE,
    }
    from portal.scheduling.management.commands import run_periodic

    run_periodic.logger.addHandler(caplog.handler)  # at the logger: caplog's root handler saw nothing here
    try:
        ran = run_due_tasks({}, now=0.0)
    finally:
        run_periodic.logger.removeHandler(caplog.handler)

    assert ran[0] == "fails" and "outbox-sweep" in ran  # the tasks after it ran too
    assert "The periodic task fails failed" in caplog.text
