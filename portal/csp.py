"""The Content-Security-Policy: strict on the portal's own pages, loosened for the Wagtail admin only.

Wagtail 8's admin still runs a few inline scripts (the sub-area inline panel, the date pickers), so
under /admin/ scripts may be inline; the pages stakeholders see never allow it. No page may be framed,
except the admin's previews by the editor beside them.
"""

from csp.constants import SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts

ADMIN_PREFIX = "/admin/"


class PortalCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        admin = request.path_info.startswith(ADMIN_PREFIX)
        if admin:
            parts.update = {**(parts.update or {}), "script-src": [UNSAFE_INLINE]}
        if is_preview(request, response, admin):
            parts.replace = {**(parts.replace or {}), "frame-ancestors": [SELF]}
        return parts


def is_preview(request, response, admin: bool) -> bool:
    """A preview for the editor's preview panel, an iframe of the same origin.

    Wagtail renders a page's preview through the middleware with a request of its own for the page's
    address (is_preview), then marks the admin's response SAMEORIGIN; browsers obey frame-ancestors
    before X-Frame-Options, so with 'none' the panel stayed empty.
    """
    return bool(getattr(request, "is_preview", False)) or (
        admin and response.get("X-Frame-Options") == "SAMEORIGIN")
