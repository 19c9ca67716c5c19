"""Import a survey definition from a file: an XLSForm (.xlsx, .xls, .csv) or the portal's JSON format.

Prints what it imported and everything the file held that the portal does not carry, each with its row.
Without --into, the survey becomes a new draft page under the surveys page; with --into SLUG, the file
becomes the draft of that survey (never published: review and publish it in the page editor) and the
edits it makes to the version respondents answer are listed, safe and breaking. --dry-run reads and
checks the file and says what would be done, writing nothing. Exits 0 when the file is (or would be)
imported, 1 when it is refused.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from surveys.changes import compare
from surveys.definition import DefinitionError, iter_questions, validate_definition, with_defaults
from surveys.importing import SUFFIXES, new_draft_survey, read_file, save_draft
from surveys.models import SurveyPage
from surveys.publishing import breaking_edit

REFUSED = 1


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("file", help=f"The file to import ({', '.join(SUFFIXES)}).")
        parser.add_argument("--dry-run", action="store_true", help="Read and check the file; write nothing.")
        parser.add_argument("--into", metavar="SLUG",
                            help="The survey page (its slug) whose draft the file replaces.")

    def handle(self, *args, file, dry_run, into, **options):
        path = Path(file)
        if path.suffix.lower() not in SUFFIXES:
            raise CommandError(f"{path.name}: import a {', '.join(SUFFIXES)} file.", returncode=REFUSED)
        try:
            content = path.read_bytes()
        except OSError as error:
            raise CommandError(f"{path}: cannot be read ({error.strerror}).", returncode=REFUSED) from error
        survey = _survey(into) if into else None
        imported = read_file(path.name, content)
        self._notes(imported.notes)
        if not imported.usable:
            for problem in imported.problems:
                self.stderr.write(f"  {problem}")
            raise CommandError(f"{path.name} is refused: {len(imported.problems)} problem(s) above; nothing "
                               "was imported.", returncode=REFUSED)
        definition = imported.definition
        sections = len(definition["sections"])
        questions = sum(1 for _ in iter_questions(definition))
        self.stdout.write(f"{path.name}: “{definition['title']}” ({definition['name']}), {sections} "
                          f"section(s), {questions} question(s).")
        if survey is None:
            self._new(definition, dry_run)
        else:
            self._into(survey, definition, dry_run)

    def _notes(self, notes: list[str]) -> None:
        if notes:
            self.stdout.write(f"Not carried or changed ({len(notes)}):")
            for note in notes:
                self.stdout.write(f"  {note}")
        else:
            self.stdout.write("Everything in the file was carried.")

    def _new(self, definition: dict, dry_run: bool) -> None:
        if dry_run:
            self.stdout.write("Dry run: a draft survey page would be created under the surveys page; nothing "
                              "was written.")
            return
        try:
            with transaction.atomic():
                page = new_draft_survey(definition)
        except DefinitionError as error:
            raise CommandError(" ".join(error.problems), returncode=REFUSED) from error
        self.stdout.write(self.style.SUCCESS(
            f"Created the draft survey page “{page.title}” at {page.url_path} (id {page.pk}), not published: "
            "review and publish it in the page editor."))

    def _into(self, survey: SurveyPage, definition: dict, dry_run: bool) -> None:
        page = survey.get_latest_revision_as_object()
        version = survey.current_version()
        before = version.definition if version else page.definition
        if not validate_definition(before) and with_defaults(before) == with_defaults(definition):
            self.stdout.write(f"The file holds the same definition as {_which(version)}; nothing to change.")
            return
        changes = compare(before, definition) if not validate_definition(before) else []
        edit = breaking_edit(survey, definition)
        breaking = edit.changes if edit else [change.text for change in changes if change.breaking]
        safe = [change.text for change in changes if not change.breaking]
        self.stdout.write(f"Edits to {_which(version)}:" if changes else f"No edit to {_which(version)}.")
        for text in breaking:
            self.stdout.write(f"  Breaks comparability: {text}")
        for text in safe:
            self.stdout.write(f"  Safe: {text}")
        if dry_run:
            self.stdout.write(f"Dry run: the draft of “{survey.title}” would be replaced; nothing was "
                              "written.")
            return
        with transaction.atomic():
            save_draft(page, definition)
        self.stdout.write(self.style.SUCCESS(
            f"Saved as the draft of “{survey.title}” (not published): review and publish it in the page "
            "editor, which asks to confirm edits that break comparability."))


def _survey(slug: str) -> SurveyPage:
    surveys = list(SurveyPage.objects.filter(slug=slug).select_related("locked_by"))
    if not surveys:
        raise CommandError(f"No survey page has the slug {slug!r}.", returncode=REFUSED)
    if len(surveys) > 1:
        pages = ", ".join(f"{page.url_path} (id {page.pk})" for page in surveys)
        raise CommandError(f"More than one survey page has the slug {slug!r}: {pages}.", returncode=REFUSED)
    survey = surveys[0]
    if survey.locked:  # as the page editor refuses a locked page to everyone but who locked it
        by = f" by {survey.locked_by.get_username()}" if survey.locked_by else ""
        raise CommandError(f"“{survey.title}” is locked{by} in the page editor; unlock it there before "
                           "importing into it.", returncode=REFUSED)
    return survey


def _which(version) -> str:
    return f"version {version.number}, which respondents answer now" if version else "the survey's draft"
