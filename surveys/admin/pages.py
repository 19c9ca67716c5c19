"""Survey pages in the page tree: one that has versions (and so answers) is not deleted from here."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail import hooks

from ..models import SurveyPage


@hooks.register("before_delete_page")
def keep_answered_surveys(request, page):
    if isinstance(page.specific_deferred, SurveyPage) and page.specific.versions.exists():
        messages.error(request, _(
            "A survey that was published keeps its versions and answers: unpublish it, or set a closing "
            "date, instead of deleting it."
        ))
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None
