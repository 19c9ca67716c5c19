from django.utils.translation import gettext_lazy

from . import register
from .numbers import NUMBER_SCHEMA, NumberType
from .values import checked_number, read_number


@register
class Number(NumberType):
    name = "number"
    label = gettext_lazy("Number")
    compared_as = "number"
    schema = {"properties": NUMBER_SCHEMA}
    template = "surveys/questions/types/number.html"
    result_kind = "summary"

    def grouped(self, question):
        return False

    def check(self, question, value, rows):
        try:
            checked_number(question, value)
        except ValueError as error:
            return [str(error)]
        return []

    def answered_values(self, answer):
        number = read_number(answer)
        return [] if number is None else [("", number, None)]

    def cells(self, question, target, cell):
        name, number = question.name, cell["number"]
        return lambda answers, version: [number(answers.get(name))]

    # XLSForm: `integer` or `decimal` (its kind), min and max as the constraint `. >= 1 and . <= 9`.
    xlsform_types = ("integer", "decimal")
    xlsform_fallback = True  # a number row that no other type claims

    def to_xlsform(self, writer, question, row, here):
        writer.survey.append({**row, "type": question["kind"], "required": writer.required(question),
                              "constraint": writer.range_constraint(question["min"], question["max"])})

    def from_xlsform(self, reader, element, question, where, at):
        question["kind"] = element["type"]
        reader.appearance(element, where, {"": None})
        self.xlsform_limits(reader, element, question, where)
        return question
