"""A use case's attachments: private files (portal.core.private_files), served only to those who may read
the use case's detailed part."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .usecases import UseCase


class Attachment(models.Model):
    use_case = models.ForeignKey(UseCase, on_delete=models.CASCADE, related_name="attachments",
                                 verbose_name=_("use case"))
    # A cascade goes from the file to the attachment only: to remove an attachment, delete its file.
    file = models.OneToOneField("core.PrivateFile", on_delete=models.CASCADE,
                                related_name="use_case_attachment", verbose_name=_("file"))
    created_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return str(self.file)
