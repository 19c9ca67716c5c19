from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import register
from .base import chosen_flag, clean
from .choices import as_json
from .matrix import Matrix
from .multiple_choice import not_chosen_cells


@register
class CheckboxMatrix(Matrix):
    """Several choices a row, from the same choices for every row; the rows are fixed."""

    name = "checkbox_matrix"
    label = gettext_lazy("Choice matrix (several answers per row)")
    template = "surveys/questions/types/checkbox_matrix.html"
    # XLSForm: as a matrix, of `select_multiple <question>` rows; a required one requires every row.
    xlsform_row = ("select_multiple", "select all that apply")
    picks_several = True
    values = "number"  # how many choices each row answered holds: statistics count who answered a row

    def read(self, question, data, rows):
        name = question["name"]
        picked = {row["name"]: map(clean, data.getlist(f"{name}__{row['name']}")) for row in rows}
        return {row: list(dict.fromkeys(one for one in values if one)) for row, values in picked.items()}

    def check(self, question, value, rows):
        known = {choice["name"] for choice in question["choices"]}
        picked = [value.get(row["name"]) or [] for row in rows]
        if any(not isinstance(row, list) or not known.issuperset(row) for row in picked):
            return [_("Choose from the options given.")]
        missing = [row["label"] for row, chosen in zip(rows, picked, strict=True) if not chosen]
        if missing and question.get("required"):
            return [_("Choose at least one option in every row: %(rows)s.") % {"rows": ", ".join(missing)}]
        return []

    def words(self, question, value, rows):
        labels = {choice["name"]: choice["label"] for choice in question["choices"]}
        return "; ".join(
            f"{row['label']}: {', '.join(labels.get(choice, choice) for choice in value[row['name']])}"
            for row in rows if isinstance(value.get(row["name"]), list) and value[row["name"]]
        )

    def first_input_id(self, question, rows):
        return f"id_{question['name']}__{rows[0]['name']}-{question['choices'][0]['name']}"

    def picked_choices(self, answer):
        if not isinstance(answer, dict):
            return ""
        rows = {row: sorted({choice for choice in picked if isinstance(choice, str)})
                for row, picked in sorted(answer.items()) if picked and isinstance(picked, list)}
        return as_json(rows) if rows else ""

    def answered_values(self, answer):
        if not isinstance(answer, dict):
            return []
        return [(row, Decimal(len(picked)), None) for row, picked in sorted(answer.items())
                if picked and isinstance(picked, list)]

    # One column a row and choice: 1 chosen, 0 not chosen in a row answered; empty where the row was left
    # unanswered or the version answered did not offer the choice.
    def columns(self, question):
        return [f"{row.name}__{option.name}" for row in question.rows for option in question.choices]

    def cells(self, question, target, cell):
        name = question.name
        rows, options = [row.name for row in question.rows], [option.name for option in question.choices]
        chosen = cell["chosen"]
        blank = [cell["empty"]] * len(options)
        offered = not_chosen_cells(question, options, cell)

        def row_cells(picked, version):
            if not picked or not isinstance(picked, list):
                return blank
            return [chosen if option in picked else other
                    for option, other in zip(options, offered[version], strict=True)]

        def table(answers, version):
            value = answers.get(name)
            if not value or not isinstance(value, dict):
                return blank * len(rows)
            return [one for row in rows for one in row_cells(value.get(row), version)]

        return table

    def variables(self, question):
        return [chosen_flag()] * len(self.columns(question))

    def codebook_values(self, question):
        return ("1 = chosen, 0 = not chosen in a row answered; empty = row not answered, or choice not "
                "offered in the version answered")
