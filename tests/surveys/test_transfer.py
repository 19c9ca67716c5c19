"""Import and export of survey definitions in the admin: downloads, uploads saved as drafts, refusals."""

import io
import json
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from surveys.definition import DEFINITIONS_DIR, with_defaults
from surveys.models import SurveyPage, SurveyVersion
from tests.factories import SurveyPageFactory, UserFactory, coordinator, small_definition

pytestmark = pytest.mark.django_db

ACCESSIBLE_GENOMES = json.loads(
    (DEFINITIONS_DIR / "accessible_genomes_2020.json").read_text(encoding="utf-8")
)


def url(survey, tail=""):
    return f"/admin/surveys/{survey.pk}/transfer/{tail}"


@pytest.fixture
def genomes(survey):
    """A second published survey page: the accessible genomes survey."""
    return SurveyPageFactory(title="Accessible genomes", definition=ACCESSIBLE_GENOMES)


def upload(client, survey, name, content):
    return client.post(url(survey), {"definition_file": SimpleUploadedFile(name, content)})


def state(survey):
    """What must not move when an upload is refused: the page row, its revisions and its versions."""
    page = SurveyPage.objects.get(pk=survey.pk)
    return (
        page.definition,
        page.latest_revision_id,
        page.revisions.count(),
        page.has_unpublished_changes,
        SurveyVersion.objects.filter(survey=page).count(),
    )


def test_the_editor_header_and_the_page_listing_offer_import_and_export(coordinator_client, survey):
    edit = coordinator_client.get(f"/admin/pages/{survey.pk}/edit/")
    listing = coordinator_client.get(f"/admin/pages/{survey.get_parent().pk}/")
    assert url(survey) in edit.text
    assert url(survey) in listing.text
    home = coordinator_client.get(f"/admin/pages/{survey.get_parent().pk}/edit/")
    assert "/transfer/" not in home.text  # only survey pages have it


def test_the_transfer_page_says_what_xlsform_does_not_carry(coordinator_client, survey):
    page = coordinator_client.get(url(survey))
    assert page.status_code == 200
    assert "Download JSON" in page.text and "Download XLSForm (.xlsx)" in page.text
    assert "exclusive choices (none)" in page.text
    assert "portal::privacy_statement_url" in page.text


def test_json_download_is_pretty_utf8(coordinator_client, survey):
    draft = survey.get_latest_revision_as_object()
    draft.definition = small_definition(title="Enquête sur les données")
    draft.save_revision()

    response = coordinator_client.get(url(survey, "definition.json"))

    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="test-survey.json"'
    assert "Enquête sur les données".encode() in response.content  # UTF-8, not \u escapes
    assert response.content.startswith(b'{\n  "format": "1mg-portal-survey/1",\n')
    assert json.loads(response.content) == small_definition(title="Enquête sur les données")  # the draft


def test_json_export_then_import_gives_the_same_definition(coordinator_client, survey, genomes):
    exported = coordinator_client.get(url(genomes, "definition.json")).content

    response = upload(coordinator_client, survey, "accessible-genomes-2020.json", exported)

    assert response.status_code == 302
    draft = SurveyPage.objects.get(pk=survey.pk).get_latest_revision_as_object()
    assert draft.definition == ACCESSIBLE_GENOMES


def test_xlsform_export_then_import_gives_the_same_definition(coordinator_client, survey, genomes):
    response = coordinator_client.get(url(genomes, "definition.xlsx"))
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"] == 'attachment; filename="accessible-genomes-2020.xlsx"'

    imported = upload(coordinator_client, survey, "accessible-genomes-2020.xlsx", response.content)

    assert imported.status_code == 302
    draft = SurveyPage.objects.get(pk=survey.pk).get_latest_revision_as_object()
    assert with_defaults(draft.definition) == with_defaults(ACCESSIBLE_GENOMES)
    done = coordinator_client.get(imported["Location"])
    assert "Everything in the file was carried." in done.text


