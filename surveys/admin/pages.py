"""Survey pages in the page tree: one that has versions (and so answers) is not deleted from here, and a
publish that left respondents on their version (surveys.publishing) says so in the editor and the history."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import LogFormatter

from .. import publishing
from ..changes import compare
from ..models import SurveyPage


def keep_answered_surveys(request, page):
    if isinstance(page.specific_deferred, SurveyPage) and page.specific.versions.exists():
        messages.error(request, _(
            "A survey that was published keeps its versions and answers: unpublish it, or set a closing "
            "date, instead of deleting it."
        ))
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


def say_the_new_version_waits(request, page):
    if request.method == "GET" and isinstance(page, SurveyPage):
        entry = publishing.held_edit(page)
        if entry is not None:
            messages.warning(request, publishing.held_message(page, entry))


def say_what_the_new_version_changes(request, page):
    """Publishing in the editor: the new version's changes, safe ones included, beside Wagtail's message."""
    if not isinstance(page, SurveyPage):
        return
    newest = list(page.versions.order_by("-number")[:2])
    if len(newest) < 2 or not newest[0].published_at or newest[0].published_at < page.last_published_at:
        return
    changes = compare(newest[1].definition, newest[0].definition)
    if changes:
        messages.info(request, _("Respondents now answer version %(number)s. What changed: %(changes)s") % {
            "number": newest[0].number, "changes": " ".join(change.text for change in changes)})


def say_which_published_surveys_wait(request, action_type, objects, action_class_instance):
    if action_type != "publish":
        return
    for page in objects:
        if isinstance(page.specific_deferred, SurveyPage):
            survey = page.specific
            entry = publishing.held_edit(survey)
            if entry is not None:
                messages.warning(request, publishing.held_message(survey, entry))


def survey_log_actions(actions):
    @actions.register_action(publishing.CONFIRMED)
    class Confirmed(LogFormatter):
        label = gettext_lazy("Confirm a breaking survey edit")

        def format_message(self, log_entry):
            return _("Confirmed an edit that breaks comparability with answers to version %(version)s: "
                     "%(changes)s") % {"version": log_entry.data.get("version"),
                                       "changes": "; ".join(log_entry.data.get("changes", []))}

    @actions.register_action(publishing.HELD)
    class Held(LogFormatter):
        label = gettext_lazy("Keep a survey version")

        def format_message(self, log_entry):
            return _("Published without confirming an edit that breaks comparability: respondents still "
                     "answer version %(version)s (%(changes)s)") % {
                "version": log_entry.data.get("version"),
                "changes": "; ".join(log_entry.data.get("changes", [])),
            }
