"""Use cases in the Wagtail admin, for coordinators (the change permission on use cases): the listing with
a state filter, each use case read in full (inspect), and its "edit" view, which edits nothing but makes one
of the coordinators' moves of services.MOVES with a comment (for the authors, or an internal note)."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.views.generic import EditView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import log

from portal.core.validators import no_markup

from .. import services
from ..models import State, UseCase


class MoveForm(WagtailAdminModelForm):
    to_state = forms.ChoiceField(label=gettext_lazy("Move to"))
    comment = forms.CharField(
        label=gettext_lazy("Comment"), required=False, max_length=5000, validators=[no_markup],
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("The authors read it in the use case's history and in their email, unless it "
                               "is internal. Requesting changes, declining and withdrawing need one."))
    internal = forms.BooleanField(label=gettext_lazy("Internal note (not shown to the authors)"),
                                  required=False)

    class Meta:
        model = UseCase
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_state"].choices = [
            (candidate.to_state, State(candidate.to_state).label)
            for candidate in services.moves_for(self.instance, self.for_user)
            if candidate.who == services.Role.COORDINATOR]


class MoveView(EditView):
    page_title = gettext_lazy("Move the use case")

    def form_valid(self, form):
        try:
            services.move(self.object, self.request.user, form.cleaned_data["to_state"],
                          form.cleaned_data["comment"], internal=form.cleaned_data["internal"])
        except services.Refused as refused:
            form.add_error(None, str(refused))
            self.produced_error_message = str(refused)
            return self.form_invalid(form)
        log(self.object, "wagtail.edit", user=self.request.user)
        self.form = form
        self.object.refresh_from_db()
        return self.save_action()

    def get_success_message(self):
        return _("“%(title)s” is now “%(state)s”.") % {"title": self.object.title,
                                                       "state": self.object.get_state_display()}


class UseCaseViewSet(ModelViewSet):
    model = UseCase
    url_prefix = "use-cases"
    url_namespace = "usecases_admin"
    icon = "clipboard-list"
    menu_label = gettext_lazy("Use cases")
    menu_order = 280
    add_to_admin_menu = True
    edit_view_class = MoveView
    copy_view_enabled = False
    list_display = ["title", "organisation", "state", "submitter", "updated_at"]
    list_filter = ["state"]
    search_fields = ["title", "organisation"]
    ordering = "-updated_at"
    inspect_view_enabled = True
    inspect_view_fields = ["organisation", "title", "summary", "disease_areas", "industry_roles", "countries",
                           "time_frame", "description", "offers", "seeks", "data_needed", "safeguards",
                           "confidentiality", "submitter", "state", "created_at", "published_at"]
    edit_handler = ObjectList([
        FieldPanel("title", read_only=True), FieldPanel("organisation", read_only=True),
        FieldPanel("state", read_only=True), FieldPanel("to_state"), FieldPanel("comment"),
        FieldPanel("internal"),
    ], base_form_class=MoveForm)

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(queryset=UseCase.objects.select_related("submitter"), **kwargs)
