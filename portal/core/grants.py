"""For data migrations: give the Coordinators group the permissions of a new app's models."""

from django.contrib.auth.management import create_permissions


def grant_to_coordinators(app_label: str, codenames: list[str]):
    """A RunPython function granting `codenames` of `app_label` to Coordinators (made first, since Django
    creates permissions only after all migrations ran)."""

    def grant(apps, schema_editor):
        for app_config in apps.get_app_configs():
            app_config.models_module = True
            create_permissions(app_config, apps=apps, verbosity=0)
            app_config.models_module = None
        Group = apps.get_model("auth", "Group")
        Permission = apps.get_model("auth", "Permission")
        Group.objects.get(name="Coordinators").permissions.add(*Permission.objects.filter(
            content_type__app_label=app_label, codename__in=codenames))

    return grant
