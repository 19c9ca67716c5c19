from django.db import migrations

from portal.core.grants import grant_to_coordinators

CODENAMES = [f"{action}_workinggroupmembership" for action in ("add", "change", "delete", "view")]


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial"), ("stakeholders", "0002_permission_groups")]

    operations = [migrations.RunPython(grant_to_coordinators("core", CODENAMES), migrations.RunPython.noop)]