def test_an_upload_is_a_draft_and_never_published(coordinator_client, survey):
    live_revision = survey.live_revision_id
    changed = small_definition(title="Test survey, second edition")
    changed["sections"][1]["questions"].append({"name": "remarks", "type": "long_text", "label": "Remarks"})

    response = upload(coordinator_client, survey, "edition-2.json", json.dumps(changed).encode())

    page = SurveyPage.objects.get(pk=survey.pk)
    assert page.definition == small_definition()  # the live page is unchanged
    assert page.live and page.live_revision_id == live_revision and page.has_unpublished_changes
    assert page.get_latest_revision_as_object().definition == changed
    assert page.latest_revision.user.groups.filter(name="Coordinators").exists()
    assert SurveyVersion.objects.filter(survey=page).count() == 1
    assert coordinator_client.get(survey.url).status_code == 200
    assert "Test survey, second edition" not in coordinator_client.get(survey.url).text

    done = coordinator_client.get(response["Location"])
    assert "“edition-2.json” is saved as a draft of this survey" in done.text
    assert "New optional question “Remarks” (remarks)." in done.text
    assert f"/admin/pages/{survey.pk}/edit/" in done.text


def test_the_same_definition_again_saves_nothing(coordinator_client, survey):
    before = state(survey)
    response = upload(coordinator_client, survey, "same.json", json.dumps(small_definition()).encode())
    assert response.status_code == 302
    assert state(survey) == before


def xlsx(rows: list[list]) -> bytes:
    book = Workbook()
    book.active.title = "survey"
    for row in rows:
        book.active.append(row)
    settings = book.create_sheet("settings")
    settings.append(["form_title", "form_id"])
    settings.append(["Made by hand", "by_hand"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_what_an_xlsform_cannot_carry_is_shown_after_the_import(coordinator_client, survey):
    content = xlsx(
        [
            ["type", "name", "label", "calculation"],
            ["begin_group", "main", "Main", None],
            ["integer", "size", "Household size", None],
            ["calculate", "double", None, "round(${size} * 2.5)"],
            ["begin_repeat", "member", "Member", None],
            ["text", "member_name", "Name", None],
            ["end_repeat", None, None, None],
            ["end_group", None, None, None],
        ]
    )

    response = upload(coordinator_client, survey, "by-hand.xlsx", content)

    assert response.status_code == 302
    done = coordinator_client.get(response["Location"])
    assert "the calculation &#x27;round(${size} * 2.5)&#x27; cannot be carried" in done.text
    assert "a repeat inside group main is a repeated section of its own" in done.text
    assert "Breaks comparability:" in done.text  # every question of the published version is gone
    draft = SurveyPage.objects.get(pk=survey.pk).get_latest_revision_as_object().definition
    sections = [[question["name"] for question in section["questions"]] for section in draft["sections"]]
    assert sections == [["size"], ["member_name"]]


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("setup.exe", b"MZ\x90\x00", "“setup.exe” is neither"),
        ("big.json", b" " * (5 * 1024 * 1024 + 1), "upload at most 5 MB"),
        ("broken.json", b'{"format": "1mg-portal-survey/1", ', "The file is not valid JSON"),
        ("latin1.json", '{"title": "Enquête"}'.encode("latin-1"), "not UTF-8 text"),
        ("nan.json", b'{"sections": [{"questions": [{"min": NaN}]}]}', "NaN is not a JSON number"),
        ("deep.json", b"[" * 100_000 + b"]" * 100_000, "too deeply"),
        ("fake.xlsx", b"PK but not a zip", "not an .xlsx workbook"),
        ("no-survey.xlsx", None, "not a valid XLSForm"),
    ],
    ids=["exe", "oversize", "invalid-json", "not-utf8", "nan", "deep", "not-a-workbook", "not-an-xlsform"],
)
def test_a_file_that_cannot_be_used_is_refused_and_nothing_is_saved(
    coordinator_client, survey, name, content, message
):
    if content is None:
        book = Workbook()
        book.active.append(["name", "label"])
        buffer = io.BytesIO()
        book.save(buffer)
        content = buffer.getvalue()
    before = state(survey)

    response = upload(coordinator_client, survey, name, content)

    assert response.status_code == 200
    assert message in response.text
    assert state(survey) == before


