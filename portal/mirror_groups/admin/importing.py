"""The admin view of a CSV import: upload, a preview of every row's problems, then the manager's choice."""

from django import forms
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from ..importing import COLUMNS, REQUIRED_COLUMNS, UnreadableFile, check_rows, read_rows, save_rows
from ..models import Membership, MirrorGroup

MAX_BYTES = 1024 * 1024
SALT = "mirror_groups.import"


class UploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("CSV file"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise ValidationError(_("The file is larger than 1 MB."))
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ValidationError(_("The file is not UTF-8 text: save it as “CSV UTF-8”.")) from error
        try:
            read_rows(text)
        except UnreadableFile as error:
            raise ValidationError(str(error)) from error
        return text


class SaveForm(forms.Form):
    MODES = [("valid", gettext_lazy("Save the valid rows")), ("all", gettext_lazy("Save all or nothing"))]

    checked_file = forms.CharField(widget=forms.HiddenInput)
    mode = forms.ChoiceField(choices=MODES)

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.group = group

    @staticmethod
    def sign(group, text: str) -> str:
        return signing.dumps({"group": group.pk, "csv": text}, salt=SALT, compress=True)

    def clean_checked_file(self):
        try:
            payload = signing.loads(self.cleaned_data["checked_file"], salt=SALT, max_age=24 * 3600)
        except signing.BadSignature as error:
            raise ValidationError(_("The preview has expired: upload the file again.")) from error
        if payload["group"] != self.group.pk:
            raise ValidationError(_("The preview belongs to another group: upload the file again."))
        return payload["csv"]


class ImportView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    model = Membership
    permission_required = "add"
    template_name = "mirror_groups/admin/import.html"
    page_title = gettext_lazy("Import members")
    header_icon = "upload"

    def setup(self, request, *args, group_pk, **kwargs):
        super().setup(request, *args, **kwargs)
        self.group = get_object_or_404(MirrorGroup.objects.select_related("country"), pk=group_pk)

    def dispatch(self, request, *args, **kwargs):
        allowed = self.permission_policy.groups_user_has_any_permission_for(request.user, ["add"])
        if not allowed.filter(pk=self.group.pk).exists():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.group)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("mirror_groups_members:index"), "label": _("Members")},
            {"url": "", "label": self.page_title, "sublabel": self.get_page_subtitle()},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(group=self.group, columns=COLUMNS, required=REQUIRED_COLUMNS,
                                        **kwargs)

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(upload_form=UploadForm()))

    def post(self, request, *args, **kwargs):
        if "checked_file" in request.POST:
            return self.save(SaveForm(request.POST, group=self.group))
        upload_form = UploadForm(request.POST, request.FILES)
        if not upload_form.is_valid():
            return self.render_to_response(self.get_context_data(upload_form=upload_form))
        return self.preview(upload_form.cleaned_data["file"])

    def preview(self, text: str):
        rows = check_rows(self.group, text)
        save_form = SaveForm(group=self.group, initial={"checked_file": SaveForm.sign(self.group, text)})
        return self.render_to_response(self.get_context_data(
            rows=rows, save_form=save_form, problem_rows=sum(not row.valid for row in rows),
            valid_rows=sum(row.valid for row in rows),
        ))

    def save(self, save_form: SaveForm):
        if not save_form.is_valid():
            messages.error(self.request, " ".join(save_form.errors.get("checked_file", [])))
            return self.render_to_response(self.get_context_data(upload_form=UploadForm()))
        text = save_form.cleaned_data["checked_file"]
        saved = save_rows(self.group, text, all_or_nothing=save_form.cleaned_data["mode"] == "all")
        if saved is None:
            messages.error(self.request, _("Nothing was saved: some rows have problems. Correct them in the "
                                           "file and upload it again, or save the valid rows only."))
            return self.preview(text)
        valid, left_out = saved
        messages.success(self.request, ngettext(
            "%(count)d member imported and sent an invitation to accept the membership.",
            "%(count)d members imported; each was sent an invitation to accept the membership.",
            len(valid),
        ) % {"count": len(valid)} + (" " + ngettext(
            "%(count)d row with problems was left out.", "%(count)d rows with problems were left out.",
            len(left_out),
        ) % {"count": len(left_out)} if left_out else ""))
        return redirect(f"{reverse('mirror_groups_members:index')}?group={self.group.pk}")
