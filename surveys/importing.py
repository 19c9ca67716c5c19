"""Importing a survey definition from a file: the portal's JSON format or an XLSForm (.xlsx, .xls, .csv).

The admin's "Import or export" screen (surveys/admin/transfer.py) and `manage.py import_survey` read files
and save them the same way, here: a file becomes a draft revision of a survey page, never published, so
that the coordinator reviews it (and the edits that break comparability) before publishing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.text import slugify
from django.utils.translation import gettext as _

from .definition import DefinitionError, validate_definition
from .models import SurveyIndexPage, SurveyPage
from .xlsform import xlsform_to_definition

XLSFORM_SUFFIXES = (".xlsx", ".xls", ".csv")
SUFFIXES = (".json", *XLSFORM_SUFFIXES)


@dataclass
class Imported:
    """What a file holds: its definition, the problems that stop it being used, and what did not fit."""

    definition: dict | None
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def usable(self) -> bool:
        return self.definition is not None and not self.problems


def read_file(name: str, content: bytes) -> Imported:
    """The definition in a file: an XLSForm by its name's suffix (.xlsx, .xls, .csv), else JSON."""
    try:
        return _read_file(name, content)
    except RecursionError:
        return Imported(None, [_("The file nests conditions or lists too deeply to be read.")])


def _read_file(name: str, content: bytes) -> Imported:
    if Path(name).suffix.lower() in XLSFORM_SUFFIXES:
        try:
            definition, notes = xlsform_to_definition(content, name)
        except DefinitionError as error:
            return Imported(None, error.problems, getattr(error, "notes", []))
        return Imported(definition, [], notes)
    try:
        definition = json.loads(content.decode("utf-8-sig"), parse_constant=_not_json)
    except UnicodeDecodeError:
        return Imported(None, [_("The file is not UTF-8 text, so it cannot be JSON.")])
    except ValueError as error:
        return Imported(None, [_("The file is not valid JSON: %(error)s.") % {"error": error}])
    return Imported(definition, validate_definition(definition))


def _not_json(constant: str):
    raise ValueError(f"{constant} is not a JSON number")


def save_draft(page: SurveyPage, definition: dict, user=None):
    """The definition as the page's new draft revision (a live page stays as published)."""
    page.definition = definition
    return page.save_revision(user=user, log_action=True)


def new_draft_survey(definition: dict, user=None) -> SurveyPage:
    """A survey page holding the definition, not published, under the surveys page."""
    index = SurveyIndexPage.objects.first()
    if index is None:
        raise DefinitionError([_("There is no surveys page to create the survey under.")])
    base = slugify(definition["name"])[:60] or "survey"
    taken = set(index.get_children().values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    page = index.add_child(instance=SurveyPage(title=definition["title"], slug=slug, definition=definition,
                                               live=False))
    page.save_revision(user=user, log_action=True)
    return page
