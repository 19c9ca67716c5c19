"""Admin forms of a group's records: the group is one the user may act on, and the records keep the rules
of memberships.py."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.documents.fields import WagtailDocumentField
from wagtail.permissions import policy_registry

from portal.core.uploads import check_document_upload, save_document

from ..memberships import MembershipChecks, role_holder, role_taken_message

MINUTES_COLLECTION = "Mirror group minutes"


class GroupScopedForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "group" in self.fields:
            policy = policy_registry.get_by_type(self._meta.model)
            groups = policy.groups_user_has_any_permission_for(self.for_user, ["add", "change"])
            self.fields["group"].queryset = groups
            if self.instance.pk is None and len(groups) == 1:
                self.fields["group"].initial = groups[0].pk


class MirrorGroupForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A group stays with its country; managers only edit its texts.
        if self.instance.pk is not None:
            self.fields["country"].disabled = True


class MembershipForm(MembershipChecks, GroupScopedForm):
    def clean(self):
        cleaned = super().clean()
        if "ends_on" not in self.errors and cleaned.get("group") and cleaned.get("role"):
            holder = role_holder(cleaned["group"], cleaned["role"], cleaned.get("starts_on"),
                                 cleaned.get("ends_on"), exclude_pk=self.instance.pk)
            if holder is not None:
                self.add_error("role", role_taken_message(holder))
        return cleaned


class MeetingForm(GroupScopedForm):
    """The minutes are uploaded with the meeting, so that managers need no rights on the document library."""

    minutes_file = WagtailDocumentField(label=gettext_lazy("Minutes"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.minutes_id:
            self.fields["minutes_file"].help_text = _("Now: %(title)s. Upload a file to replace it.") % {
                "title": self.instance.minutes.title}

    def clean_minutes_file(self):
        return check_document_upload(self.cleaned_data["minutes_file"])

    def save(self, commit=True):
        upload = self.cleaned_data.get("minutes_file")
        if upload:
            self.instance.minutes = save_document(
                upload, title=_("Minutes of the meeting of %(meeting)s") % {"meeting": self.instance},
                collection=MINUTES_COLLECTION, user=self.for_user)
        return super().save(commit=commit)
