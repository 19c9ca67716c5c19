from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import register
from .base import QuestionType


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
