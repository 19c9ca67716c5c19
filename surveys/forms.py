"""The survey page's admin form: no publishing without a privacy statement link, and no edit that
breaks the comparability of answers already given without the coordinator saying so."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminPageForm

from .changes import compare
from .definition import publishing_problems


class SurveyPageForm(WagtailAdminPageForm):
    accept_breaking_changes = forms.BooleanField(
        label=gettext_lazy("Publish even though the edit breaks comparability with earlier answers"),
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        if "action-publish" not in self.data or "definition" not in cleaned:
            return cleaned
        definition = cleaned["definition"]
        for problem in publishing_problems(definition):
            self.add_error("definition", problem)
        version = self.instance.current_version() if self.instance.pk else None
        if version is None:
            return cleaned
        breaking = [change.text for change in compare(version.definition, definition) if change.breaking]
        answered = version.responses.count()
        if breaking and answered and not cleaned.get("accept_breaking_changes"):
            self.add_error(
                "accept_breaking_changes",
                _(
                    "%(count)s responses answered the published version, and this edit breaks "
                    "comparability with them: %(changes)s Tick the box to publish anyway; those "
                    "responses keep their version."
                )
                % {"count": answered, "changes": " ".join(breaking)},
            )
        return cleaned


class ResumeLinkForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("Your email address"), max_length=254)
