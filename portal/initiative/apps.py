from django.apps import AppConfig


class InitiativeConfig(AppConfig):
    name = "portal.initiative"
    verbose_name = "1+MG initiative"

    def ready(self):
        from .loading import register_demo_steps

        register_demo_steps()
