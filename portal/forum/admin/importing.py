"""The admin view of a programme import: upload, a preview of every row's problems, then the import."""

import base64

from django import forms
from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from ..models import ForumEventPage, Session
from ..programme_import import COLUMNS, REQUIRED_COLUMNS, UnreadableFile, check_rows, import_programme

MAX_BYTES = 1024 * 1024
SALT = "forum.programme_import"


class UploadForm(forms.Form):
    event = forms.ModelChoiceField(queryset=ForumEventPage.objects.order_by("-starts_at"),
                                   label=gettext_lazy("Event"))
    file = forms.FileField(label=gettext_lazy("CSV or XLSX file"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise ValidationError(_("The file is larger than 1 MB."))
        return upload.name, upload.read()


def sign(event, name: str, content: bytes) -> str:
    return signing.dumps({"event": event.pk, "name": name, "content": base64.b64encode(content).decode()},
                         salt=SALT, compress=True)


class ImportProgrammeView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    model = Session
    permission_required = "add"
    template_name = "forum/admin/import.html"
    page_title = gettext_lazy("Import a programme")
    header_icon = "upload"

    def get_context_data(self, **kwargs):
        return super().get_context_data(columns=COLUMNS, required=REQUIRED_COLUMNS,
                                        kinds=Session.Kind.choices, **kwargs)

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(upload_form=UploadForm()))

    def post(self, request, *args, **kwargs):
        if "checked_file" in request.POST:
            return self.save(request.POST["checked_file"])
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            event, (name, content) = form.cleaned_data["event"], form.cleaned_data["file"]
            try:
                rows = check_rows(event, name, content)
            except UnreadableFile as error:
                form.add_error("file", str(error))
            else:
                return self.render_to_response(self.get_context_data(
                    event=event, rows=rows, checked_file=sign(event, name, content),
                    problem_rows=sum(bool(row.problems) for row in rows)))
        return self.render_to_response(self.get_context_data(upload_form=form))

    def save(self, checked_file: str):
        try:
            payload = signing.loads(checked_file, salt=SALT, max_age=24 * 3600)
        except signing.BadSignature:
            messages.error(self.request, _("The preview has expired: upload the file again."))
            return redirect("forum_sessions:import")
        event = ForumEventPage.objects.get(pk=payload["event"])
        rows = import_programme(event, payload["name"], base64.b64decode(payload["content"]))
        if rows is None:
            messages.error(self.request, _("Nothing was imported: some rows have problems."))
            return redirect("forum_sessions:import")
        messages.success(self.request, ngettext("%(count)d session added to %(event)s.",
                                                "%(count)d sessions added to %(event)s.", len(rows))
                         % {"count": len(rows), "event": event.title})
        return redirect(reverse("forum_sessions:index") + f"?event={event.pk}")
