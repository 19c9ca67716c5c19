"""The portal's coordinators manage every mirror group: its records, the applications (they decide, nobody
adds or deletes one here) and the composition rules. A group's own managers need no stored permission
(portal/mirror_groups/permissions.py)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

COORDINATOR_PERMISSIONS = [
    *[f"{action}_{model}" for model in ("mirrorgroup", "membership", "meeting", "groupnews")
      for action in ("add", "change", "delete", "view")],
    "view_application",
    "change_application",
    "change_compositionrules",
    "view_compositionrules",
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
        content_type__app_label="mirror_groups", codename__in=COORDINATOR_PERMISSIONS))


class Migration(migrations.Migration):
    dependencies = [("mirror_groups", "0001_initial"), ("stakeholders", "0002_permission_groups")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
