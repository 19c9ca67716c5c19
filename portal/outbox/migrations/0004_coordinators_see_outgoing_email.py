from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Group.objects.get(name="Coordinators").permissions.add(*Permission.objects.filter(
        content_type__app_label="outbox", codename__in=["view_outboxmessage", "resend_outboxmessage"]
    ))


class Migration(migrations.Migration):
    dependencies = [("outbox", "0003_resend_permission"), ("stakeholders", "0002_permission_groups")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
