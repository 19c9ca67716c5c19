from django.db import migrations

from portal.core.grants import grant_to_coordinators

# Coordinators set the criteria and assign reviewers (and take an assignment back); scores are the reviewers'.
CODENAMES = ["add_criterion", "change_criterion", "delete_criterion", "view_criterion",
             "add_assignment", "view_assignment", "delete_assignment", "view_score"]


class Migration(migrations.Migration):
    dependencies = [("usecases", "0004_reviews"), ("stakeholders", "0002_permission_groups")]

    operations = [migrations.RunPython(grant_to_coordinators("usecases", CODENAMES), migrations.RunPython.noop)]
