"""What the free-text questions share: a text as typed, at most so many characters."""

from django.utils.translation import gettext as _

from .base import QuestionType
from .blocks import length_limit
from .edits import lengths, limit, whole


class TextType(QuestionType):
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
