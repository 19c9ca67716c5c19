from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import register
from .base import QuestionType

# What an address looks like to XLSForm tools (the portal checks an answer with Django's validator).
XLSFORM_REGEX = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"


@register
class Email(QuestionType):
    name = "email"
    label = gettext_lazy("Email address")
    personal_by_default = True  # an address names a person: erasure removes it even unmarked
    template = "surveys/questions/types/email.html"

    def grouped(self, question):
        return False

    def check(self, question, value, rows):
        try:
            validate_email(value)
        except ValidationError:
            return [_("Enter an email address like name@example.org.")]
        return []

    # XLSForm: `text` with the constraint `regex(., '<XLSFORM_REGEX>')`, read back when that is its only
    # regex and it is not multiline (a long text).
    xlsform_types = ("text",)

    def to_xlsform(self, writer, question, row, here):
        writer.survey.append({**row, "type": "text", "required": writer.required(question),
                              "constraint": f"regex(., '{XLSFORM_REGEX}')"})

    def claims_xlsform(self, reader, element):
        return (reader.appearance_of(element) != "multiline"
                and reader.constraint(element, {"regex"})[0].get("regex") == [XLSFORM_REGEX])

    def from_xlsform(self, reader, element, question, where, at):
        reader.appearance(element, where, {"": None})
        found, left = reader.constraint(element, {"max_length", "regex"})
        if "max_length" in found:
            left.append(f"string-length(.) <= {found['max_length'][-1]}")
        reader.constraint_left(where, left)
        return question
