"""One account an address, whatever its letter case: lower-case stored addresses, a unique index."""

from django.db import migrations

CREATE_INDEX = (
    "CREATE UNIQUE INDEX IF NOT EXISTS auth_user_email_lower_unique "
    "ON auth_user (lower(email)) WHERE email <> ''"
)
DROP_INDEX = "DROP INDEX IF EXISTS auth_user_email_lower_unique"


def lower_case_emails(apps, schema_editor):
    User = apps.get_model("auth", "User")
    for user in User.objects.exclude(email=""):
        if user.email != user.email.lower():
            user.email = user.email.lower()
            user.save(update_fields=["email"])


class Migration(migrations.Migration):
    dependencies = [("stakeholders", "0004_member_groups"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [
        migrations.RunPython(lower_case_emails, migrations.RunPython.noop),
        migrations.RunSQL(CREATE_INDEX, DROP_INDEX),
    ]
