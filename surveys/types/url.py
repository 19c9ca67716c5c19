from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import register
from .patterned import PatternedText

LONGEST = 2000  # characters of an address; longer ones break in many tools
web_address = URLValidator(schemes=["http", "https"])
XLSFORM_REGEX = r"^https?://\S+$"  # what an address looks like to XLSForm tools


@register
class Url(PatternedText):
    """A web address (http or https), listed in the results like a text; in XLSForm a `text` with a
    regex constraint (XLSForm has no web-address type)."""

    name = "url"
    label = gettext_lazy("Web address")
    template = "surveys/questions/types/url.html"
    result_kind = "texts"
    collects_texts = True
    xlsform_regex = XLSFORM_REGEX

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
