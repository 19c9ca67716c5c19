from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MirrorGroupsConfig(AppConfig):
    name = "portal.mirror_groups"
    label = "mirror_groups"
    verbose_name = _("National Mirror Groups")

    def ready(self):
        from . import invitations  # noqa: F401  (links memberships when an address is confirmed)
        from .demo import register_demo_steps
        from .panels import register_own_panels
        from .permissions import register_policies
        from .personal_data import register_personal_data

        register_personal_data()
        register_demo_steps()
        register_own_panels()
        register_policies()
