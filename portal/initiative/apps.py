from django.apps import AppConfig


class InitiativeConfig(AppConfig):
    name = "portal.initiative"
    verbose_name = "1+MG initiative"
