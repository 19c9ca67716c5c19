"""Accessible form rendering: errors next to each field, tied to it with aria-describedby."""

from django import template

register = template.Library()


@register.simple_tag
def field_widget(field):
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}_help")
    if field.errors:
        described_by.append(f"{field.auto_id}_errors")
    attrs = {}
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)


@register.filter
def is_multiple_choice(field) -> bool:
    return field.widget_type in {"checkboxselectmultiple", "radioselect"}


@register.filter
def is_checkbox(field) -> bool:
    return field.widget_type == "checkbox"
