from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import register
from .base import QuestionType

LONGEST = 2000  # characters of an address; longer ones break in many tools
web_address = URLValidator(schemes=["http", "https"])


@register
class Url(QuestionType):
    """A web address (http or https), listed in the results like a text."""

    name = "url"
    label = gettext_lazy("Web address")
    template = "surveys/questions/types/url.html"
    result_kind = "texts"
    collects_texts = True

    def grouped(self, question):
        return False

    def check(self, question, value, rows):
        if len(value) > LONGEST:
            return [_("Use at most %(limit)s characters (you used %(used)s).")
                    % {"limit": LONGEST, "used": len(value)}]
        try:
            web_address(value)
        except ValidationError:
            return [_("Enter a web address starting with https:// or http://, for example "
                      "https://www.example.org/page.")]
        return []

    def codebook_values(self, question):
        return "a web address (http or https); in the CSV, text starting with = + - @ has an apostrophe added"
