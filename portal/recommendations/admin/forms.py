"""The change-status form: the status, its date, a public note and optional evidence, a link or a document
uploaded with it (so that working group contacts need no rights on the document library)."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.documents.fields import WagtailDocumentField

from portal.core.uploads import check_document_upload, save_document
from portal.core.validators import no_markup

from ..models import Status

EVIDENCE_COLLECTION = "Recommendation evidence"


class ChangeStatusForm(forms.Form):
    status = forms.ChoiceField(label=gettext_lazy("New status"), choices=Status.choices)
    date = forms.DateField(label=gettext_lazy("Date"), initial=datetime.date.today,
                           widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=gettext_lazy("Public note"), required=False, max_length=4000,
                           widget=forms.Textarea(attrs={"rows": 4}), validators=[no_markup],
                           help_text=gettext_lazy("Shown on the tracker and mailed to the followers."))
    evidence_url = forms.URLField(label=gettext_lazy("Evidence (link)"), required=False,
                                  assume_scheme="https")
    evidence_file = WagtailDocumentField(label=gettext_lazy("Evidence (document)"), required=False)

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > datetime.date.today():
            raise ValidationError(_("A change is dated today or earlier."))
        return date

    def clean_evidence_file(self):
        return check_document_upload(self.cleaned_data["evidence_file"])

    def evidence_document(self, recommendation, user):
        upload = self.cleaned_data.get("evidence_file")
        if not upload:
            return None
        title = _("Evidence for “%(recommendation)s”") % {"recommendation": recommendation.title}
        return save_document(upload, title=title, collection=EVIDENCE_COLLECTION, user=user)
