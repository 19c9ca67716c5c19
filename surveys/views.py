"""The respondent's pages: start, one section per page, review and submit, the receipt.

A response is reached through its token (the resume link), so an expired session loses nothing.
"""

from allauth.core import ratelimit
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from portal.core.private_files import serve_private_file
from portal.stakeholders.models import StakeholderProfile

from . import repeats, services, uploads
from .answering import AnsweredSection, label_of, piped, visible_questions, visible_sections
from .forms import ResumeLinkForm
from .models import Response, ResponseFile, SurveyPage
from .presenting import accessibility_mode, chosen_language, translated


def _render(request, template: str, context: dict, status: int = 200) -> TemplateResponse:
    response = TemplateResponse(request, template, context, status=status)
    add_never_cache_headers(response)
    return response


def _may_answer(survey: SurveyPage, request) -> bool:
    if survey.audience == SurveyPage.Audience.STAKEHOLDERS:
        return request.user.is_authenticated and StakeholderProfile.objects.filter(user=request.user).exists()
    if survey.audience == SurveyPage.Audience.INVITED:
        return False  # invitations come with their own single-use links
    return True


def start(survey: SurveyPage, request):
    if request.method != "POST":
        return redirect(survey.url)
    if not _may_answer(survey, request):
        return redirect(f"/accounts/login/?next={survey.url}")
    # Open to anyone: drafts started from one address are limited (ACCOUNT_RATE_LIMITS["survey_start"]).
    anyone = survey.audience == SurveyPage.Audience.ANYONE
    if anyone and not ratelimit.consume(request, action="survey_start"):
        messages.error(request, _(
            "Many answers to surveys were started from your network in the last minutes. Please try "
            "again in a little while."
        ))
        return _render(request, survey.get_template(request), survey.get_context(request), status=429)
    try:
        response = services.start_response(survey, user=request.user)
    except services.SurveyClosed:
        messages.error(request, _("This survey is not open for answers."))
        return redirect(survey.url)
    return redirect(survey.url + survey.reverse_subpage("resume", args=[response.token]))


def _response(survey: SurveyPage, request, token: str) -> Response:
    response = get_object_or_404(Response.objects.select_related("version"), survey=survey, token=token)
    if response.respondent_id and response.respondent_id != request.user.pk:
        # A signed-in respondent's link works only for them.
        if not request.user.is_authenticated:
            raise PermissionDenied
        raise Http404
    return response


def _editable(survey: SurveyPage, response: Response) -> bool:
    if response.status == Response.Status.DRAFT:
        return survey.is_open()
    return survey.editable_after_submit and survey.is_open()


def _not_editable(survey: SurveyPage, request, response: Response):
    """A submitted contribution shows its receipt; a draft of a closed survey says it is closed (the
    receipt would send a draft back here)."""
    if response.status == Response.Status.SUBMITTED:
        return redirect(survey.url + survey.reverse_subpage("receipt", args=[response.token]))
    messages.error(request, _("This survey is not open for answers."))
    return redirect(survey.url)


def resume(survey: SurveyPage, request, token: str):
    """The section where the respondent left: the one "Save and continue" (or "Previous") took them to,
    or the one they saved with "Save and come back later"."""
    response = _response(survey, request, token)
    if not _editable(survey, response):
        return _not_editable(survey, request, response)
    sections = visible_sections(response.version.definition, response.working_answers)
    names = [section["name"] for section in sections]
    left, item = repeats.read_location(response.section)
    if left not in names:
        left, item = names[0], None
    return redirect(_section_url(survey, token, left, item=item))


def _section_url(survey: SurveyPage, token: str, name: str, question: int | None = None,
                 item: int | None = None, check: bool = False) -> str:
    url = survey.url + survey.reverse_subpage("section", args=[token, name])
    query = {"item": item, "q": question, "check": 1 if check else None}
    query = "&".join(f"{key}={value}" for key, value in query.items() if value is not None)
    return f"{url}?{query}" if query else url


