from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import blocks

from . import register
from .blocks import ChoiceBlock
from .choices import ChoiceType, as_json
from .edits import Change, setting


@register
class SingleChoice(ChoiceType):
    name = "single_choice"
    label = gettext_lazy("Single choice")
    defaults = {"widget": "radio"}
    schema = {
        "required": ["choices"],
        "properties": {
            "choices": {"type": "array", "minItems": 2, "items": {"$ref": "#/$defs/choice"}},
            "widget": {"enum": ["radio", "dropdown"], "default": "radio"},
        },
    }
    template = "surveys/questions/types/single_choice.html"

    def builder_blocks(self):
        return [
            ("widget", blocks.ChoiceBlock(
                choices=[("radio", gettext_lazy("Radio buttons")),
                         ("dropdown", gettext_lazy("Dropdown list"))],
                default="radio",
            )),
            ("choices", blocks.ListBlock(ChoiceBlock(), min_num=2)),
        ]

    def grouped(self, question):
        return question.get("widget") != "dropdown"

    def first_input_id(self, question, rows):
        if not self.grouped(question):
            return f"id_{question['name']}"
        return super().first_input_id(question, rows)

    def changes(self, old, new):
        changes = super().changes(old, new)
        if setting(old, "widget") != setting(new, "widget"):
            widget = _("a dropdown") if new.get("widget") == "dropdown" else _("radio buttons")
            changes.append(Change(False, _("Question %(name)s is shown as %(widget)s.")
                                  % {"name": new["name"], "widget": widget}))
        return changes

    def picked_choices(self, answer):
        return as_json([answer]) if isinstance(answer, str) else ""
