"""Email addresses are kept in lower case, so that one address can only ever make one account."""

from django.contrib.auth import get_user_model
from django.db.models.signals import pre_save
from django.dispatch import receiver


@receiver(pre_save, sender=get_user_model())
def lower_case_email(sender, instance, **kwargs):
    if instance.email:
        instance.email = instance.email.strip().lower()
