"""A coordinator imports a list of subscribers from a CSV file."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from ..importing import import_rows, read_rows
from ..models import Subscriber
from .forms import ImportForm

MAX_BYTES = 2 * 1024 * 1024


class ImportView(PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    model = Subscriber
    permission_required = "add"
    form_class = ImportForm
    template_name = "newsletters/admin/import.html"
    page_title = gettext_lazy("Import subscribers")
    header_icon = "upload"

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            form.add_error("file", _("The file is larger than 2 MB."))
            return self.form_invalid(form)
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            form.add_error("file", _("The file is not UTF-8 text: save it as “CSV UTF-8”."))
            return self.form_invalid(form)
        rows = read_rows(text)
        if not rows:
            form.add_error("file", _("The file holds no address."))
            return self.form_invalid(form)
        if any(row.problems for row in rows):
            # Nothing is saved: the coordinator corrects the file and sends it again.
            return self.render_to_response(self.get_context_data(form=form, rows=rows))
        outcome = import_rows(rows, basis=form.cleaned_data["basis"],
                              prior_confirmed_consent=form.cleaned_data["prior_confirmed_consent"])
        messages.success(self.request, _(
            "Imported: %(subscribed)s subscribed, %(asked)s asked to confirm by email, %(already)s already "
            "subscribed (topics added), %(skipped)s left before, bounced or erased (not subscribed again)."
        ) % {"subscribed": outcome.subscribed, "asked": outcome.asked_to_confirm,
             "already": outcome.already_subscribed, "skipped": outcome.skipped})
        return redirect("newsletter_subscribers:index")
