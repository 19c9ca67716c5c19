"""What the choice questions share: a list of named choices, picked by name, and optionally a last
choice "Other, please specify" (`"other": true`) whose text is kept beside the answer."""

from __future__ import annotations

import json

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import blocks

from .base import QuestionType, duplicates
from .edits import Change, choice_changes, picked, setting

OTHER = "other"  # the reserved name of the "Other" choice; its text is under `<question>__other`
OTHER_LABEL = gettext_lazy("Other, please specify")
OTHER_LENGTH = 500  # characters of the text typed with "Other"
OTHER_TEXT_VALUES = ("text typed with “Other” (only where it was picked); in the CSV, text starting with "
                     "= + - @ has an apostrophe added in front")
# Choices that vary with the respondent: shown in another order for each (`randomise`, the order kept with
# the answers, see surveys/answering.py) and offered only when their `when` condition holds.
VARYING_SCHEMA = {"randomise": {"type": "boolean", "default": False}}
VARYING_DEFAULTS = {"randomise": False}
OTHER_SCHEMA = {
    "other": {"type": "boolean", "default": False},
    "other_label": {"type": "string", "default": ""},
}


def as_json(value) -> str:
    return json.dumps(value, separators=(",", ":"))


def other_label(question: dict) -> str:
    return question.get("other_label") or str(OTHER_LABEL)


def offered_choices(question: dict) -> list[dict]:
    """The choices a respondent sees: the question's own, then "Other" where it asks for one."""
    choices = list(question.get("choices", []))
    if question.get("other"):
        choices.append({"name": OTHER, "label": other_label(question), "exclusive": False})
    return choices


def randomise_block() -> tuple[str, blocks.Block]:
    return ("randomise", blocks.BooleanBlock(
        required=False, label=gettext_lazy("Shuffle the choices"),
        help_text=gettext_lazy("Each respondent sees the choices in an order of their own (kept with their "
                               "answers); exclusive choices and “Other” stay last."),
    ))


def other_blocks() -> list[tuple[str, blocks.Block]]:
    return [
        ("other", blocks.BooleanBlock(required=False, label=gettext_lazy("Offer “Other, please specify”"),
                                      help_text=gettext_lazy("A last choice with a text field for the "
                                                             "respondent's own answer."))),
        ("other_label", blocks.CharBlock(required=False, label=gettext_lazy("Label of “Other”"),
                                         help_text=gettext_lazy("Leave empty for “Other, please specify”."))),
    ]


