"""The newsletter's ledger holds the stakeholders' newsletter consent from now on: the consents their
profiles recorded in the stakeholders app are copied into it (newsletters/stakeholders.py,
carry_profile_consents). The rows copied stay where they were, and going back removes nothing."""

from django.db import migrations


def carry(apps, schema_editor):
    from newsletters.stakeholders import carry_profile_consents

    carry_profile_consents(
        apps.get_model("stakeholders", "Consent"), apps.get_model("newsletters", "Subscriber"),
        apps.get_model("newsletters", "Consent"), apps.get_model("account", "EmailAddress"),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("newsletters", "0006_confirmation_key"),
        ("stakeholders", "0006_forget_erasures_of_live_addresses"),
        ("account", "0009_emailaddress_unique_primary_email"),
    ]

    operations = [migrations.RunPython(carry, migrations.RunPython.noop)]
