"""The survey page's admin form: a survey is not published without its privacy statement link."""

from wagtail.admin.forms import WagtailAdminPageForm

from .definition import publishing_problems


class SurveyPageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned = super().clean()
        if "action-publish" in self.data and "definition" in cleaned:
            for problem in publishing_problems(cleaned["definition"]):
                self.add_error("definition", problem)
        return cleaned
