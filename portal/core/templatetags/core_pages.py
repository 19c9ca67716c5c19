"""The link to another page of one of several paginated lists on a page ("My portal"'s panels): Django's
{% querystring %} takes the parameter's name literally, these lists each have their own."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def page_query(context, name: str, number: int) -> str:
    query = context["request"].GET.copy()
    query[name] = number
    return "?" + query.urlencode()
