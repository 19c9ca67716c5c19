"""The main menu and the footer links, from the site settings."""

from dataclasses import dataclass

from django import template
from django.utils.translation import gettext as _
from wagtail.models import PageViewRestriction, Site

from portal.stakeholders.members import is_member

from ..models import MainMenuItem, PortalSettings

register = template.Library()


@dataclass
class MenuLink:
    label: str
    url: str
    current: str = ""  # the aria-current value: "page", "true" (a page below it) or ""


def _current(url: str, path: str) -> str:
    if url == path:
        return "page"
    if url != "/" and path.startswith(url):
        return "true"
    return ""


def _default_links(request) -> list[MenuLink]:
    site = Site.find_for_request(request)
    home = site.root_page.get_url(request) if site else "/"
    return [MenuLink(_("Home"), home or "/"), MenuLink(_("Stakeholder clusters"), f"{home or '/'}clusters/")]


def _member_only_filter(request):
    """A test of whether a page is restricted to members and this visitor is not one; worked out once
    a request, for the menu and the footer."""
    if not hasattr(request, "_member_only_filter"):
        restricted = list(PageViewRestriction.objects.values_list("page__path", flat=True))
        if not restricted or is_member(request.user):
            request._member_only_filter = lambda page: False
        else:
            request._member_only_filter = lambda page: any(page.path.startswith(path) for path in restricted)
    return request._member_only_filter


@register.simple_tag(takes_context=True)
def main_menu_links(context) -> list[MenuLink]:
    """The configured menu's links to live pages and addresses, else Home and the stakeholder clusters."""
    request = context.get("request")
    if request is None:
        return []
    links = []
    site = Site.find_for_request(request)
    if site is not None:
        # One query for the items and their pages, however many there are.
        items = MainMenuItem.objects.filter(menu__site=site).select_related("page").order_by("sort_order")
        hidden = _member_only_filter(request)
        for item in items:
            if item.page is None:
                links.append(MenuLink(item.label, item.url))
                continue
            url = item.page.get_url(request) if item.page.live and not hidden(item.page) else None
            if url:
                links.append(MenuLink(item.label or item.page.title, url))
    if not links:
        links = _default_links(request)
    for link in links:
        link.current = _current(link.url, request.path)
    return links


@register.simple_tag(takes_context=True)
def portal_settings(context) -> PortalSettings | None:
    request = context.get("request")
    if request is None or Site.find_for_request(request) is None:
        return None
    return PortalSettings.for_request(request)


@register.simple_tag(takes_context=True)
def footer_links(context) -> list[MenuLink]:
    """The footer links of the site settings that lead somewhere (a live page or a web address)."""
    settings = portal_settings(context)
    links = []
    if settings is None:
        return links
    request = context["request"]
    hidden = _member_only_filter(request)
    for block in settings.footer_links:
        value = block.value
        page = value.get("page")
        if page is not None and hidden(page):
            continue
        url = page.get_url(request) if page is not None and page.live else value.get("url")
        if url:
            links.append(MenuLink(value["label"], url))
    return links
