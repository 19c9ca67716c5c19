from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdminSecurityConfig(AppConfig):
    name = "portal.admin_security"
    label = "admin_security"
    verbose_name = _("Admin security")

    def ready(self):
        from . import passwords, sessions  # noqa: F401 (signal receivers)
        from .demo import register_demo_steps
        from .permissions import register_policies
        from .personal_data import register_personal_data

        register_personal_data()
        register_demo_steps()
        register_policies()
