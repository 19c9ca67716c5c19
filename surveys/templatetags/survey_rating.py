"""The points of a rating question, for its answering widget."""

from django import template

from ..types.edits import setting
from ..types.rating import DONT_KNOW, dont_know_label, points

register = template.Library()


@register.filter
def rating_scale(question: dict) -> dict:
    """Its points, lowest first, and the label of "Don't know" where the question offers it."""
    offered = setting(question, "dont_know")
    return {"points": points(question), "dont_know": dont_know_label(question) if offered else "",
            "dont_know_value": DONT_KNOW}
