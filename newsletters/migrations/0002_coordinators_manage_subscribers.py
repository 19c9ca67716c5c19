"""Coordinators manage the newsletter topics and see, import and edit the subscribers; editors do not."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

COORDINATOR_PERMISSIONS = [
    "add_topic", "change_topic", "delete_topic", "view_topic",
    "add_subscriber", "change_subscriber", "view_subscriber",
]


def grant(apps, schema_editor):
    # Permissions are normally made after all migrations; make them now so they can be granted.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Group.objects.get(name="Coordinators").permissions.add(*Permission.objects.filter(
        content_type__app_label="newsletters", codename__in=COORDINATOR_PERMISSIONS))


class Migration(migrations.Migration):
    dependencies = [("newsletters", "0001_initial"), ("stakeholders", "0002_permission_groups")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
