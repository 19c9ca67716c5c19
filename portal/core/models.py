"""The few models every app may stand on. Working groups themselves are reference data (initiative), named
here by string: portal/core imports no app."""

import os
import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class WorkingGroupMembership(models.Model):
    """A person in a 1+MG working group: a contact speaks for the group (and so acts for it on the portal,
    such as updating the status of the recommendations addressed to it), a member belongs to it."""

    class Role(models.TextChoices):
        CONTACT = "contact", _("Contact")
        MEMBER = "member", _("Member")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="working_group_memberships", verbose_name=_("person"))
    working_group = models.ForeignKey("initiative.WorkingGroup", on_delete=models.CASCADE,
                                      related_name="memberships", verbose_name=_("working group"))
    role = models.CharField(_("role"), max_length=10, choices=Role, default=Role.MEMBER)
    created_at = models.DateTimeField(_("added at"), auto_now_add=True)

    panels = ["user", "working_group", "role"]

    class Meta:
        ordering = ["working_group", "role", "pk"]
        verbose_name = _("working group membership")
        verbose_name_plural = _("working group memberships")
        constraints = [models.UniqueConstraint(fields=["user", "working_group", "role"],
                                               name="core_one_role_a_person_a_working_group")]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()}, {self.working_group})"


class PrivateStorage(FileSystemStorage):
    """Files under PRIVATE_MEDIA_ROOT, read when used (tests move it), with no address: they are served only
    by a view that checks who asks (portal.core.private_files.serve_private_file)."""

    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None


def _private_name(instance, filename: str) -> str:
    # Never the uploader's name on disk: it is kept in `name` and given back on download only.
    return timezone.now().strftime("%Y/%m/") + uuid.uuid4().hex + os.path.splitext(filename)[1].lower()


class PrivateFile(models.Model):
    """An upload checked by its content (portal.core.private_files.check_upload), kept off the served media
    folder. The record it belongs to (an attachment of a use case...) points at it and decides who sees it."""

    file = models.FileField(_("file"), storage=PrivateStorage(), upload_to=_private_name, max_length=200)
    name = models.CharField(_("name"), max_length=255, help_text=_("The uploader's file name, given back on "
                                                                   "download."))
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="private_files",
                                    verbose_name=_("uploaded by"))
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("private file")
        verbose_name_plural = _("private files")

    def __str__(self):
        return self.name
