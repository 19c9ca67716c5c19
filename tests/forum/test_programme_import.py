"""Coordinators import a programme from CSV or XLSX: every row's problems are listed before anything is
saved, and a clean file adds its sessions at the times it gives, in the event's time zone."""

import datetime
import io
import zoneinfo

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from portal.forum.models import Session
from portal.forum.programme_import import UnreadableFile, check_rows
from portal.initiative.models import DiseaseArea
from tests.factories import ForumEventPageFactory, coordinator, editor

pytestmark = pytest.mark.django_db
URL = "/admin/forum/sessions/import/"
GOOD = ("title,kind,date,start,end,track,disease_area,capacity\n"
        "Welcome,welcome,2031-10-13,10:00,10:15,,,\n"
        "Rare disease,workshop,2031-10-13,14:00,15:30,Room A,rare-disease,30\n")


def xlsx(rows) -> bytes:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_every_row_with_a_problem_is_named_with_its_column():
    event = ForumEventPageFactory()
    content = (b"title,kind,date,start,end,disease_area\n"
               b"Welcome,welcome,2031-10-13,10:00,10:15,\n"
               b",keynote,2031-10-13,10:15,11:00,\n"
               b"Panel,debate,13 October,11:00,10:00,astrology\n")

    rows = check_rows(event, "programme.csv", content)

    assert [row.number for row in rows if row.problems] == [3, 4]
    assert any(problem.startswith("title:") for problem in rows[1].problems)
    fourth = " ".join(rows[2].problems)
    assert all(column in fourth for column in ("kind:", "date:", "disease_area:"))


def test_a_file_without_the_required_columns_is_refused_with_their_names():
    with pytest.raises(UnreadableFile, match="start, end"):
        check_rows(ForumEventPageFactory(), "programme.csv", b"title,kind,date\nWelcome,welcome,2031-10-13\n")


def test_a_coordinator_previews_then_imports_a_clean_xlsx_in_the_events_time_zone(client):
    event = ForumEventPageFactory(time_zone="Europe/Lisbon")
    client.force_login(coordinator())
    upload = SimpleUploadedFile("programme.xlsx", xlsx([
        ["title", "kind", "date", "start", "end", "track"],
        ["Cancer", "Parallel workshop", datetime.date(2031, 10, 13), datetime.time(14), datetime.time(15, 30),
         "B"],
    ]))

    preview = client.post(URL, {"event": event.pk, "file": upload})
    assert "Nothing is saved yet." in preview.text and not Session.objects.filter(event=event).exists()
    checked = preview.context["checked_file"]
    client.post(URL, {"checked_file": checked})

    session = Session.objects.get(event=event)
    assert (session.title, session.kind, session.track) == ("Cancer", "workshop", "B")
    assert session.starts_at == datetime.datetime(2031, 10, 13, 14, tzinfo=zoneinfo.ZoneInfo("Europe/Lisbon"))


def test_a_file_with_problems_imports_nothing_even_when_posted(client):
    event = ForumEventPageFactory()
    client.force_login(coordinator())
    bad = SimpleUploadedFile("programme.csv", (GOOD + "Broken,workshop,2031-10-13,16:00,15:00\n").encode())

    preview = client.post(URL, {"event": event.pk, "file": bad})
    client.post(URL, {"checked_file": preview.context["checked_file"]})

    assert "with problems" in preview.text
    assert not Session.objects.filter(event=event).exists()


def test_editors_may_not_import_a_programme(client):
    client.force_login(editor())

    assert client.get(URL).status_code in (302, 403)


def test_an_exported_programme_imports_again_into_another_event(client):
    from tests.factories import WorkshopFactory

    source = ForumEventPageFactory(time_zone="Europe/Brussels")
    WorkshopFactory(event=source, title="Cancer", capacity=30, guiding_questions="What data?",
                    disease_area=DiseaseArea.objects.get(slug="cancer"))
    target = ForumEventPageFactory(time_zone="Europe/Brussels")
    client.force_login(coordinator())

    exported = client.get(f"/admin/forum/sessions/?event={source.pk}&export=csv")
    content = b"".join(exported.streaming_content)
    preview = client.post(URL, {"event": target.pk, "file": SimpleUploadedFile("programme.csv", content)})
    client.post(URL, {"checked_file": preview.context["checked_file"]})

    copied, original = Session.objects.get(event=target), Session.objects.get(event=source)
    assert (copied.title, copied.kind, copied.capacity, copied.guiding_questions, copied.disease_area) == (
        original.title, original.kind, original.capacity, original.guiding_questions, original.disease_area)
    assert (copied.starts_at, copied.ends_at) == (original.starts_at, original.ends_at)
