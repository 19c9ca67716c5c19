"""What the free-text questions share: a text as typed, at most so many characters."""

from django.utils.translation import gettext as _

from .base import QuestionType
from .blocks import length_limit
from .edits import lengths, limit, whole


class TextType(QuestionType):
    compared_as = "text"
    longest = 1000  # the largest max_length the builder offers
    result_kind = "texts"
    collects_texts = True

    @property
    def defaults(self):
        return {"max_length": self.default_length}

    @property
    def schema(self):
        return {"properties": {"max_length": {
            "type": "integer", "minimum": 1, "maximum": self.longest, "default": self.default_length}}}

    def grouped(self, question):
        return False

    def builder_blocks(self):
        return length_limit(self.longest, self.default_length)

    def check(self, question, value, rows):
        most = question.get("max_length") or self.default_length
        if len(value) > most:
            return [_("Use at most %(limit)s characters (you used %(used)s).")
                    % {"limit": most, "used": len(value)}]
        return []

    def changes(self, old, new):
        name = new["name"]
        return limit(old, new, "max_length", _("the longest answer allowed (characters)"), low=False,
                     read=whole, values=lambda answers: lengths(answers.get(name)))

    # XLSForm: `text` with the constraint `string-length(.) <= <max_length>`, and the type's appearance.
    xlsform_types = ("text",)
    xlsform_appearance = ""

    def to_xlsform(self, writer, question, row, here):
        writer.survey.append({**row, "type": "text", "required": writer.required(question),
                              "constraint": f"string-length(.) <= {question['max_length']}",
                              "appearance": self.xlsform_appearance})

    def from_xlsform(self, reader, element, question, where, at):
        reader.appearance(element, where, {self.xlsform_appearance: None})
        found, left = reader.constraint(element, {"max_length", "regex"})
        left += [f"regex(., '{pattern}')" for pattern in found.get("regex", [])]
        if "max_length" in found:
            question["max_length"] = int(found["max_length"][-1])
        reader.constraint_left(where, left)
        return question
