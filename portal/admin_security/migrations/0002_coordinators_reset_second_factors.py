from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Group.objects.get(name="Coordinators").permissions.add(
        Permission.objects.get(content_type__app_label="admin_security", codename="reset_second_factor")
    )


class Migration(migrations.Migration):
    dependencies = [("admin_security", "0001_initial"), ("stakeholders", "0002_permission_groups")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
