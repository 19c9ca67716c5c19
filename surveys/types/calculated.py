"""A value the portal works out from earlier answers (`expression`, surveys/logic.py): shown read-only on
the page, never typed, kept with the answers so that exports, statistics and conditions read it."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from surveys import logic

from . import register, registered
from .base import QuestionType, Variable
from .blocks import JSONBlock
from .edits import Change
from .values import read_number


def reads_number(question: dict) -> bool:
    from . import question_type

    kind = question_type(question)
    return kind.compared_as == "number" or kind.picks_several


@register
class Calculated(QuestionType):
    name = "calculated"
    label = gettext_lazy("Calculated value")
    schema = {"required": ["expression"], "properties": {"expression": {"$ref": "#/$defs/expression"}}}
    template = "surveys/questions/types/calculated.html"
    compared_as = "number"
    computed = True
    values = "number"
    result_kind = "summary"

    def problems(self, question, earlier, where):
        problems = []
        if question.get("required") or question.get("required_when") is not None:
            problems.append(f"{where}: a calculated value is never typed by the respondent; it cannot be "
                            "required")
        counted = set(_counted(question["expression"]))
        for name in logic.questions_in(question["expression"]):
            target = earlier.get(name)
            if target is None:
                problems.append(f"{where}: its expression reads {name!r}, which is not an earlier question")
            elif name in counted and not _picks_several(target):
                problems.append(f"{where}: its expression counts the choices of {name!r}, which is not a "
                                "multiple_choice question")
            elif name not in counted and not reads_number(target):
                allowed = ", ".join(kind.name for kind in registered()
                                    if kind.compared_as == "number" or kind.picks_several)
                problems.append(f"{where}: its expression reads {name!r}, a {target['type']} question; it "
                                f"reads numbers from {allowed} questions")
        return problems

    def builder_blocks(self):
        return [("expression", JSONBlock(
            label=gettext_lazy("Calculation (JSON)"),
            help_text=gettext_lazy('A number, {"question": name}, {"count": name}, {"sum": [...]} or '
                                   '{"op": "+", "args": [...]} (also "-", "*", "/").'),
        ))]

    def calculated(self, question, answers):
        return logic.as_answer(logic.calculate(question["expression"], answers))

    def grouped(self, question):
        return False

    def answered_values(self, answer):
        number = read_number(answer)
        return [] if number is None else [("", number, None)]

    def changes(self, old, new):
        if old["expression"] == new["expression"]:
            return []
        return [Change(True, _("Question %(name)s is calculated differently.") % {"name": new["name"]},
                       lambda answers: self.calculated(old, answers) != self.calculated(new, answers))]

    def cells(self, question, target, cell):
        name, number = question.name, cell["number"]
        return lambda answers, version: [number(answers.get(name))]

    def variables(self, question):
        return [Variable("number")]

    def codebook_values(self, question):
        return "a number worked out by the portal from other answers"

    # XLSForm: a `calculate` row whose `calculation` is the expression in XPath (surveys/xlsform/xpath.py).
    xlsform_types = ("calculate",)
    xlsform_columns = ("calculation",)
    xlsform_bind = frozenset({"calculate"})

    def to_xlsform(self, writer, question, row, here):
        from surveys.xlsform.xpath import expression_to_xpath

        several = {name for name, each in writer.questions.items() if _picks_several(each)}
        writer.survey.append({**row, "type": "calculate",
                              "calculation": expression_to_xpath(question["expression"], several)})

    def from_xlsform(self, reader, element, question, where, at):
        from surveys.xlsform.xpath import xpath_to_expression

        calculation = str(element.get("bind", {}).get("calculate") or "")
        try:
            question["expression"] = xpath_to_expression(calculation)
        except ValueError:
            reader.notes.append(f"{where}: the calculation {calculation!r} cannot be carried (the portal "
                                "calculates with numbers, + - * div, count-selected and coalesce); left out.")
            return None
        if not question["label"]:
            question["label"] = question["name"]
            reader.notes.append(f"{where}: the calculation {question['name']} has no label; its label is "
                                "its name.")
        return question


def _picks_several(question: dict) -> bool:
    from . import question_type

    return question_type(question).picks_several


def _counted(expression) -> list[str]:
    """The questions an expression counts the picks of ({"count": name})."""
    if not isinstance(expression, dict):
        return []
    if "count" in expression:
        return [expression["count"]]
    return [name for part in expression.get("sum") or expression.get("args") or [] for name in _counted(part)]
