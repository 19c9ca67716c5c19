from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = "Surveys"

    def ready(self):
        from . import invitations, signals  # noqa: F401  (signal receivers, Celery tasks)
        from .demo import register_demo_steps
        from .panels import register_own_panels
        from .personal_data import register_personal_data

        register_personal_data()
        register_demo_steps()
        register_own_panels()
