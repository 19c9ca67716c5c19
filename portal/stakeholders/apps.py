from django.apps import AppConfig


class StakeholdersConfig(AppConfig):
    name = "portal.stakeholders"
    verbose_name = "Stakeholders"

    def ready(self):
        from django.contrib.auth import get_user_model

        from . import checks, signals  # noqa: F401
        from .demo import register_demo_steps
        from .display import user_display
        from .panels import register_own_panels
        from .personal_data import register_personal_data

        register_personal_data()
        register_demo_steps()
        register_own_panels()
        # Usernames are random: everything that prints a user (Wagtail's filters and choosers, inspect
        # views) shows the name or address instead. See display.py.
        get_user_model().__str__ = user_display
