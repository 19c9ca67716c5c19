from django.apps import AppConfig


class StakeholdersConfig(AppConfig):
    name = "portal.stakeholders"
    verbose_name = "Stakeholders"

    def ready(self):
        from . import checks, signals  # noqa: F401
        from .panels import register_own_panels
        from .personal_data import register_personal_data

        register_personal_data()
        register_own_panels()
