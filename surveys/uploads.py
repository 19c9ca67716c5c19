"""Files sent as answers to file questions (surveys/types/file.py): stored as private files
(portal.core.private_files) with a ResponseFile each, within the question's own limits, a response's and
a survey's total, and, on surveys open to anyone, the rate limit of the sender's address.

A file answer changes only when the page is sent with its button ("Save and continue" ...): an autosave
carries no file and leaves file answers as they are. A file no answer of its response refers to any more
(replaced, removed, a follow-up no longer asked at submit, erased) is deleted with its stored bytes.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from allauth.core import ratelimit
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from portal.core.models import PrivateFile
from portal.core.private_files import check_upload, save_private_file

from .answering import AnsweredSection
from .models import Response, ResponseFile, SurveyPage
from .types import question_type
from .types.file import MB, formats, max_bytes, stored


@dataclass
class Sent:
    """The files a page was sent with (by field name), and whether the sender's address is over its limit."""

    files: Mapping
    limited: bool = False


def sent(survey: SurveyPage, request, going: str | None) -> Sent | None:
    """What a page's POST brings of files; None for an autosave, which leaves file answers alone. On a
    survey open to anyone a page with a file counts against ACCOUNT_RATE_LIMITS["survey_upload"]."""
    if going == "autosave":
        return None
    limited = (bool(request.FILES) and survey.audience == SurveyPage.Audience.ANYONE
               and not ratelimit.consume(request, action="survey_upload"))
    return Sent(request.FILES, limited)


def take(response: Response, page: AnsweredSection, previous: dict, data, sent: Sent | None) -> dict:
    """Set the file answers of the page: a new file, the stored one removed (its "remove" box), or the one
    it had. Returns what was refused, by question; the stored answers are left as they were for those."""
    refused = {}
    for question in page.on_page:
        if not question_type(question).keeps_files:
            continue
        name = question["name"]
        page.answers[name] = stored(previous.get(name))
        if sent is None:
            continue
        upload = sent.files.get(name)
        if upload:
            try:
                page.answers[name] = _store(response, question, upload, page.answers, sent.limited)
            except ValidationError as error:
                refused[name] = error.messages
        elif data.get(f"{name}__remove"):
            page.answers[name] = None
    return refused


def _store(response: Response, question: dict, upload, answers: dict, limited: bool) -> dict:
    if limited:
        raise ValidationError(_("Many files were sent from your network in the last hour, so this one was "
                                "not kept. Your other answers are saved: please send the file again later."))
    kinds, most = formats(question), max_bytes(question)
    check_upload(upload, kinds=kinds, max_bytes=most)
    _check_totals(response, question["name"], upload.size, answers)
    private_file = save_private_file(upload, uploaded_by=response.respondent, kinds=kinds, max_bytes=most)
    kept = ResponseFile.objects.create(response=response, question=question["name"], file=private_file)
    return {"file": kept.pk, "name": private_file.name, "size": private_file.size}


def _check_totals(response: Response, name: str, size: int, answers: dict) -> None:
    total = size + sum(answer["size"] for key, value in answers.items()
                       if key != name and (answer := stored(value)) and isinstance(answer.get("size"), int))
    per_response = settings.SURVEY_UPLOAD_MAX_RESPONSE_MB * MB
    if total > per_response:
        raise ValidationError(_("Your files together may be at most %(limit)s; with this one they would be "
                                "%(total)s. Send a smaller file, or remove another one.")
                              % {"limit": filesizeformat(per_response), "total": filesizeformat(total)})
    stored_total = ResponseFile.objects.filter(response__survey_id=response.survey_id).aggregate(
        total=Sum("file__size"))["total"] or 0
    if stored_total + size > settings.SURVEY_UPLOAD_MAX_TOTAL_MB * MB:
        raise ValidationError(_("This survey cannot take more files: the space for them is full. Your other "
                                "answers are saved; please tell the survey's organisers."))


def prune(response: Response) -> None:
    """Delete the files of the response that neither its answers nor its edited answers refer to (as
    stored: the caller has saved them)."""
    files = list(ResponseFile.objects.filter(response=response).values_list("question", "pk", "file_id"))
    if not files:
        return
    answers, edited = Response.objects.values_list("answers", "edited_answers").get(pk=response.pk)
    kept = {(name, answer["file"]) for stored_answers in (answers, edited or {})
            for name, value in stored_answers.items() if (answer := stored(value))}
    gone = [file_id for question, pk, file_id in files if (question, pk) not in kept]
    # The ResponseFile rows go with their private files (the cascade runs from the file).
    PrivateFile.objects.filter(pk__in=gone).delete()


def response_file_deleted(sender, instance: ResponseFile, **kwargs) -> None:
    """A ResponseFile deleted with its response takes its private file (and so the stored bytes) along."""
    PrivateFile.objects.filter(pk=instance.file_id).delete()
