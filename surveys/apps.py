from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = "Surveys"

    def ready(self):
        from . import signals  # noqa: F401
        from .panels import register_own_panels
        from .personal_data import register_personal_data

        register_personal_data()
        register_own_panels()
