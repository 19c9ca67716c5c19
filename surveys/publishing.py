"""Which version respondents answer after a survey page is published.

Publishing freezes the page's definition as a new version (surveys.signals). An edit that breaks
comparability with answers already given becomes that version only once a coordinator confirmed it in the
page editor (SurveyPageForm, which records the confirmation in the page's history). Any other publish of
such an edit (bulk publish, approval from the moderation dashboard, code) leaves respondents on the version
they answer now, records that in the page's history and mails the coordinators; publishing again from the
editor, with the box ticked, starts the new version.
"""

import hashlib
import json
import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.log_actions import log
from wagtail.models import PageLogEntry

from portal.core.mail import send_templated_mail
from portal.stakeholders.services import COORDINATORS

from .changes import Change, compare, count_affected
from .definition import publishing_problems
from .models import SurveyPage, SurveyVersion
from .services import publish_version

logger = logging.getLogger(__name__)

CONFIRMED = "surveys.breaking_edit_confirmed"
HELD = "surveys.breaking_edit_held"


@dataclass(frozen=True)
class BreakingEdit:
    """An edit that breaks comparability with responses already given to the survey."""

    version: SurveyVersion  # the version respondents answer now
    responses: int  # responses to the survey, in every version
    changes: list[str]  # each breaking change, with how many responses it touches


def _breaking_changes(survey: SurveyPage, definition: dict) -> tuple[SurveyVersion, list[Change]] | None:
    """The version respondents answer now and what `definition` breaks of it, when it is valid and
    responses were given; else None."""
    version = survey.current_version()
    if version is None or version.definition == definition or publishing_problems(definition):
        return None
    breaking = [change for change in compare(version.definition, definition) if change.breaking]
    if not breaking or not survey.responses.exists():
        return None
    return version, breaking


def breaking_edit(survey: SurveyPage, definition: dict) -> BreakingEdit | None:
    """What publishing `definition` would break, with how many responses each change touches."""
    found = _breaking_changes(survey, definition)
    if found is None:
        return None
    version, breaking = found
    total = survey.responses.count()
    answers = survey.responses.values_list("answers", flat=True).iterator(chunk_size=2000)
    counts = count_affected(breaking, answers)
    lines = [
        ngettext("%(change)s (%(count)s of %(total)s response)",
                 "%(change)s (%(count)s of %(total)s responses)", total)
        % {"change": change.text.rstrip("."), "count": count, "total": total}
        for change, count in zip(breaking, counts, strict=True)
    ]
    return BreakingEdit(version=version, responses=total, changes=lines)


def digest(definition: dict) -> str:
    return hashlib.sha256(json.dumps(definition, sort_keys=True, separators=(",", ":")).encode()).hexdigest()


def record_confirmation(survey: SurveyPage, definition: dict, edit: BreakingEdit, user=None) -> None:
    """A coordinator confirmed that this definition may replace the version respondents answer now."""
    _record(survey, CONFIRMED, definition, edit, user)


def _record(survey: SurveyPage, action: str, definition: dict, edit: BreakingEdit, user=None) -> None:
    """In the page's history: which definition, replacing which version, breaks what."""
    log(instance=survey, action=action, user=user, data={
        "definition": digest(definition), "version": edit.version.number, "responses": edit.responses,
        "changes": edit.changes,
    })


def confirm_breaking_edit(survey: SurveyPage, definition: dict, user=None) -> BreakingEdit | None:
    """Confirm, from code, an edit that a following publish may freeze as a version."""
    edit = breaking_edit(survey, definition)
    if edit is not None:
        record_confirmation(survey, definition, edit, user)
    return edit


def _confirmed(survey: SurveyPage, definition: dict, version: SurveyVersion) -> bool:
    return PageLogEntry.objects.filter(
        page=survey, action=CONFIRMED, data__definition=digest(definition), data__version=version.number
    ).exists()


def freeze_or_hold(survey: SurveyPage) -> SurveyVersion | None:
    """After a publish: freeze the page's definition as a new version, unless it breaks comparability and
    no coordinator confirmed it; then respondents stay on their version and the coordinators are told."""
    found = _breaking_changes(survey, survey.definition)
    if found is not None and not _confirmed(survey, survey.definition, found[0]):
        _hold(survey, breaking_edit(survey, survey.definition))
        return None
    return publish_version(survey)


def _hold(survey: SurveyPage, edit: BreakingEdit) -> None:
    _record(survey, HELD, survey.definition, edit)
    logger.warning("Survey %s published without a new version: breaking edit not confirmed (%s)",
                   survey.pk, "; ".join(edit.changes))
    recipients = sorted({
        email for email in Group.objects.filter(name=COORDINATORS, user__is_active=True)
        .values_list("user__email", flat=True) if email
    })
    if recipients:
        edit_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("wagtailadmin_pages:edit",
                                                                        args=[survey.pk])
        send_templated_mail("surveys/breaking_edit_held", recipients,
                            {"survey": survey, "edit": edit, "edit_url": edit_url})


def held_edit(survey: SurveyPage) -> PageLogEntry | None:
    """The record of the live definition's held publish, while respondents still answer the version it was
    held from; None when the survey is not in that state."""
    live = SurveyPage.objects.filter(pk=survey.pk, live=True).values_list("definition", flat=True).first()
    version = survey.current_version()
    if live is None or version is None or live == version.definition:
        return None
    entry = PageLogEntry.objects.filter(page=survey, action=HELD).order_by("-timestamp", "-pk").first()
    if entry is None or (entry.data.get("version"), entry.data.get("definition")) != (version.number,
                                                                                        digest(live)):
        return None
    return entry


def held_message(survey: SurveyPage, entry: PageLogEntry) -> str:
    return _(
        "Respondents still answer version %(version)s of “%(title)s”: the published edit breaks "
        "comparability with answers already given (%(changes)s). To start the new version, publish it from "
        "the editor and tick “Publish even though the edit breaks comparability with earlier answers”."
    ) % {"version": entry.data["version"], "title": survey.title, "changes": "; ".join(entry.data["changes"])}
