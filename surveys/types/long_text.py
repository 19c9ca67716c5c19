from django.utils.translation import gettext_lazy

from . import register
from .texts import TextType


@register
class LongText(TextType):
    name = "long_text"
    label = gettext_lazy("Long text")
    default_length = 5000
    longest = 100_000
    template = "surveys/questions/types/long_text.html"
    xlsform_appearance = "multiline"

    def claims_xlsform(self, reader, element):
        return reader.appearance_of(element) == self.xlsform_appearance
