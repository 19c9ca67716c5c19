from django.apps import AppConfig


class OutboxConfig(AppConfig):
    name = "portal.outbox"
    verbose_name = "Outgoing email"

    def ready(self):
        from .personal_data import register_personal_data

        register_personal_data()
