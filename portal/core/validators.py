"""Validators shared by every form that takes free text from people."""

import nh3
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def no_markup(value: str) -> None:
    """Refuse HTML or script in a plain-text field, rather than store it or silently change it."""
    if value and nh3.is_html(value):
        raise ValidationError(
            _("Please remove the HTML tags (text between < and >): this field takes plain text."),
            code="markup",
        )
