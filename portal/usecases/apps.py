from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UseCasesConfig(AppConfig):
    name = "portal.usecases"
    label = "usecases"
    verbose_name = _("Industry use cases")

    def ready(self):
        from django.db.models.signals import post_delete

        from . import services
        from .demo import register_demo_steps
        from .models import Attachment
        from .panels import register_own_panels
        from .personal_data import register_personal_data

        register_personal_data()
        register_own_panels()
        register_demo_steps()
        post_delete.connect(services.attachment_deleted, sender=Attachment)