def section_page(survey: SurveyPage, request, token: str, section_name: str):
    """One section per page; in accessibility mode, one question per page (`?q=<position>`)."""
    response = _response(survey, request, token)
    if not _editable(survey, response):
        return _not_editable(survey, request, response)
    definition, language = _in_language(request, response)
    accessible = accessibility_mode(request)
    sections = visible_sections(definition, response.working_answers)
    position = next((i for i, section in enumerate(sections) if section["name"] == section_name), None)
    if position is None:
        raise Http404
    section = sections[position]
    repeat = section.get("repeat")
    number = _item(request, response.working_answers, section) if repeat else None
    seen = _seen(response.working_answers, section, number)
    shown = visible_questions(section, seen) if accessible else section["questions"]
    step = _step(request, shown) if accessible else None
    on_page = [shown[step]] if accessible and shown else section["questions"]
    if repeat:
        answered = repeats.AnsweredItem(definition, section, response.working_answers, number, on_page)
    else:
        answered = AnsweredSection(definition, section, response.working_answers, on_page)
    if request.method != "POST" and answered.shuffle():
        services.keep_choice_orders(response, answered.answers)
    if request.GET.get("check"):  # sent back from a refused submit: say what is wrong at once
        answered.check()
        if repeat:
            answered.errors |= _count_errors(section, answered)
    if request.method == "POST":
        going = request.POST.get("go")
        if repeat and going == "remove":
            services.remove_item(response, section, number)
            kept = max(1, min(number, len(answered.items) - 1))
            services.left_at(response, section["name"], kept)
            messages.success(request, _("The item is removed."))
            return redirect(_section_url(survey, token, section["name"], item=kept))
        answered = services.save_section(response, section, request.POST, on_page, definition,
                                         uploads.sent(survey, request, going), item=number)
        if going == "autosave":
            return JsonResponse({"saved": True})
        # A refused file keeps the respondent on the page, whichever button they used, to read why.
        if going == "leave" and not answered.refused:
            messages.success(request, _("Your answers are saved. Come back with the link below."))
            return redirect(survey.url + survey.reverse_subpage("saved", args=[token]))
        sections = visible_sections(definition, response.working_answers)  # answers may show or hide sections
        position = min(position, len(sections) - 1)
        if repeat and not answered.refused and not answered.errors and going in ("add", "next"):
            # Adding needs room for one more; going on from the last item needs the fewest asked for.
            answered.errors = _count_errors(section, answered, adding=going == "add")
        if not answered.refused and (going == "previous" or not answered.errors):
            if going == "previous":
                name, question, item = _previous(sections, position, step, response.working_answers, number)
            elif going == "add":
                name, question, item = section["name"], None, len(answered.items) + 1
            else:
                name, question, item = _next(sections, position, step, response.working_answers, number)
            if name is not None:
                services.left_at(response, name, item)
            return redirect(_target_url(survey, token, name, question, item))
    return _render(
        request,
        "surveys/section.html",
        {
            "page": survey,
            "survey": survey,
            "response": response,
            "section": section,
            "questions": answered.questions(),
            "known_answers": answered.known_answers(),
            "multipart": answered.takes_files,
            "problems": answered.errors,
            "position": position + 1,
            "count": len(sections),
            "previous": position > 0 or bool(step),
            "accessible": accessible,
            "step": step,
            "steps": len(shown),
            "repeat": _repeat_context(survey, token, definition, section, answered) if repeat else None,
            **language,
        },
        status=400 if answered.errors else 200,
    )


def _item(request, answers: dict, section: dict) -> int:
    """The item of a repeated section on the page (from 1; one past the last: a new one)."""
    count = len(repeats.items_of(answers, section))
    try:
        number = int(request.POST.get("item") or request.GET.get("item") or 1)
    except ValueError:
        number = 1
    return max(1, min(number, count + 1 if count < section["repeat"]["max"] else count))


