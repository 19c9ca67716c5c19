"""Repair: an erasure could list an address that another, live account had verified (it trusted every
address the erased account had added, verified or not), and the outbox then dropped all mail to it. What
the erasure deleted of the other person's data cannot be brought back (README, Security)."""

from django.db import migrations


def forget(apps, schema_editor):
    from portal.stakeholders.services import forget_erasures_of_live_addresses

    forget_erasures_of_live_addresses(apps.get_model("stakeholders", "ErasedAddress"),
                                      apps.get_model("account", "EmailAddress"))


class Migration(migrations.Migration):
    dependencies = [
        ("stakeholders", "0005_unique_user_email"),
        ("account", "0009_emailaddress_unique_primary_email"),
    ]

    operations = [migrations.RunPython(forget, migrations.RunPython.noop)]
