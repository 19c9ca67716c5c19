"""Coordinators read contact messages and edit the portal settings and the main menu."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

COORDINATOR_PERMISSIONS = [
    ("cms", "view_contactmessage"),
    ("cms", "change_portalsettings"),
    ("cms", "change_mainmenu"),
]


def grant(apps, schema_editor):
    # Permissions are normally made after all migrations; make them now so they can be granted.
    app_config = apps.get_app_config("cms")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    coordinators = Group.objects.filter(name="Coordinators").first()
    if coordinators is None:
        return
    coordinators.permissions.add(*[
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
        for app_label, codename in COORDINATOR_PERMISSIONS
    ])


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    coordinators = Group.objects.filter(name="Coordinators").first()
    if coordinators is not None:
        coordinators.permissions.remove(*Permission.objects.filter(
            content_type__app_label="cms", codename__in=[codename for _, codename in COORDINATOR_PERMISSIONS]
        ))


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0002_content_pages_and_settings"),
        ("stakeholders", "0002_permission_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