def _seen(answers: dict, section: dict, number: int | None) -> dict:
    """The answers conditions read on the page: inside an item, the item's over the others."""
    if number is None:
        return answers
    items = repeats.items_of(answers, section)
    return repeats.context(answers, items[number - 1] if number <= len(items) else {})


def _count_errors(section: dict, answered, adding: bool = False) -> dict[str, list[str]]:
    """Too few items to go on from the last one, or no room for one more."""
    count, repeat = len(answered.items), section["repeat"]
    if adding:
        if count < repeat["max"]:
            return {}
        return {"": [ngettext("This section takes at most %(count)d item.",
                              "This section takes at most %(count)d items.", repeat["max"])
                     % {"count": repeat["max"]}]}
    if answered.number < count:
        return {}
    return {"": repeats.count_problems(section, count)} if count < repeat["min"] else {}


def _repeat_context(survey, token: str, definition: dict, section: dict, answered) -> dict:
    """The items of a repeated section listed on its page, and what the page says of the current one."""
    answers = answered.stored
    listed = [{
        "number": number,
        "title": repeats.item_title(section, number, item, definition, answers),
        "url": _section_url(survey, token, section["name"], item=number),
        "current": number == answered.number,
    } for number, item in enumerate(answered.items, start=1)]
    repeat = section["repeat"]
    name = repeat.get("item_name") or _("Item")
    return {
        "items": listed,
        "number": answered.number,
        "new": answered.new,
        "heading": listed[answered.number - 1]["title"] if not answered.new else f"{name} {answered.number}",
        "add_label": repeat.get("add_label") or _("Add another"),
        "can_add": len(answered.items) < repeat["max"],
        "errors": answered.errors.get("", []),
        "min": repeat.get("min", 0),
        "max": repeat["max"],
    }


def _step(request, shown: list[dict]) -> int:
    try:
        step = int(request.POST.get("q") or request.GET.get("q") or 0)
    except ValueError:
        step = 0
    return max(0, min(step, len(shown) - 1))


def _previous(sections, position, step, answers, number) -> tuple[str, int | None, int | None]:
    """The section (and question, in accessibility mode; item, in a repeated section) before this one."""
    section = sections[position]
    if step:
        return section["name"], step - 1, number
    if number and number > 1:
        return section["name"], None, number - 1
    before = sections[max(position - 1, 0)]
    last = len(repeats.items_of(answers, before)) if before.get("repeat") and before is not section else 0
    return before["name"], None, last or None


def _next(sections, position, step, answers, number) -> tuple[str | None, int | None, int | None]:
    """The next section (or question, or item), or (None, None, None) for the review after the last
    section."""
    section = sections[position]
    if step is not None and step + 1 < len(visible_questions(section, _seen(answers, section, number))):
        return section["name"], step + 1, number
    if number and number < len(repeats.items_of(answers, section)):
        return section["name"], None, number + 1
    if position + 1 < len(sections):
        return sections[position + 1]["name"], None, None
    return None, None, None


def _target_url(survey, token, name: str | None, question: int | None, item: int | None = None) -> str:
    if name is None:
        return survey.url + survey.reverse_subpage("review", args=[token])
    return _section_url(survey, token, name, question, item)


def _answers_in_words(definition: dict, answers: dict) -> list[dict]:
    return [
        {
            "section": section,
            "answers": [] if section.get("repeat") else [
                (
                    piped(question, definition, answers),
                    label_of(question, answers.get(question["name"]), definition, answers),
                )
                for question in visible_questions(section, answers)
            ],
            "items": repeats.items_in_words(definition, section, answers) if section.get("repeat") else None,
        }
        for section in visible_sections(definition, answers)
    ]


def _in_language(request, response: Response) -> tuple[dict, dict]:
    """The definition in the respondent's chosen language, and what the page needs to show and switch it."""
    language = chosen_language(request, response.version.definition)
    definition = translated(response.version.definition, language)
    return definition, {
        "title": definition.get("title", ""),
        "languages": definition.get("languages", []),
        "language": language,
    }


