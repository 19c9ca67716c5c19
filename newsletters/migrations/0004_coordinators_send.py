"""Coordinators may send newsletter issues and see their delivery reports."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = ["add_send", "view_send", "view_delivery"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("newsletters")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group, Permission = apps.get_model("auth", "Group"), apps.get_model("auth", "Permission")
    coordinators = Group.objects.filter(name="Coordinators").first()
    if coordinators is not None:
        coordinators.permissions.add(
            *Permission.objects.filter(content_type__app_label="newsletters", codename__in=CODENAMES)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("newsletters", "0003_issue_pages"),
        ("stakeholders", "0002_permission_groups"),
    ]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
