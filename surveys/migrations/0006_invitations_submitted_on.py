"""Invitations already answered: the day they were submitted, and no link from an anonymous survey's
invitation to its answers. Reminders already mailed count as requested."""

from django.db import migrations
from django.db.models import F
from django.utils import timezone


def forward(apps, schema_editor):
    Invitation = apps.get_model("surveys", "Invitation")
    answered = Invitation.objects.filter(response__status="submitted").select_related("response", "survey")
    for invitation in answered:
        submitted_at = invitation.response.submitted_at
        invitation.submitted_on = timezone.localdate(submitted_at) if submitted_at else timezone.localdate()
        if invitation.survey.anonymous:
            invitation.response = None
        invitation.save(update_fields=["submitted_on", "response"])
    Invitation.objects.filter(reminded_at__isnull=False).update(reminder_requested_at=F("reminded_at"))


class Migration(migrations.Migration):
    dependencies = [("surveys", "0005_privacy_and_sending")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