def review(survey: SurveyPage, request, token: str):
    response = _response(survey, request, token)
    if request.method == "POST":
        if not _editable(survey, response):
            # Closed, or submitted and not editable: a repeated submit changes nothing.
            if response.status == Response.Status.SUBMITTED:
                return redirect(survey.url + survey.reverse_subpage("receipt", args=[token]))
            return redirect(survey.url)
        submitted, problems = services.submit_response(response)
        if not problems:
            return redirect(survey.url + survey.reverse_subpage("receipt", args=[token]))
        first, item = repeats.read_location(next(iter(problems)))
        messages.error(request, _("Some answers need your attention before you submit."))
        return redirect(_section_url(survey, token, first, item=item, check=True))
    definition, language = _in_language(request, response)
    return _render(
        request,
        "surveys/review.html",
        {
            "page": survey,
            "survey": survey,
            "response": response,
            "summary": _answers_in_words(definition, response.working_answers),
            "problems": services.problems_before_submitting(response),
            **language,
        },
    )


def receipt(survey: SurveyPage, request, token: str):
    response = _response(survey, request, token)
    if response.status != Response.Status.SUBMITTED:
        return redirect(survey.url + survey.reverse_subpage("resume", args=[token]))
    definition, language = _in_language(request, response)
    return _render(
        request,
        "surveys/receipt.html",
        {
            "page": survey,
            "survey": survey,
            "response": response,
            "summary": _answers_in_words(definition, response.answers),
            "editable": _editable(survey, response),
            "resume_url": request.build_absolute_uri(
                survey.url + survey.reverse_subpage("resume", args=[token])
            ),
            **language,
        },
    )


def saved(survey: SurveyPage, request, token: str):
    """Answers saved: the resume link on the page, and by email to whoever asks for it."""
    response = _response(survey, request, token)
    resume_url = request.build_absolute_uri(survey.url + survey.reverse_subpage("resume", args=[token]))
    form = ResumeLinkForm(request.POST or None, initial={"email": getattr(request.user, "email", "")})
    limited = False
    if request.method == "POST" and form.is_valid():
        # Limited per recipient address and per client address (ACCOUNT_RATE_LIMITS["survey_resume_link"]).
        address = form.cleaned_data["email"].lower()
        limited = not ratelimit.consume(request, action="survey_resume_link", key=address)
        if limited:
            form.add_error("email", _(
                "Many links were asked for this address or from your network in the last hour, so no "
                "email is sent now. Your answers are saved: keep the link above, or try again later."
            ))
        elif services.send_resume_link(response, form.cleaned_data["email"], resume_url):
            messages.success(request, _("The link is on its way to %(email)s.") % form.cleaned_data)
        else:
            messages.warning(request, _("A link was sent a moment ago; please check your inbox first."))
        if not limited:
            return redirect(survey.url + survey.reverse_subpage("saved", args=[token]))
    context = {"page": survey, "survey": survey, "response": response, "resume_url": resume_url, "form": form}
    return _render(request, "surveys/saved.html", context, status=429 if limited else 200)


def invitation(survey: SurveyPage, request, token: str):
    """An invited person's link: always the same response, until it is submitted (then the receipt)."""
    from .invitations import InvitationUsed, open_invitation
    from .models import Invitation

    invited = get_object_or_404(Invitation, survey=survey, token=token)
    try:
        response = open_invitation(invited)
    except services.SurveyClosed:
        messages.error(request, _("This survey is not open for answers."))
        return redirect(survey.url)
    except InvitationUsed:
        messages.info(request, _(
            "Your answers were submitted: thank you. The survey is anonymous, so this invitation link "
            "no longer leads to them."
        ))
        return redirect(survey.url)
    return redirect(survey.url + survey.reverse_subpage("resume", args=[response.token]))


def response_file(survey: SurveyPage, request, token: str, pk: int):
    """A file the respondent sent, for them alone (their response's link; signed in, their account)."""
    response = _response(survey, request, token)
    found = get_object_or_404(ResponseFile.objects.select_related("file"), pk=pk, response=response)
    return serve_private_file(request, found.file)
