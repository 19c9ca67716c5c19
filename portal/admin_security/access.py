"""Who counts as an admin: anyone who may enter the Wagtail admin now. Worked out on every request, so a
person who gains the right mid-session (a new NCP of a mirror group) is covered at once."""

ADMIN_PREFIX = "/admin/"


def can_enter_admin(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.has_perm("wagtailadmin.access_admin"))


def is_admin_path(path: str) -> bool:
    return path.startswith(ADMIN_PREFIX)
