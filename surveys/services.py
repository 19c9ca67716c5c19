"""Starting, saving and submitting responses: every page of answers is saved as a draft at once."""

import datetime
import logging

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from portal.core.mail import send_templated_mail

from . import repeats, uploads
from .answering import ORDERS, AnsweredSection, answered_for_submission, check_section, visible_sections
from .definition import publishing_problems, with_defaults
from .invitations import invitation_answered
from .models import Response, SurveyPage, SurveyVersion, new_contribution_id

logger = logging.getLogger(__name__)


class SurveyClosed(Exception):
    pass


def publish_version(survey: SurveyPage) -> SurveyVersion | None:
    """Freeze the survey's definition as a new version, unless it equals the current one or cannot be
    published (respondents then go on answering the last good version)."""
    current = survey.current_version()
    problems = publishing_problems(survey.definition)
    if problems:
        logger.warning("Survey %s published without a new version: %s", survey.pk, "; ".join(problems))
        return None
    # The builder leaves out keys that hold their default; a file may spell them out: both are the same.
    if current is not None and with_defaults(current.definition) == with_defaults(survey.definition):
        return None
    return SurveyVersion.objects.create(
        survey=survey, number=(current.number + 1) if current else 1, definition=survey.definition
    )


def _now(survey: SurveyPage) -> datetime.datetime:
    """The time to record: an anonymous survey keeps only the day."""
    now = timezone.now()
    if survey.anonymous:
        return now.replace(hour=0, minute=0, second=0, microsecond=0)
    return now


def start_response(survey: SurveyPage, *, user=None, invited: bool = False) -> Response:
    if not survey.is_open():
        raise SurveyClosed
    version = survey.current_version()
    if version is None:
        raise SurveyClosed
    signed_in = user is not None and user.is_authenticated and not invited
    if signed_in and not survey.anonymous:
        existing = Response.objects.filter(survey=survey, respondent=user)
        if survey.one_response_per_person and existing.exists():
            return existing.filter(status=Response.Status.DRAFT).first() or existing.first()
    return Response.objects.create(
        survey=survey,
        version=version,
        started_at=_now(survey),
        respondent=user if signed_in and not survey.anonymous else None,
    )


@transaction.atomic
def save_section(
    response: Response, section: dict, data, on_page: list[dict] | None = None,
    definition: dict | None = None, sent: uploads.Sent | None = None, item: int | None = None,
) -> AnsweredSection:
    """Keep every answer of the page (the section, or `on_page` of it) as typed, whatever its problems;
    the result holds the answers and the page's problems. `definition`: the one shown (translated);
    `sent`: the page's files (none: file answers stay as they are); `item`: the item's number in a
    repeated section (one past the last: a new item, kept once something is answered in it).

    The row is locked and re-read: a late autosave of one page never overwrites another page's answers.
    """
    locked = Response.objects.select_for_update().get(pk=response.pk)
    definition = definition or response.version.definition
    if item is None:
        page = AnsweredSection(definition, section, dict(locked.working_answers), on_page)
    else:
        page = repeats.AnsweredItem(definition, section, dict(locked.working_answers), item, on_page)
    page.read(data)
    page.shuffle()
    page.refused = uploads.take(locked, page, locked.working_answers, data, sent)
    field = "edited_answers" if locked.status == Response.Status.SUBMITTED else "answers"
    setattr(response, field, page.stored)
    response.section = repeats.location(section["name"], getattr(page, "number", None))
    response.updated_at = _now(response.survey)
    response.save(update_fields=[field, "section", "updated_at"])
    if page.takes_files:
        uploads.prune(response)
    page.check()
    page.errors = {**page.errors, **page.refused}
    return page


def keep_choice_orders(response: Response, answers: dict) -> None:
    """Keep the order the page's shuffled choices are first shown in, so that it stays on every reload."""
    with transaction.atomic():
        locked = Response.objects.select_for_update().get(pk=response.pk)
        field = "edited_answers" if locked.status == Response.Status.SUBMITTED else "answers"
        kept = dict(locked.working_answers)
        kept[ORDERS] = {**answers[ORDERS], **(kept.get(ORDERS) or {})}
        setattr(response, field, kept)
        response.save(update_fields=[field])


def left_at(response: Response, section_name: str, item: int | None = None) -> None:
    """Where the respondent is after saving a page (the section they were taken to, and its item in a
    repeated section): resuming opens it."""
    at = repeats.location(section_name, item)
    Response.objects.filter(pk=response.pk).update(section=at)
    response.section = at


@transaction.atomic
def remove_item(response: Response, section: dict, number: int) -> None:
    """Remove one item of a repeated section from the answers being edited (the next ones move up)."""
    locked = Response.objects.select_for_update().get(pk=response.pk)
    field = "edited_answers" if locked.status == Response.Status.SUBMITTED else "answers"
    kept = repeats.removed_item(locked.working_answers, section, number)
    setattr(response, field, kept)
    response.updated_at = _now(response.survey)
    response.save(update_fields=[field, "updated_at"])


def problems_before_submitting(response: Response) -> dict[str, dict[str, list[str]]]:
    definition = response.version.definition
    problems = {}
    answers = response.working_answers
    for section in visible_sections(definition, answers):
        if section.get("repeat"):
            problems |= repeats.item_problems(definition, section, answers)
            continue
        found = check_section(section, definition, answers)
        if found:
            problems[section["name"]] = found
    return problems


@transaction.atomic
def submit_response(response: Response) -> tuple[Response, dict]:
    """Submit once: a second submit of the same response changes nothing and says so by its result."""
    response = Response.objects.select_for_update().select_related("survey", "version").get(pk=response.pk)
    problems = problems_before_submitting(response)
    if problems:
        return response, problems
    if response.status != Response.Status.SUBMITTED:
        response.status = Response.Status.SUBMITTED
        response.contribution_id = new_contribution_id()
    definition, answers = response.version.definition, response.working_answers
    kept = answered_for_submission(definition, answers)
    items = repeats.kept_items(definition, answers, visible_sections(definition, answers))
    orders = {**kept.get(ORDERS, {}), **items.pop(ORDERS, {})}  # the items' shuffled questions too
    response.answers = kept | items | ({ORDERS: orders} if orders else {})
    response.edited_answers = None
    response.submitted_at = response.updated_at = _now(response.survey)
    response.save()
    uploads.prune(response)  # files of follow-ups no longer asked, and those replaced while editing
    invitation_answered(response)
    return response, {}


def send_resume_link(response: Response, email: str, resume_url: str) -> bool:
    """Mail the resume link; at most one mail a response every few minutes, so the form sends no spam."""
    if not cache.add(f"surveys:resume-link:{response.pk}", True, timeout=300):
        return False
    send_templated_mail("surveys/resume_link", [email], {"survey": response.survey, "resume_url": resume_url})
    return True
