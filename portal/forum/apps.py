from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumConfig(AppConfig):
    name = "portal.forum"
    label = "forum"
    verbose_name = _("Stakeholder Forum")

    def ready(self):
        from . import questions  # noqa: F401 (receivers that move a session's Q&A version)
        from .demo import register_demo_steps
        from .panels import register_own_panels
        from .personal_data import register_personal_data

        register_personal_data()
        register_own_panels()
        register_demo_steps()
