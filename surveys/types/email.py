from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import register
from .patterned import PatternedText

# What an address looks like to XLSForm tools (the portal checks an answer with Django's validator).
XLSFORM_REGEX = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"


@register
class Email(PatternedText):
    name = "email"
    label = gettext_lazy("Email address")
    personal_by_default = True  # an address names a person: erasure removes it even unmarked
    template = "surveys/questions/types/email.html"
    xlsform_regex = XLSFORM_REGEX

    def check(self, question, value, rows):
        try:
            validate_email(value)
        except ValidationError:
            return [_("Enter an email address like name@example.org.")]
        return []
