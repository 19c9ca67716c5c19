from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UseCasesConfig(AppConfig):
    name = "portal.usecases"
    label = "usecases"
    verbose_name = _("Industry use cases")
