from django.utils.translation import gettext_lazy

from . import register
from .texts import TextType


@register
class ShortText(TextType):
    name = "short_text"
    label = gettext_lazy("Short text")
    default_length = 200
    longest = 1000
    template = "surveys/questions/types/short_text.html"
    xlsform_fallback = True  # a `text` row that no other type claims
