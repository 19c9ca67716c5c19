"""The demo's word on the admin's second factor: off under `make run`, and how to try it."""

from django.conf import settings

from portal.core.demo import LAST, register


def register_demo_steps() -> None:
    def hint() -> list[str]:
        if settings.ADMIN_MFA_REQUIRED:
            return []
        return ["The admin's second factor is off here; to try it: ADMIN_MFA_REQUIRED=true make run"]

    register("admin_security.second_factor", order=LAST + 1, create=hint)
