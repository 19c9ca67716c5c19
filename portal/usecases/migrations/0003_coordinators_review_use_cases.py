from django.db import migrations

from portal.core.grants import grant_to_coordinators

# Coordinators see every use case and move them (services.MOVES); nobody adds or deletes one in the admin.
CODENAMES = ["view_usecase", "change_usecase"]


class Migration(migrations.Migration):
    dependencies = [("usecases", "0002_attachments"), ("stakeholders", "0002_permission_groups")]

    operations = [migrations.RunPython(grant_to_coordinators("usecases", CODENAMES), migrations.RunPython.noop)]
