from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecommendationsConfig(AppConfig):
    name = "portal.recommendations"
    label = "recommendations"
    verbose_name = _("Recommendations")

    def ready(self):
        from .demo import register_demo_steps
        from .panels import register_own_panels
        from .permissions import register_policies
        from .personal_data import register_personal_data

        register_personal_data()
        register_own_panels()
        register_policies()
        register_demo_steps()
