from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "portal.core"
    label = "core"
    verbose_name = _("Portal core")

    def ready(self):
        from django.db.models.signals import post_delete

        from . import private_files, working_groups
        from .models import PrivateFile

        working_groups.register_personal_data()
        private_files.register_personal_data()
        post_delete.connect(private_files.remove_stored_file, sender=PrivateFile)
