"""Approved stakeholders form a group, so that Wagtail's view restrictions can open pages to them;
coordinators publish privacy statements and read consents."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

APPROVED_STAKEHOLDERS = "Approved stakeholders"
COORDINATOR_PERMISSIONS = [
    ("stakeholders", f"{action}_privacystatement") for action in ("add", "change", "publish", "view")
]


def create(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    StakeholderProfile = apps.get_model("stakeholders", "StakeholderProfile")
    approved, _ = Group.objects.get_or_create(name=APPROVED_STAKEHOLDERS)
    approved.user_set.add(*StakeholderProfile.objects.filter(status="approved").values_list("user_id", flat=True))
    ContentType = apps.get_model("contenttypes", "ContentType")
    statement_type = ContentType.objects.get(app_label="stakeholders", model="privacystatement")
    # Wagtail makes the publish permission of snippets only after all migrations.
    Permission.objects.get_or_create(
        content_type=statement_type, codename="publish_privacystatement",
        defaults={"name": "Can publish privacy statement"},
    )
    coordinators = Group.objects.get(name="Coordinators")
    coordinators.permissions.add(*[
        Permission.objects.get(content_type__app_label=app, codename=codename)
        for app, codename in COORDINATOR_PERMISSIONS
    ])


class Migration(migrations.Migration):
    dependencies = [("stakeholders", "0003_consents_and_privacy_statements")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
