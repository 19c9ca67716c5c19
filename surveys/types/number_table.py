from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import blocks

from . import register
from .blocks import RowBlock, number_limits
from .numbers import NUMBER_SCHEMA, NumberType
from .tables import TableType
from .values import checked_number, read_number


@register
class NumberTable(TableType, NumberType):
    """A number a row; the rows fixed, or the choices picked in an earlier multiple-choice question."""

    name = "number_table"
    label = gettext_lazy("Number table")
    schema = {
        "oneOf": [{"required": ["rows"]}, {"required": ["rows_from"]}],
        "properties": {
            **NUMBER_SCHEMA,
            "rows": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/row"}},
            "rows_from": {"$ref": "#/$defs/name"},
        },
    }
    template = "surveys/questions/types/number_table.html"
    result_kind = "number_table"

    def problems(self, question, earlier, where):
        problems = TableType.problems(self, question, earlier, where)
        problems += NumberType.problems(self, question, earlier, where)
        if "rows_from" in question:
            name = question["rows_from"]
            source = earlier.get(name)
            if source is None:
                problems.append(f"{where}: rows_from refers to {name!r}, which is not an earlier question")
            elif source["type"] != "multiple_choice":
                problems.append(f"{where}: rows_from refers to {name!r}, a {source['type']} question; "
                                "rows come from a multiple_choice question")
        return problems

    def builder_blocks(self):
        return [
            ("rows", blocks.ListBlock(
                RowBlock(), min_num=0, default=[],
                help_text=gettext_lazy("Fixed rows; or leave empty and take the rows from a question."),
            )),
            ("rows_from", blocks.CharBlock(
                required=False, max_length=63,
                help_text=gettext_lazy("Machine name of an earlier multiple-choice question whose picked "
                                       "choices become the rows."),
            )),
        ] + number_limits()

    def builder_errors(self, value):
        if bool(value["rows"]) == bool((value["rows_from"] or "").strip()):
            return {"rows_from": ValidationError(_("Give fixed rows or the question to take them from, "
                                                   "one of the two."))}
        return {}

    def check(self, question, value, rows):
        problems = []
        for row in rows:
            text = value.get(row["name"], "")
            if not text:
                if question.get("required"):
                    problems.append(_("%(row)s: this row is required.") % {"row": row["label"]})
                continue
            try:
                checked_number(question, text)
            except ValueError as error:
                problems.append(f"{row['label']}: {error}")
        return problems

    def first_input_id(self, question, rows):
        return f"id_{question['name']}__{rows[0]['name']}" if rows else f"q-{question['name']}"

    def changes(self, old, new):
        return TableType.changes(self, old, new) + NumberType.changes(self, old, new)

    def answered_values(self, answer):
        if not isinstance(answer, dict):
            return []
        numbers = ((row, read_number(text)) for row, text in answer.items())
        return [(row, float(number), None) for row, number in numbers if number is not None]

    def codebook_values(self, question):
        return NumberType.codebook_values(self, question)
