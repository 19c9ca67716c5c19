"""An export job records when it last made progress; one whose worker died shows as stopped after a few
minutes, with what to do, instead of running for ever."""
# ruff: noqa: F811  (the fixtures come from test_results.py)

import os
from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.utils import timezone

from surveys import exports
from surveys.models import ResponseExport
from surveys.tasks import purge_expired_exports
from tests.factories import coordinator

from .test_results import answered, people  # noqa: F401

pytestmark = pytest.mark.django_db

STOPPED = "Stopped: no progress since"


def dies_midway(export, output, progress):
    progress(3)
    raise SystemExit("the worker was killed")  # not an error the job can record: the process is gone


def exports_section(client, survey) -> str:
    html = client.get(f"/admin/surveys/{survey.pk}/results/").text
    return html[html.index('id="exports"'):]


def test_a_job_whose_worker_died_shows_as_stopped_after_a_few_minutes(
    client, answered, monkeypatch, django_capture_on_commit_callbacks
):
    job = exports.request_export(answered, "csv", coordinator())
    monkeypatch.setitem(exports.WRITERS, ResponseExport.Format.CSV, dies_midway)
    with pytest.raises(SystemExit):
        exports.run_export(job.pk)
    job.refresh_from_db()
    assert (job.status, job.rows_done, job.stalled) == ("running", 3, False)
    client.force_login(coordinator())
    assert STOPPED not in exports_section(client, answered)

    with time_machine.travel(timezone.now() + timedelta(minutes=4)):
        assert '<progress max="100" value="60"' in exports_section(client, answered)
    with time_machine.travel(timezone.now() + timedelta(minutes=6)):
        section = exports_section(client, answered)
        assert STOPPED in section and "Prepare a new export." in section
        assert "<progress" not in section
        monkeypatch.undo()
        with django_capture_on_commit_callbacks(execute=True):
            asked = client.post(f"/admin/surveys/{answered.pk}/results/export/", {"format": "csv"})

    assert asked.status_code == 302
    assert ResponseExport.objects.latest("pk").status == "done"


def test_a_working_job_records_its_progress_as_it_goes(answered, monkeypatch):
    monkeypatch.setattr(exports, "PROGRESS_EVERY", 2)
    job = exports.request_export(answered, "xlsx", coordinator())
    seen = []
    real = exports.WRITERS[ResponseExport.Format.XLSX]

    def watched(export, output, progress):
        def noted(done):
            progress(done)
            seen.append(ResponseExport.objects.values_list("rows_done", "progress_at").get(pk=job.pk))

        return real(export, output, noted)

    monkeypatch.setitem(exports.WRITERS, ResponseExport.Format.XLSX, watched)
    started = timezone.now() + timedelta(hours=1)
    with time_machine.travel(started, tick=True):
        done = exports.run_export(job.pk)

    assert [rows for rows, _moment in seen] == [2, 4]
    assert started <= seen[0][1] <= seen[1][1] <= done.progress_at
    assert (done.status, done.rows_done, done.stalled) == ("done", 5, False)


def download(client, export):
    return client.get(f"/admin/surveys/{export.survey_id}/results/exports/{export.pk}/")


def test_erasing_a_respondent_removes_the_files_of_the_surveys_exports(client, answered, people):
    from portal.stakeholders.services import account_erase

    made = [exports.run_export(exports.request_export(answered, format, coordinator()).pk)
            for format in ("csv", "xlsx")]
    paths = [export.file.path for export in made]
    client.force_login(coordinator())
    assert download(client, made[0]).status_code == 200

    account_erase(people["pt_industry"])

    for export, path in zip(made, paths, strict=True):
        export.refresh_from_db()
        assert (export.status, export.removed_because, export.file.name) == ("removed", "erasure", "")
        assert not os.path.exists(path)
        assert download(client, export).status_code == 404
    assert "File removed: a respondent&#x27;s data was erased after it was made." in exports_section(
        client, answered)


def test_an_export_being_built_when_a_respondent_is_erased_keeps_no_file(answered, monkeypatch):
    job = exports.request_export(answered, "csv", coordinator())
    write = exports.WRITERS[ResponseExport.Format.CSV]

    def erased_meanwhile(export, output, progress):
        exports.remove_export_files({answered.pk}, because=ResponseExport.Removed.ERASURE)
        return write(export, output, progress)

    monkeypatch.setitem(exports.WRITERS, ResponseExport.Format.CSV, erased_meanwhile)
    finished = exports.run_export(job.pk)

    assert finished.status == "removed"
    assert os.listdir(os.path.join(settings.MEDIA_ROOT, "exports")) == []


def test_export_files_are_deleted_after_the_retention_period(answered, settings):
    settings.SURVEY_EXPORT_RETENTION_DAYS = 7
    export = exports.run_export(exports.request_export(answered, "csv", coordinator()).pk)
    path = export.file.path

    with time_machine.travel(timezone.now() + timedelta(days=6, hours=23)):
        assert purge_expired_exports.apply().get() == 0
    assert os.path.exists(path)
    with time_machine.travel(timezone.now() + timedelta(days=7, minutes=1)):
        assert purge_expired_exports.apply().get() == 1

    export.refresh_from_db()
    assert (export.status, export.removed_because) == ("removed", "expired")
    assert not os.path.exists(path)
