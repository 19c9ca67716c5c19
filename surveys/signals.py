"""Publishing a survey page, from the admin or from code, freezes its definition as a new version, unless
the edit breaks comparability and no coordinator confirmed it (surveys.publishing)."""

from django.dispatch import receiver
from wagtail.signals import page_published

from .models import SurveyPage
from .publishing import freeze_or_hold


@receiver(page_published, sender=SurveyPage)
def freeze_survey_version(sender, instance, **kwargs):
    freeze_or_hold(instance)
