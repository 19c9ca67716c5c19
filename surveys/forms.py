"""The survey page's admin form: no publishing without a privacy statement link, and no edit that
breaks the comparability of answers already given without the coordinator saying so."""

from django import forms
from django.utils.translation import gettext_lazy, ngettext
from wagtail.admin.forms import WagtailAdminPageForm

from .definition import publishing_problems


class SurveyPageForm(WagtailAdminPageForm):
    accept_breaking_changes = forms.BooleanField(
        label=gettext_lazy("Publish even though the edit breaks comparability with earlier answers"),
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        self.confirmed_edit = None
        if not self._publishes() or "definition" not in cleaned:
            return cleaned
        definition = cleaned["definition"]
        problems = publishing_problems(definition)
        for problem in problems:
            self.add_error("definition", problem)
        if problems or not self.instance.pk:
            return cleaned
        from .publishing import breaking_edit  # it imports the models, which import this form

        edit = breaking_edit(self.instance, definition)
        if edit is None:
            return cleaned
        if cleaned.get("accept_breaking_changes"):
            self.confirmed_edit = (definition, edit)
            return cleaned
        self.add_error(
            "accept_breaking_changes",
            ngettext(
                "%(count)s response was given to this survey, and this edit breaks comparability with it: "
                "%(changes)s. Tick the box to publish anyway; answers already given keep their version.",
                "%(count)s responses were given to this survey, and this edit breaks comparability with "
                "them: %(changes)s. Tick the box to publish anyway; answers already given keep their "
                "version.",
                edit.responses,
            )
            % {"count": edit.responses, "changes": "; ".join(edit.changes)},
        )
        return cleaned

    def _publishes(self) -> bool:
        """Publishing, or approving in the moderation workflow (which publishes at its last step)."""
        if self.data.get("action-publish"):
            return True
        approving = self.data.get("workflow-action-name") == "approve"
        return bool(self.data.get("action-workflow-action")) and approving

    def save(self, commit=True):
        page = super().save(commit=commit)
        if getattr(self, "confirmed_edit", None):
            from .publishing import record_confirmation

            definition, edit = self.confirmed_edit
            record_confirmation(page, definition, edit, user=self.for_user)
        return page


class ResumeLinkForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("Your email address"), max_length=254)
