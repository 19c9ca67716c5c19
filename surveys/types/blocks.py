"""Page-builder blocks that several question types use for their settings."""

import json

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

item_name_rule = RegexValidator(r"^[a-z0-9][a-z0-9_]{0,62}$", _("Use lower case letters, digits and _ "
                                                                 "(at most 63 characters)."))


class ChoiceBlock(blocks.StructBlock):
    name = blocks.CharBlock(max_length=63, validators=[item_name_rule], help_text=_("Machine name, e.g. wgs"))
    label = blocks.CharBlock()

    class Meta:
        icon = "radio-full"
        form_classname = "survey-builder-choice"


class ExclusiveChoiceBlock(ChoiceBlock):
    exclusive = blocks.BooleanBlock(
        required=False, help_text=_("Exclusive, like “None of the above”: clears the other choices.")
    )


WHEN_HELP = _('Offer this choice only when a condition on earlier answers holds, in the survey format '
              '(e.g. {"question": "country", "in": ["be"]}); leave empty to always offer it.')


class RowBlock(ChoiceBlock):
    class Meta:
        icon = "list-ul"


def number_limits() -> list[tuple[str, blocks.Block]]:
    return [
        ("kind", blocks.ChoiceBlock(
            choices=[("integer", _("Whole number")), ("decimal", _("Decimal"))], default="integer"
        )),
        ("min", blocks.DecimalBlock(required=False, label=_("Smallest"))),
        ("max", blocks.DecimalBlock(required=False, label=_("Largest"))),
    ]


def length_limit(most: int, default: int) -> list[tuple[str, blocks.Block]]:
    return [("max_length", blocks.IntegerBlock(min_value=1, max_value=most, default=default,
                                               label=_("Longest answer (characters)")))]


class JSONBlock(blocks.TextBlock):
    """A setting that is a JSON tree (a calculation), edited as its JSON text and kept as the tree."""

    def to_python(self, value):
        return value

    def get_prep_value(self, value):
        return value

    def value_for_form(self, value):
        if value is None or isinstance(value, str):
            return value or ""
        return json.dumps(value, ensure_ascii=False)

    def value_from_form(self, value):
        try:
            return json.loads(value) if (value or "").strip() else None
        except ValueError:
            return value  # kept as typed, for clean() to refuse

    def clean(self, value):
        value = super().clean(value)
        if isinstance(value, str):
            raise ValidationError(_("Not valid JSON."))
        return value


class ConditionalChoiceBlock(ChoiceBlock):
    when = JSONBlock(required=False, label=_("Offered only when (JSON)"), help_text=WHEN_HELP)


class ConditionalExclusiveChoiceBlock(ExclusiveChoiceBlock):
    when = JSONBlock(required=False, label=_("Offered only when (JSON)"), help_text=WHEN_HELP)
