"""Ranking: the respondent puts the choices in order, all of them or only the top `rank_count`.

The answer is the list of choice names, best first. The form has one select a choice (its position),
named `<question>__<choice>`, so that it works without JavaScript; static/js/ranking.js turns the same
fields into a list reordered by buttons or by drag. Positions that do not make an order (two choices at
one position, a gap) are kept as typed, as {choice: position}, until the respondent corrects them.
"""

from __future__ import annotations

from django.contrib.humanize.templatetags.humanize import ordinal
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import blocks

from . import register
from .base import Variable, clean
from .blocks import ChoiceBlock
from .choices import ChoiceType, as_json
from .edits import Change, answered, choice_changes


def places(question: dict) -> int:
    """How many positions there are to fill: rank_count, or every choice."""
    return question.get("rank_count") or len(question.get("choices", []))


def positions_of(value) -> dict[str, str]:
    """{choice: position} of an answer, a list in order or positions as typed."""
    if isinstance(value, dict):
        return {choice: str(position) for choice, position in value.items() if position}
    if isinstance(value, list):
        ranked = enumerate(value, start=1)
        return {choice: str(number) for number, choice in ranked if isinstance(choice, str)}
    return {}


def position(text: str) -> int | None:
    return int(text) if text.isascii() and text.isdigit() else None


def in_order(typed: dict[str, str], most: int) -> list[str] | None:
    """The choices by their typed positions when those are 1, 2, ... each given once; else None."""
    numbers = {choice: position(text) for choice, text in typed.items() if position(text) is not None}
    if len(numbers) != len(typed) or sorted(numbers.values()) != list(range(1, len(numbers) + 1)):
        return None
    return sorted(numbers, key=numbers.get) if len(numbers) <= most else None


