from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import blocks

from . import register
from .base import Variable
from .blocks import ConditionalChoiceBlock
from .choices import (
    OTHER,
    OTHER_SCHEMA,
    VARYING_DEFAULTS,
    VARYING_SCHEMA,
    ChoiceType,
    as_json,
    other_blocks,
    randomise_block,
)
from .edits import Change, setting


@register
class SingleChoice(ChoiceType):
    name = "single_choice"
    label = gettext_lazy("Single choice")
    defaults = {"widget": "radio", **ChoiceType.defaults, **VARYING_DEFAULTS}
    schema = {
        "required": ["choices"],
        "properties": {
            "choices": {"type": "array", "minItems": 2, "items": {"$ref": "#/$defs/choice"}},
            "widget": {"enum": ["radio", "dropdown"], "default": "radio"},
            **OTHER_SCHEMA,
            **VARYING_SCHEMA,
        },
    }
    template = "surveys/questions/types/single_choice.html"
    varies_choices = True
    xlsform_types = ("select one",)
    xlsform_fallback = True  # a select_one that no other type (a rating's scale) claims
    xlsform_select = "select_one"  # a dropdown has the appearance `minimal`

    def builder_blocks(self):
        return [
            ("widget", blocks.ChoiceBlock(
                choices=[("radio", gettext_lazy("Radio buttons")),
                         ("dropdown", gettext_lazy("Dropdown list"))],
                default="radio",
            )),
            ("choices", blocks.ListBlock(ConditionalChoiceBlock(), min_num=2)),
            *other_blocks(),
            randomise_block(),
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

    def columns(self, question):
        return ["", OTHER] if question.other else [""]

    def cells(self, question, target, cell):
        if not question.other:
            return super().cells(question, target, cell)
        name, text, companion = question.name, cell["text"], f"{question.name}__{OTHER}"
        return lambda answers, version: [text(answers.get(name)), text(answers.get(companion))]

    def variables(self, question):
        choice = Variable("choice", {option.name: option.label for option in question.choices})
        return [choice, Variable("text")] if question.other else [choice]

    def xlsform_cells(self, question):
        return {"appearance": "minimal" if question["widget"] == "dropdown" else ""}

    def from_xlsform(self, reader, element, question, where, at):
        widget = reader.appearance(element, where, {"": None, "minimal": "dropdown"})
        if widget:
            question["widget"] = widget
        reader.constraint_left(where, reader.constraint(element, set())[1])
        question = self.with_xlsform_choices(reader, element, question, where, at)
        if question and len(question["choices"]) == 1:
            # The portal's single choice offers at least two; one box to tick asks the same.
            question.pop("widget", None)
            question |= {"type": "multiple_choice", "max_selected": 1}
            reader.notes.append(f"{where}: a select_one of one choice is read as a multiple choice of at "
                                "most one choice (a box to tick).")
        return question
