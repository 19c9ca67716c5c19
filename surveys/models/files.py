"""The files respondents send as answers to file questions (surveys/types/file.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .responses import Response


class ResponseFile(models.Model):
    """A private file (portal.core.private_files) sent as the answer to one question of a response. The
    answer refers to it by id (`{"file": id, "name": ..., "size": ...}`); a file no answer of its response
    refers to any more is deleted (surveys.uploads.prune), and so is every file of a deleted response."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="files",
                                 verbose_name=_("response"))
    question = models.CharField(_("question"), max_length=63)
    # A cascade goes from the private file to this row only: deleting this row deletes the file by a
    # signal (surveys.uploads.response_file_deleted).
    file = models.OneToOneField("core.PrivateFile", on_delete=models.CASCADE, related_name="survey_answer",
                                verbose_name=_("file"))

    class Meta:
        ordering = ["pk"]
        verbose_name = _("file sent with a response")
        verbose_name_plural = _("files sent with responses")

    def __str__(self):
        return str(self.file_id)
