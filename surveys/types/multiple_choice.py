from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import blocks

from . import register
from .base import Variable, chosen_flag, clean
from .blocks import ConditionalExclusiveChoiceBlock
from .choices import (
    OTHER,
    OTHER_SCHEMA,
    VARYING_DEFAULTS,
    VARYING_SCHEMA,
    ChoiceType,
    as_json,
    offered_choices,
    other_blocks,
    randomise_block,
)
from .edits import counted_choices, limit, whole


@register
class MultipleChoice(ChoiceType):
    name = "multiple_choice"
    label = gettext_lazy("Multiple choice")
    defaults = {"min_selected": None, "max_selected": None, **ChoiceType.defaults, **VARYING_DEFAULTS}
    schema = {
        "required": ["choices"],
        "properties": {
            "choices": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/choice"}},
            "min_selected": {"$ref": "#/$defs/count_or_null"},
            "max_selected": {"$ref": "#/$defs/count_or_null"},
            **OTHER_SCHEMA,
            **VARYING_SCHEMA,
        },
    }
    template = "surveys/questions/types/multiple_choice.html"
    varies_choices = True
    picks_several = True
    xlsform_types = ("select all that apply",)
    # The fewest and most choices, and each exclusive choice, are clauses of the constraint.
    xlsform_select = "select_multiple"

    def problems(self, question, earlier, where):
        problems = super().problems(question, earlier, where)
        choices = offered_choices(question)
        low, high = question.get("min_selected"), question.get("max_selected")
        if choices and all(choice.get("exclusive") for choice in choices):
            problems.append(f"{where}: every choice is exclusive; use a single_choice question")
        if low is not None and high is not None and low > high:
            problems.append(f"{where}: min_selected ({low}) is more than max_selected ({high})")
        for key, value in (("min_selected", low), ("max_selected", high)):
            if value is not None and value > len(choices):
                problems.append(f"{where}: {key} ({value}) is more than the number of choices "
                                f"({len(choices)})")
        return problems

    def builder_blocks(self):
        return [
            ("choices", blocks.ListBlock(ConditionalExclusiveChoiceBlock(), min_num=1)),
            ("min_selected", blocks.IntegerBlock(required=False, min_value=1,
                                                 label=gettext_lazy("Pick at least"))),
            ("max_selected", blocks.IntegerBlock(required=False, min_value=1,
                                                 label=gettext_lazy("Pick at most"))),
            *other_blocks(),
            randomise_block(),
        ]

    def read(self, question, data, rows):
        return list(dict.fromkeys(clean(value) for value in data.getlist(question["name"]) if clean(value)))

    def check(self, question, value, rows):
        problems = super().check(question, value, rows)
        if problems:
            return problems
        known = {choice["name"]: choice for choice in offered_choices(question)}
        picked = self.picked(value)
        exclusive = [known[name]["label"] for name in picked if known[name].get("exclusive")]
        if exclusive and len(picked) > 1:
            return [_("“%(option)s” cannot be combined with other options.") % {"option": exclusive[0]}]
        if question.get("min_selected") and len(picked) < question["min_selected"] and not exclusive:
            return [_("Choose at least %(count)s options.") % {"count": question["min_selected"]}]
        if question.get("max_selected") and len(picked) > question["max_selected"]:
            return [_("Choose at most %(count)s options.") % {"count": question["max_selected"]}]
        return []

    def changes(self, old, new):
        name = new["name"]
        return super().changes(old, new) + limit(
            old, new, "min_selected", _("the fewest options to choose"), low=True, read=whole,
            values=lambda answers: counted_choices(new, answers.get(name)),
        ) + limit(
            old, new, "max_selected", _("the most options to choose"), low=False, read=whole,
            values=lambda answers: counted_choices(new, answers.get(name), True),
        )

    def picked_choices(self, answer):
        if not isinstance(answer, list):
            return ""
        choices = sorted({choice for choice in answer if isinstance(choice, str)})
        return as_json(choices) if choices else ""

    # One column a choice: 1 chosen, 0 not chosen, empty where the version answered did not offer it; with
    # "Other", the last column holds the text typed with it (picking it shows in that text).
    def columns(self, question):
        return self.choice_columns(question) + ([OTHER] if question.other else [])

    def choice_columns(self, question) -> list[str]:
        return [option.name for option in question.choices if not (question.other and option.name == OTHER)]

    def cells(self, question, target, cell):
        name = question.name
        options = self.choice_columns(question)
        chosen = cell["chosen"]
        blank = [cell["empty"]] * len(options)
        offered = not_chosen_cells(question, options, cell)

        def multiple(answers, version):
            value = answers.get(name)
            if not value or not isinstance(value, list):
                return blank
            return [chosen if option in value else other
                    for option, other in zip(options, offered[version], strict=True)]

        if not question.other:
            return multiple
        text, companion = cell["text"], f"{name}__{OTHER}"
        return lambda answers, version: [*multiple(answers, version), text(answers.get(companion))]

    def variables(self, question):
        other = [Variable("text")] if question.other else []
        return [chosen_flag()] * len(self.choice_columns(question)) + other

    def codebook_values(self, question):
        return "1 = chosen, 0 = not chosen; empty = not answered, or not offered in the version answered"

    def xlsform_cells(self, question):
        clauses = [f"count-selected(.) {operator} {question[key]}"
                   for key, operator in (("min_selected", ">="), ("max_selected", "<="))
                   if question[key] is not None]
        clauses += [f"not(selected(., '{choice['name']}') and count-selected(.) > 1)"
                    for choice in question["choices"] if choice["exclusive"]]
        return {"constraint": " and ".join(clauses)}

    def from_xlsform(self, reader, element, question, where, at):
        reader.appearance(element, where, {"": None})
        found, left = reader.constraint(element, {"min_selected", "max_selected", "exclusive"})
        for key in ("min_selected", "max_selected"):
            if key in found:
                question[key] = int(found[key][-1])
        reader.constraint_left(where, left)
        return self.with_xlsform_choices(reader, element, question, where, at, found.get("exclusive", ()))


def not_chosen_cells(question, options: list[str], cell: dict) -> dict[int, list]:
    """By version, the cells of the options not chosen: 0 where the version offered it, else empty."""
    return {
        version: [cell["not_chosen"] if version in question.offered.get(one, ()) else cell["empty"]
                  for one in options]
        for version in question.versions
    }