class ChoiceType(QuestionType):
    has_choices = True
    conditions_on = True
    result_kind = "choices"
    defaults = {"other": False, "other_label": ""}

    def problems(self, question, earlier, where):
        choices = question.get("choices", [])
        problems = duplicates("choice", [choice["name"] for choice in choices], where)
        if self.name != "multiple_choice" and any(choice.get("exclusive") for choice in choices):
            problems.append(f"{where}: exclusive choices only have a meaning in a multiple_choice question")
        if question.get("other") and OTHER in {choice["name"] for choice in choices}:
            problems.append(f"{where}: a choice named {OTHER!r} is reserved for “Other, please specify” when "
                            "other is true; rename it or leave other out")
        if question.get("other_label") and not question.get("other"):
            problems.append(f"{where}: other_label is set but other is not true")
        return problems

    def choices_of(self, question):
        return offered_choices(question)

    def picked(self, value) -> list:
        return value if isinstance(value, list) else [value]

    def check(self, question, value, rows):
        known = {choice["name"] for choice in offered_choices(question)}
        if not isinstance(value, list | str) or any(name not in known for name in self.picked(value)):
            return [_("Choose from the options given.")]
        return []

    def words(self, question, value, rows, companion=""):
        labels = {choice["name"]: choice["label"] for choice in question["choices"]}
        if question.get("other"):
            labels[OTHER] = _("Other: %(text)s") % {"text": companion} if companion else other_label(question)
        return "; ".join(labels.get(name, name) for name in self.picked(value))

    def first_input_id(self, question, rows):
        return f"id_{question['name']}_{question['choices'][0]['name']}"

    # The text typed with "Other".

    def companion(self, question):
        return f"{question['name']}__{OTHER}" if question.get("other") else ""

    def asks_companion(self, question, value):
        return bool(question.get("other")) and OTHER in self.picked(value)

    def check_companion(self, question, value, text):
        if not text:
            return [_("Say what your other answer is, or choose another option.")]
        if len(text) > OTHER_LENGTH:
            return [_("Use at most %(limit)s characters (you used %(used)s).")
                    % {"limit": OTHER_LENGTH, "used": len(text)}]
        return []

    def changes(self, old, new):
        changes = choice_changes(old, new) + _offer_changes(old, new)
        name = new["name"]
        if setting(old, "other") and not setting(new, "other"):
            changes.append(Change(True, _("Question %(name)s no longer offers “Other”.") % {"name": name},
                                  picked(new, [OTHER])))
        elif setting(new, "other") and not setting(old, "other"):
            changes.append(Change(False, _("Question %(name)s offers “Other”.") % {"name": name}))
        elif setting(new, "other") and setting(old, "other_label") != setting(new, "other_label"):
            changes.append(Change(False, _("Question %(name)s: “Other” is worded differently.")
                                  % {"name": name}))
        return changes

    def column_values(self, question, option):
        if question.other and option == OTHER:
            return OTHER_TEXT_VALUES
        return self.codebook_values(question)

    def codebook_values(self, question):
        return "; ".join(f"{option.name} = {option.label}" for option in question.choices)

    # XLSForm: `select_one <question>` or `select_multiple <question>`, its choices the list named after
    # the question; an exclusive choice is also marked in the choices sheet's portal_exclusive column.
    # "Other" is XLSForm's `or_other` after the list's name: pyxform adds the choice `other` (labelled
    # "Other") and a text question `<question>_other`, shown when it is picked.
    xlsform_select = ""  # the row's type, before the list's name

    xlsform_columns = ("parameters",)

    def to_xlsform(self, writer, question, row, here):
        other = " or_other" if question.get("other") else ""
        writer.survey.append({**row, "type": f"{self.xlsform_select} {question['name']}{other}",
                              "required": writer.required(question),
                              "parameters": "randomize=true" if question.get("randomise") else "",
                              **self.xlsform_cells(question)})
        writer.choice_list(question["name"], question["choices"], here)
        if question.get("other") and question.get("other_label"):
            writer.notes.append(f"Question {question['name']}: XLSForm tools label “Other” themselves; its "
                                f"label {question['other_label']!r} is left out.")

    def xlsform_cells(self, question) -> dict[str, str]:
        """The type's own cells of its row (appearance, constraint)."""
        return {}

    # `randomize=true` in the `parameters` column shuffles the choices (`randomise`) where the type may;
    # XLSForm tools draw one order a form opened, the portal one a respondent.
    xlsform_parameters = frozenset({"randomize"})

    def with_xlsform_choices(self, reader, element, question, where, at, exclusive=()):
        """The question with the choices of its list, those named in `exclusive` marked so; None when
        the list is not in the workbook."""
        choices = reader.choices(element, at, where)
        if choices is None:
            return None
        if reader.asks_other(element):
            # pyxform adds the choice `other` and the text question `<question>_other` that goes with it
            question["other"] = True
            reader.leave_out(f"{question['name']}_{OTHER}")
        for choice in choices:
            if choice["name"] in exclusive:
                choice["exclusive"] = True
        question["choices"] = choices
        randomize = str((element.get("parameters") or {}).get("randomize") or "").strip().lower()
        if randomize in ("true", "yes", "true()"):
            if self.varies_choices:
                question["randomise"] = True
            else:
                reader.notes.append(f"{where}: a {self.name} question cannot shuffle its choices; "
                                    "randomize is left out.")
        return question


def _offer_changes(old: dict, new: dict) -> list[Change]:
    """A choice offered on another condition (`when`): breaking for the answers that picked it where the new
    condition no longer offers it; shuffling switched on or off is safe."""
    from surveys.logic import holds

    name = new["name"]
    before = {choice["name"]: choice.get("when") for choice in old.get("choices", [])}
    changes = []
    for choice in new.get("choices", []):
        if choice["name"] not in before or before[choice["name"]] == choice.get("when"):
            continue
        when = choice.get("when")

        def withdrawn(answers, picked_name=choice["name"], when=when):
            value = answers.get(name)
            picked_it = picked_name in (value if isinstance(value, list) else [value])
            return picked_it and not holds(when, answers)

        changes.append(Change(True, _("Question %(name)s offers choice %(choice)s on another condition.")
                              % {"name": name, "choice": choice["name"]}, withdrawn))
    if bool(old.get("randomise")) != bool(new.get("randomise")):
        text = (_("Question %(name)s shows its choices in an order of each respondent's.")
                if new.get("randomise") else _("Question %(name)s shows its choices in their order."))
        changes.append(Change(False, text % {"name": name}))
    return changes