def test_every_schema_problem_is_shown_and_nothing_is_saved(coordinator_client, survey):
    wrong = small_definition()
    del wrong["title"]
    wrong["colour"] = "blue"
    wrong["sections"][0]["questions"][1]["max_selected"] = 9
    before = state(survey)

    response = upload(coordinator_client, survey, "wrong.json", json.dumps(wrong).encode())

    assert response.status_code == 200
    assert "“wrong.json” was not imported, and nothing was saved" in response.text
    assert "&#x27;title&#x27; is a required property" in response.text
    assert "colour" in response.text
    assert state(survey) == before

    rules = small_definition()
    rules["sections"][0]["questions"][1]["max_selected"] = 9
    rules["sections"][0]["questions"][2]["condition"] = {"question": "subjects", "in": ["x"]}
    response = upload(coordinator_client, survey, "rules.json", json.dumps(rules).encode())
    assert "max_selected (9) is more than the number of choices (4)" in response.text
    assert "which is not an earlier question" in response.text
    assert state(survey) == before


def test_an_xlsform_that_is_not_a_valid_survey_shows_problems_and_notes(coordinator_client, survey):
    content = xlsx(
        [
            ["type", "name", "label"],
            ["begin_group", "main", "Main"],
            ["geopoint", "where", "Where?"],
            ["end_group", None, None],
        ]
    )
    before = state(survey)

    response = upload(coordinator_client, survey, "by-hand.xlsx", content)

    assert response.status_code == 200
    assert "Sheet survey: no row holds a question the portal can carry" in response.text
    assert "&#x27;geopoint&#x27; is a question type the portal does not have" in response.text
    assert state(survey) == before


def test_a_page_locked_by_someone_else_is_not_changed(coordinator_client, survey):
    other = coordinator(email="other.coordinator@example.org")
    SurveyPage.objects.filter(pk=survey.pk).update(locked=True, locked_by=other)
    before = state(survey)
    changed = small_definition(title="Changed")
    response = upload(coordinator_client, survey, "changed.json", json.dumps(changed).encode())
    assert "The page is locked" in response.text
    assert state(survey) == before


@pytest.fixture
def admin_without_page_permission(client):
    user = UserFactory()
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    client.force_login(user)
    return client


def test_someone_who_cannot_edit_the_page_can_neither_download_nor_upload(
    admin_without_page_permission, survey
):
    client = admin_without_page_permission
    assert client.get("/admin/").status_code == 200  # they are in the admin
    before = state(survey)
    for tail in ("", "definition.json", "definition.xlsx"):
        response = client.get(url(survey, tail))
        assert response.status_code in (302, 403), tail
        assert b"1mg-portal-survey" not in response.content
    response = upload(client, survey, "changed.json", json.dumps(small_definition(title="Changed")).encode())
    assert response.status_code in (302, 403)
    assert state(survey) == before
    revision = SurveyPage.objects.get(pk=survey.pk).latest_revision_id
    assert client.get(url(survey, f"imported/{revision}/")).status_code in (302, 403)
    listing = client.get(f"/admin/pages/{survey.get_parent().pk}/")
    assert url(survey) not in listing.text


@pytest.mark.parametrize("name", ["pyxform_tutorial.xls", "pyxform_text_and_integer.csv"])
def test_an_xls_or_csv_xlsform_is_imported_as_a_draft(coordinator_client, survey, name):
    content = (Path(__file__).parent / "xlsforms" / name).read_bytes()

    response = upload(coordinator_client, survey, name, content)

    assert response.status_code == 302
    done = coordinator_client.get(response["Location"])
    assert "format could not carry from the file" in done.text  # and what it left out is listed
    draft = SurveyPage.objects.get(pk=survey.pk).get_latest_revision_as_object().definition
    assert draft["name"] == Path(name).stem.lower()
