from django.apps import AppConfig


class SchedulingConfig(AppConfig):
    name = "portal.scheduling"
    verbose_name = "Scheduled work"
