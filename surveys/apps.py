from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = "Surveys"

    def ready(self):
        from django.db.models.signals import post_delete

        from portal.core.api import add_router

        from . import invitations, signals, uploads  # noqa: F401  (signal receivers, Celery tasks)
        from .api import router
        from .demo import register_demo_steps
        from .models import ResponseFile
        from .panels import register_own_panels
        from .personal_data import register_personal_data

        register_personal_data()
        register_demo_steps()
        register_own_panels()
        add_router("/surveys/", router)
        post_delete.connect(uploads.response_file_deleted, sender=ResponseFile)
