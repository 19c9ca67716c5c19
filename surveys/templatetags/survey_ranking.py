"""The fields of a ranking question: each choice with its select of positions, as typed."""

from django import template
from django.contrib.humanize.templatetags.humanize import ordinal

from ..types.ranking import places, positions_of

register = template.Library()


@register.simple_tag
def ranking_fields(item: dict) -> dict:
    """Each choice with the position it has now, and whether it shares that position with another;
    the positions offered; whether some choices stay unranked (fewer positions than choices)."""
    question = item["question"]
    typed = positions_of(item["value"])
    taken = list(typed.values())
    choices = [
        {"name": choice["name"], "label": choice["label"], "position": typed.get(choice["name"], ""),
         "shared": taken.count(typed.get(choice["name"])) > 1}
        for choice in question["choices"]
    ]
    most = places(question)
    return {
        "choices": choices,
        "positions": [(str(number), ordinal(number)) for number in range(1, most + 1)],
        "partial": most < len(question["choices"]),
        "count": most,
    }