@register
class Ranking(ChoiceType):
    name = "ranking"
    label = gettext_lazy("Ranking")
    conditions_on = False  # "ranked anywhere" would hold for every complete answer
    defaults = {"rank_count": None}
    schema = {
        "required": ["choices"],
        "properties": {
            "choices": {"type": "array", "minItems": 2, "items": {"$ref": "#/$defs/choice"}},
            "rank_count": {"$ref": "#/$defs/count_or_null"},
        },
    }
    template = "surveys/questions/types/ranking.html"
    result_kind = "ranking"
    # XLSForm: `rank <question>`, its choices the list named after the question. ODK's rank orders every
    # choice and takes no parameter for "the top N", so a rank_count is not written (the writer says so).
    xlsform_types = ("rank",)
    xlsform_select = "rank"

    def problems(self, question, earlier, where):
        problems = super().problems(question, earlier, where)
        count, choices = question.get("rank_count"), question.get("choices", [])
        if count is not None and count > len(choices):
            problems.append(f"{where}: rank_count ({count}) is more than the number of choices "
                            f"({len(choices)})")
        return problems

    def builder_blocks(self):
        return [
            ("choices", blocks.ListBlock(ChoiceBlock(), min_num=2)),
            ("rank_count", blocks.IntegerBlock(
                required=False, min_value=1, label=gettext_lazy("Rank only the top"),
                help_text=gettext_lazy("Leave empty to have every choice ranked."),
            )),
        ]

    def builder_errors(self, value):
        if value.get("rank_count") and value["rank_count"] > len(value.get("choices") or []):
            return {"rank_count": ValidationError(_("Must not be more than the number of choices."))}
        return {}

    # --- Answering ---------------------------------------------------------------------------------

    def read(self, question, data, rows):
        name = question["name"]
        fields = {choice["name"]: data.get(f"{name}__{choice['name']}", "") for choice in question["choices"]}
        typed = {choice: clean(position) for choice, position in fields.items() if clean(position)}
        ordered = in_order(typed, places(question))
        return typed if ordered is None else ordered

    def check(self, question, value, rows):
        most = places(question)
        known = {choice["name"]: choice["label"] for choice in question["choices"]}
        typed = positions_of(value)
        if not isinstance(value, list | dict) or any(choice not in known for choice in typed):
            return [_("Choose from the options given.")]
        if isinstance(value, list) and len(set(value)) != len(value):
            return [_("Rank each option once.")]
        numbers = {choice: position(text) for choice, text in typed.items()}
        if any(number is None or not 1 <= number <= most for number in numbers.values()):
            return [_("Choose from the positions given.")]
        problems = []
        for number in sorted(set(numbers.values())):
            sharing = [known[choice] for choice, taken in numbers.items() if taken == number]
            if len(sharing) > 1:
                problems.append(_("%(options)s are all in position %(position)s: give each position to one "
                                  "option only.") % {"options": ", ".join(sharing), "position": number})
        if problems:
            return problems
        taken = set(numbers.values())
        wanted = most if question.get("required") else max(taken)
        missing = [ordinal(number) for number in range(1, wanted + 1) if number not in taken]
        if missing:
            return [_("Fill the positions in order, from the first: %(positions)s missing.")
                    % {"positions": ", ".join(missing)}]
        return []

    def first_input_id(self, question, rows):
        return f"id_{question['name']}__{question['choices'][0]['name']}"

    def words(self, question, value, rows):
        labels = {choice["name"]: choice["label"] for choice in question["choices"]}
        typed = sorted(positions_of(value).items(), key=lambda item: (len(item[1]), item[1]))
        return "; ".join(f"{position}. {labels.get(choice, choice)}" for choice, position in typed)

    # --- Edits ---------------------------------------------------------------------------------------

    def changes(self, old, new):
        name = new["name"]
        changes = choice_changes(old, new)
        before, after = places(old), places(new)
        # Every choice ranked, before and after: a removed choice is already listed with the answers it
        # touches.
        every_choice = old.get("rank_count") is None and new.get("rank_count") is None
        if before != after and not (every_choice and after < before):
            text = _("Question %(name)s: the number of options to rank changes from %(old)s to %(new)s.") % {
                "name": name, "old": before, "new": after}
            if after < before:
                changes.append(Change(True, text,
                                      lambda answers: len(positions_of(answers.get(name))) > after))
            elif new.get("required"):
                # Earlier answers to a required question filled fewer positions than it now asks for.
                changes.append(Change(True, text, answered(name)))
            else:
                changes.append(Change(False, text))
        return changes

    # --- Statistics ----------------------------------------------------------------------------------

    def picked_choices(self, answer):
        """Each ranked choice's position, as a matrix keeps its rows' choices: {choice: "2"}."""
        if not isinstance(answer, list):
            return ""
        ranked = positions_of(answer)
        return as_json(dict(sorted(ranked.items()))) if ranked else ""

    # --- XLSForm -------------------------------------------------------------------------------------

    def to_xlsform(self, writer, question, row, here):
        super().to_xlsform(writer, question, row, here)
        if question.get("rank_count") is not None:
            writer.notes.append(
                f"Question {question['name']}: an XLSForm rank question orders every choice; ranking only "
                f"the top {question['rank_count']} (rank_count) is left out."
            )

    def from_xlsform(self, reader, element, question, where, at):
        reader.appearance(element, where, {"": None})
        reader.constraint_left(where, reader.constraint(element, set())[1])
        question = self.with_xlsform_choices(reader, element, question, where, at)
        if question and question.pop("other", False):
            reader.notes.append(f"{where}: a ranking has no “Other, please specify”; or_other is left out.")
        return question

    # --- Exports -------------------------------------------------------------------------------------

    def columns(self, question):
        return [option.name for option in question.choices]

    def cells(self, question, target, cell):
        name, options = question.name, [option.name for option in question.choices]
        number, empty = cell["number"], cell["empty"]
        blank = [empty] * len(options)

        def ranked(answers, version):
            value = answers.get(name)
            if not value or not isinstance(value, list):
                return blank
            found = positions_of(value)
            return [number(found[option]) if option in found else empty for option in options]

        return ranked

    def variables(self, question):
        return [Variable("number")] * len(self.columns(question))

    def codebook_values(self, question):
        return "the position the respondent gave this choice (1 = first); empty = not ranked or not answered"
