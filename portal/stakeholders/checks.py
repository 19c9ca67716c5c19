"""Deployment checks of what the stakeholders' emails need."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def links_in_emails_point_at_the_portal(app_configs, **kwargs):
    host = urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or ""
    if host in {"127.0.0.1", "localhost", ""}:
        return [Warning(
            "WAGTAILADMIN_BASE_URL points at this machine: links in emails sent outside a request "
            "would not reach the portal.",
            hint="Set WAGTAILADMIN_BASE_URL to the portal's public address, e.g. https://portal.example.org.",
            id="portal.W001",
        )]
    return []
