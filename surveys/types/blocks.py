"""Page-builder blocks that several question types use for their settings."""

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
