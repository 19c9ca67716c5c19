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
    xlsform_types = ("select one",)
    xlsform_select = "select_one"  # a dropdown has the appearance `minimal`

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

    def xlsform_cells(self, question):
        return {"appearance": "minimal" if question["widget"] == "dropdown" else ""}

    def from_xlsform(self, reader, element, question, where, at):
        widget = reader.appearance(element, where, {"": None, "minimal": "dropdown"})
        if widget:
            question["widget"] = widget
        reader.constraint_left(where, reader.constraint(element, set())[1])
        return self.with_xlsform_choices(reader, element, question, where, at)
