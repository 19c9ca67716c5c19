"""What the texts of a given shape share (an email address, a web address): one field, checked by the
portal with Django's validator, and in XLSForm a `text` whose constraint is a regex of that shape."""

from .base import QuestionType


class PatternedText(QuestionType):
    compared_as = "text"
    xlsform_regex = ""  # what the text looks like to XLSForm tools

    def grouped(self, question):
        return False

    # XLSForm: `text` with the constraint `regex(., '<xlsform_regex>')`, read back when that is its only
    # regex and it is not multiline (a long text).
    xlsform_types = ("text",)

    def to_xlsform(self, writer, question, row, here):
        writer.survey.append({**row, "type": "text", "required": writer.required(question),
                              "constraint": f"regex(., '{self.xlsform_regex}')"})

    def claims_xlsform(self, reader, element):
        return (reader.appearance_of(element) != "multiline"
                and reader.constraint(element, {"regex"})[0].get("regex") == [self.xlsform_regex])

    def from_xlsform(self, reader, element, question, where, at):
        reader.appearance(element, where, {"": None})
        found, left = reader.constraint(element, {"max_length", "regex"})
        if "max_length" in found:
            left.append(f"string-length(.) <= {found['max_length'][-1]}")
        reader.constraint_left(where, left)
        return question
