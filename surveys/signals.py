"""Publishing a survey page, from the admin or from code, freezes its definition as a new version."""

from django.dispatch import receiver
from wagtail.signals import page_published

from .models import SurveyPage
from .services import publish_version


@receiver(page_published, sender=SurveyPage)
def freeze_survey_version(sender, instance, **kwargs):
    publish_version(instance)
