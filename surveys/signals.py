"""Publishing a survey page, from the admin or from code, freezes its definition as a new version, unless
the edit breaks comparability and no coordinator confirmed it (surveys.publishing); saving a response's
answers keeps its answer items in step."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.signals import page_published

from .answer_items import store_items
from .models import Response, SurveyPage
from .publishing import freeze_or_hold


@receiver(page_published, sender=SurveyPage)
def freeze_survey_version(sender, instance, **kwargs):
    freeze_or_hold(instance)


@receiver(post_save, sender=Response)
def keep_answer_items(sender, instance, created, update_fields, raw, **kwargs):
    """The statistics count a response's answers from its items: written again whenever what they come
    from is saved (a submit, a resubmitted edit, an erasure), gone when it is not submitted."""
    if raw or (created and instance.status != Response.Status.SUBMITTED):
        return  # fixtures; a new draft has nothing counted
    changed = {"answers", "status", "version"} if update_fields is None else set(update_fields)
    if instance.status != Response.Status.SUBMITTED:
        changed &= {"status"}  # a draft's answers are never counted: only leaving "submitted" matters
    if changed & {"answers", "status", "version"}:
        store_items([instance])
