from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import blocks

from . import register
from .base import Variable, duplicates
from .blocks import ChoiceBlock, RowBlock
from .choices import as_json
from .edits import choice_changes
from .tables import TableType


@register
class Matrix(TableType):
    """One choice a row, from the same choices for every row."""

    name = "matrix"
    label = gettext_lazy("Choice matrix (one answer per row)")
    has_choices = True
    schema = {
        "required": ["rows", "choices"],
        "properties": {
            "rows": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/row"}},
            "choices": {"type": "array", "minItems": 2, "items": {"$ref": "#/$defs/choice"}},
        },
    }
    template = "surveys/questions/types/matrix.html"
    result_kind = "matrix"
    xlsform_row = ("select_one", "select one")  # the type of each row, written and as pyxform reads it

    def problems(self, question, earlier, where):
        choices = question.get("choices", [])
        problems = duplicates("choice", [choice["name"] for choice in choices], where)
        problems += super().problems(question, earlier, where)
        if any(choice.get("exclusive") for choice in choices):
            problems.append(f"{where}: exclusive choices only have a meaning in a multiple_choice question")
        return problems

    def builder_blocks(self):
        return [("rows", blocks.ListBlock(RowBlock(), min_num=1)),
                ("choices", blocks.ListBlock(ChoiceBlock(), min_num=2))]

    def check(self, question, value, rows):
        known = {choice["name"] for choice in question["choices"]}
        if any(value.get(row["name"]) and value[row["name"]] not in known for row in rows):
            return [_("Choose from the options given.")]
        missing = [row["label"] for row in rows if not value.get(row["name"])]
        if missing and question.get("required"):
            return [_("Answer every row: %(rows)s.") % {"rows": ", ".join(missing)}]
        return []

    def first_input_id(self, question, rows):
        if not rows:
            return f"q-{question['name']}"
        return f"id_{question['name']}__{rows[0]['name']}-{question['choices'][0]['name']}"

    def changes(self, old, new):
        return choice_changes(old, new) + super().changes(old, new)

    def picked_choices(self, answer):
        if not isinstance(answer, dict):
            return ""
        rows = {row: choice for row, choice in sorted(answer.items()) if choice and isinstance(choice, str)}
        return as_json(rows) if rows else ""

    def variables(self, question):
        choice = Variable("choice", {option.name: option.label for option in question.choices})
        return [choice] * len(question.rows)

    def codebook_values(self, question):
        return "; ".join(f"{option.name} = {option.label}" for option in question.choices)

    # XLSForm: a group with the appearance `table-list` of `select_one <question>` rows, all from the
    # list named after the question. Read back from a group of select_one rows of one list, named as
    # the writer names them or in a table-list group.

    def to_xlsform(self, writer, question, row, here):
        name = question["name"]
        writer.group(row, question, "table-list")
        for item in question["rows"]:
            writer.survey.append({
                "type": f"{self.xlsform_row[0]} {name}",
                "name": writer.row_name(name, item["name"]),
                **writer.texts("label", f"{here}.rows.{item['name']}.label", item["label"]),
                "required": writer.required(question),
            })
        writer.end_group()
        writer.choice_list(name, question["choices"], here)

    def claims_xlsform_group(self, group):
        return (group.kinds == {self.xlsform_row[1]} and (group.named or group.appearance == "table-list")
                and len({child.get("list_name") for child in group.children}) == 1)

    def from_xlsform_group(self, reader, group, question, where, at):
        if any(group.relevants):
            reader.notes.append(f"{where}: conditions on the rows of a matrix cannot be carried; left out.")
        if any(group.constraints):
            reader.notes.append(f"{where}: constraints on the rows of a matrix cannot be carried; left out.")
        choices = reader.choices(group.children[0], at, where)
        if choices is None:
            return None
        question["choices"] = choices
        question["rows"] = self.xlsform_rows(reader, group, at)
        return question
