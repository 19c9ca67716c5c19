"""`manage.py import_survey FILE [--dry-run] [--into SLUG]`: what it prints, writes, and its exit codes."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Revision

from surveys.demo import create_demo_survey_index
from surveys.models import SurveyIndexPage, SurveyPage
from tests.factories import ResponseFactory, SurveyPageFactory, small_definition

CORPUS = Path(__file__).parent / "xlsforms"

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(db):
    create_demo_survey_index()
    return SurveyIndexPage.objects.get()


def run(*args) -> tuple[int, str, str]:
    """The command's exit code, output and error output."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_survey", *[str(arg) for arg in args], stdout=out, stderr=err)
    except CommandError as error:
        return error.returncode, out.getvalue(), f"{err.getvalue()}{error}"
    return 0, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("name", ["pyxform_tutorial.xls", "pyxform_text_and_integer.csv",
                                  "onadata_tutorial.xlsx"])
def test_an_xlsform_becomes_a_draft_survey_under_the_surveys_page(index, name):
    code, out, _err = run(CORPUS / name)

    assert code == 0
    page = SurveyPage.objects.get()
    assert page.get_parent().specific == index
    assert not page.live and page.versions.count() == 0  # a draft: nothing published, no version frozen
    assert page.get_latest_revision_as_object().definition["sections"]
    assert f"Created the draft survey page “{page.title}”" in out
    assert "Not carried or changed" in out


def test_every_loss_is_printed_with_its_row(index):
    code, out, _err = run(CORPUS / "pyxform_tutorial.xls")

    assert code == 0
    losses = out.split("Not carried or changed", 1)[1]
    assert "Row 3, name: tutorial notes cannot be carried; left out." in losses  # a column of its own
    assert "Row 2, repeat member: XLSForm sets no most number of items; read as 0 to 50 items." in losses


def test_a_dry_run_writes_nothing(index):
    code, out, _err = run(CORPUS / "onadata_tutorial.xlsx", "--dry-run")

    assert code == 0
    assert "Dry run: a draft survey page would be created" in out
    assert not SurveyPage.objects.exists()


def test_into_replaces_the_draft_lists_the_edits_and_never_publishes(tmp_path):
    survey = SurveyPageFactory(title="Test survey", slug="test-survey")
    ResponseFactory(survey=survey, answers={"purpose": "research"})
    changed = small_definition()
    purpose = changed["sections"][0]["questions"][0]
    purpose["label"] = "1. What is the purpose?"
    purpose["choices"][1] = {"name": "public_health", "label": "Public health"}  # research removed
    file = tmp_path / "changed.json"
    file.write_text(json.dumps(changed))

    code, out, _err = run(file, "--into", "test-survey")

    assert code == 0
    assert "Edits to version 1, which respondents answer now:" in out
    assert "Breaks comparability: " in out and "research (1 of 1 response)" in out
    assert "Safe: " in out
    survey.refresh_from_db()
    assert survey.live and survey.versions.count() == 1  # still version 1: nothing published
    assert survey.has_unpublished_changes
    assert survey.get_latest_revision_as_object().definition == changed


def test_into_with_a_dry_run_writes_nothing(tmp_path):
    survey = SurveyPageFactory(title="Test survey", slug="test-survey")
    revisions = Revision.objects.count()
    file = tmp_path / "changed.json"
    file.write_text(json.dumps(small_definition(title="Another title")))

    code, out, _err = run(file, "--into", "test-survey", "--dry-run")

    assert code == 0
    assert "Dry run: the draft of “Test survey” would be replaced" in out
    assert Revision.objects.count() == revisions
    survey.refresh_from_db()
    assert not survey.has_unpublished_changes


@pytest.mark.parametrize("dry_run", [False, True])
def test_into_a_locked_survey_is_refused(tmp_path, dry_run):
    from tests.factories import coordinator

    survey = SurveyPageFactory(title="Test survey", slug="test-survey")
    editor = coordinator()
    survey.locked, survey.locked_by = True, editor
    survey.save()
    revisions = Revision.objects.count()
    file = tmp_path / "changed.json"
    file.write_text(json.dumps(small_definition(title="Another title")))

    code, _out, err = run(file, "--into", "test-survey", *(["--dry-run"] if dry_run else []))

    assert code == 1
    assert f"“Test survey” is locked by {editor.get_username()} in the page editor" in err
    assert Revision.objects.count() == revisions


@pytest.mark.parametrize("dry_run", [False, True])
def test_a_refused_file_exits_1_and_names_sheet_and_row(index, tmp_path, dry_run):
    file = tmp_path / "only-notes.csv"
    file.write_text("survey,,,\n,type,name,label\n,note,hello,Hello\n,geopoint,where,Where?\n")

    code, _out, err = run(file, *(["--dry-run"] if dry_run else []))

    assert code == 1
    assert "Sheet survey: no row holds a question the portal can carry" in err
    assert "only-notes.csv is refused" in err
    assert not SurveyPage.objects.exists()


def test_a_definition_that_is_not_valid_is_refused(tmp_path):
    survey = SurveyPageFactory(title="Test survey", slug="test-survey")
    file = tmp_path / "broken.json"
    file.write_text(json.dumps({**small_definition(), "sections": []}))

    code, _out, err = run(file, "--into", "test-survey")

    assert code == 1
    assert "is refused" in err
    survey.refresh_from_db()
    assert not survey.has_unpublished_changes


@pytest.mark.parametrize(
    "args, message",
    [
        (["survey.txt"], "import a .json, .xlsx, .xls, .csv file"),
        (["missing.xlsx"], "cannot be read"),
        ([CORPUS / "onadata_tutorial.xlsx", "--into", "no-such-survey"], "No survey page has the slug"),
    ],
    ids=["suffix", "missing", "unknown-slug"],
)
def test_what_cannot_be_imported_exits_1(tmp_path, args, message):
    code, _out, err = run(*[tmp_path / arg if arg in ("survey.txt", "missing.xlsx") else arg for arg in args])

    assert code == 1
    assert message in err


def test_the_names_an_import_changed_are_in_the_export_s_codebook(tmp_path):
    import csv
    import zipfile

    from surveys import exports
    from surveys.importing import read_file
    from tests.surveys.repeat_survey import submitted

    form = "survey,,,\n,type,name,label\n,select_one yn,Likes-Genomes,Do you like genomes?\n" \
           "choices,,,\n,list_name,name,label\n,yn,Yes,Yes\n,yn,No,No\n"
    imported = read_file("form.csv", form.encode())
    assert imported.usable
    survey = SurveyPageFactory(definition={**imported.definition, "privacy_statement_url": "/privacy/"})
    [question] = imported.definition["sections"][0]["questions"]
    submitted(survey, {question["name"]: question["choices"][0]["name"]})

    output = io.BytesIO()
    exports.write_export(survey, "csv", output)
    with zipfile.ZipFile(output) as archive:
        rows = list(csv.reader(io.StringIO(archive.read("codebook.csv").decode("utf-8"))))
    [line] = [row for row in rows if row[1] == question["name"]]
    assert question["name"] == "likes_genomes"
    assert "'Likes-Genomes'" in line[-1] and "'Yes'" in line[-1]  # the workbook's names of it and its choice
