"""What the table questions share: one answer a row, the rows fixed or taken from an earlier answer."""

from .base import QuestionType, clean, duplicates
from .edits import row_changes


class TableType(QuestionType):
    """In XLSForm, a group of rows named `<question>__<row>`, the group's label and hint the question's."""

    has_rows = True
    reads_xlsform_group = True

    def problems(self, question, earlier, where):
        return duplicates("row", [row["name"] for row in question.get("rows", [])], where)

    def read(self, question, data, rows):
        name = question["name"]
        return {row["name"]: clean(data.get(f"{name}__{row['name']}", "")) for row in rows}

    def words(self, question, value, rows):
        labels = {choice["name"]: choice["label"] for choice in question.get("choices", [])}
        return "; ".join(
            f"{row['label']}: {labels.get(value.get(row['name']), value.get(row['name']))}"
            for row in rows if value.get(row["name"])
        )

    def changes(self, old, new):
        return row_changes(old, new)

    def columns(self, question):
        return [row.name for row in question.rows]

    def cells(self, question, target, cell):
        name, rows = question.name, [row.name for row in question.rows]
        read = cell["number"] if self.result_kind == "number_table" else cell["text"]
        blank = [cell["empty"]] * len(rows)

        def table(answers, version):
            value = answers.get(name)
            if not value or not isinstance(value, dict):
                return blank
            return [read(value.get(row)) for row in rows]

        return table

    def xlsform_rows(self, reader, group, at) -> list[dict]:
        """The question's fixed rows, read from the group's rows."""
        return [{"name": item["name"],
                 "label": reader.text(item["cells"], "label", f"{at}.rows.{item['name']}.label")}
                for item in group.rows]
