from django.db import migrations

from portal.core.grants import grant_to_coordinators

MODELS = ["consultation", "comment"]
CODENAMES = [f"{action}_{model}" for model in MODELS for action in ("add", "change", "delete", "view")]


class Migration(migrations.Migration):
    dependencies = [("consultations", "0001_initial"), ("stakeholders", "0002_permission_groups")]

    operations = [migrations.RunPython(grant_to_coordinators("consultations", CODENAMES),
                                       migrations.RunPython.noop)]
