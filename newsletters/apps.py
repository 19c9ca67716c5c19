from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewslettersConfig(AppConfig):
    name = "newsletters"
    verbose_name = _("Newsletter")

    def ready(self):
        from . import mail_in, tracking  # noqa: F401  receivers of django-anymail's webhooks
        from .demo import register_demo_steps
        from .personal_data import register_personal_data
        from .stakeholders import register_with_stakeholders

        register_personal_data()
        register_demo_steps()
        register_with_stakeholders()
