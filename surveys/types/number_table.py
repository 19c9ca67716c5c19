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
        return [(row, number, None) for row, number in numbers if number is not None]

    def codebook_values(self, question):
        return NumberType.codebook_values(self, question)

    # XLSForm: a group with the appearance `field-list` of `integer` or `decimal` rows (its kind) with
    # min and max as their constraint. Rows taken from an earlier multiple-choice question (rows_from)
    # are a row per choice of that question, relevant when it is picked: `selected(${source}, 'choice')`.

    def to_xlsform(self, writer, question, row, here):
        name = question["name"]
        writer.group(row, question, "field-list")
        if "rows_from" in question:
            source = question["rows_from"]
            items = [(choice, f"{writer.paths[source]}.choices.{choice['name']}.label",
                      writer.selected(source, choice["name"]))
                     for choice in writer.questions[source]["choices"]]
        else:
            items = [(item, f"{here}.rows.{item['name']}.label", "") for item in question["rows"]]
        for item, path, relevant in items:
            writer.survey.append({
                "type": question["kind"],
                "name": writer.row_name(name, item["name"]),
                **writer.texts("label", path, item["label"], count=not relevant),
                "required": writer.required(question),
                "relevant": relevant,
                "constraint": writer.range_constraint(question["min"], question["max"]),
            })
        writer.end_group()

    def claims_xlsform_group(self, group):
        return group.kinds in ({"integer"}, {"decimal"}) and group.named

    def from_xlsform_group(self, reader, group, question, where, at):
        question["kind"] = next(iter(group.kinds))
        if len(set(group.constraints)) > 1:
            reader.notes.append(f"{where}: the rows have different constraints; the first row's is kept.")
        self.xlsform_limits(reader, group.children[0], question, where)
        source = self.xlsform_rows_from(reader, group)
        if source:
            question["rows_from"] = source
            return question
        if any(group.relevants):
            reader.notes.append(
                f"{where}: conditions on the rows of a number table cannot be carried (only rows "
                "that are the choices of one earlier multiple-choice question); left out."
            )
        question["rows"] = self.xlsform_rows(reader, group, at)
        return question

    def xlsform_rows_from(self, reader, group) -> str | None:
        """The earlier multiple-choice question whose choices the rows are, each shown when picked."""
        sources = set()
        for item, relevant in zip(group.rows, group.relevants, strict=True):
            condition = reader.condition(relevant)
            if not condition or condition.get("in") != [item["name"]]:
                return None
            sources.add(condition["question"])
        source = reader.earlier.get(sources.pop()) if len(sources) == 1 else None
        if not source or source["type"] != "multiple_choice":
            return None
        if [choice["name"] for choice in source["choices"]] != [item["name"] for item in group.rows]:
            return None
        return source["name"]
