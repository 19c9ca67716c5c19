"""The Content-Security-Policy: strict on the portal's own pages, loosened for the Wagtail admin only.

Wagtail 8's admin still runs a few inline scripts (the sub-area inline panel, the date pickers), so
under /admin/ scripts may be inline; the pages stakeholders see never allow it.
"""

from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts

ADMIN_PREFIX = "/admin/"


class PortalCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if request.path_info.startswith(ADMIN_PREFIX):
            parts.update = {**(parts.update or {}), "script-src": [UNSAFE_INLINE]}
        return parts
