"""Use cases in the Wagtail admin, for coordinators (the change permission on use cases): the listing with
a state filter, each use case read in full (inspect), and its "edit" view, which edits nothing but makes one
of the coordinators' moves of services.MOVES with a comment (for the authors, or an internal note); the
review criteria; assigning reviewers (services.assign, which emails them) and seeing their declarations;
the scores side by side (views.py)."""

from django import forms
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.views.generic import CreateView, EditView, IndexView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.log_actions import log

from portal.core.validators import no_markup

from .. import access, services
from ..models import Assignment, Criterion, State, UseCase
from .views import ScoresView, export_scores


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


class UseCaseIndexView(IndexView):
    @cached_property
    def header_buttons(self):
        return [*super().header_buttons,
                HeaderButton(_("Reviewers' scores"), url=reverse("usecases_admin:scores"), icon_name="table")]


class UseCaseViewSet(ModelViewSet):
    model = UseCase
    url_prefix = "use-cases"
    url_namespace = "usecases_admin"
    icon = "clipboard-list"
    menu_label = gettext_lazy("Use cases")
    menu_order = 280
    index_view_class = UseCaseIndexView
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

    def get_queryset(self, request):
        return access.visible_to(request.user, super().get_queryset(request))

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("scores/", ScoresView.as_view(), name="scores"),
            path("scores/export/<str:format>/", export_scores, name="scores_export"),
        ]


class CriterionViewSet(ModelViewSet):
    model = Criterion
    url_prefix = "use-case-criteria"
    icon = "list-ol"
    menu_label = gettext_lazy("Review criteria")
    list_display = ["name", "order", "active"]
    form_fields = ["name", "description", "order", "active"]
    copy_view_enabled = False


class AssignmentForm(WagtailAdminModelForm):
    class Meta:
        model = Assignment
        fields = ["use_case", "reviewer"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["use_case"].queryset = UseCase.objects.filter(state__in=services.REVIEWED)
        self.fields["reviewer"].queryset = services.reviewer_candidates().order_by("last_name", "first_name")
        self.fields["reviewer"].help_text = gettext_lazy(
            "An approved stakeholder. They are emailed, declare their conflicts of interest on the portal, "
            "then score the use case and recommend.")


class AssignView(CreateView):
    def save_instance(self):
        try:
            return services.assign(self.form.cleaned_data["use_case"], self.request.user,
                                   self.form.cleaned_data["reviewer"])
        except services.Refused as refused:
            self.form.add_error(None, str(refused))
            raise

    def form_valid(self, form):
        self.form = form
        try:
            self.object = self.save_instance()
        except services.Refused:
            return self.form_invalid(form)
        log(self.object, "wagtail.create", user=self.request.user)
        return self.save_action()


class AssignmentViewSet(ModelViewSet):
    """Assigning reviewers and seeing their declarations; an assignment is not edited, only taken back."""

    model = Assignment
    url_prefix = "use-case-reviewers"
    icon = "user"
    menu_label = gettext_lazy("Reviewers")
    add_view_class = AssignView
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = ["reviewer", "use_case", "conflict", "recommendation", "assigned_at", "submitted_at"]
    list_filter = ["conflict", "recommendation"]
    inspect_view_fields = ["use_case", "reviewer", "assigned_by", "assigned_at", "conflict", "conflict_note",
                           "declared_at", "recommendation", "comment", "internal_note", "submitted_at"]
    edit_handler = ObjectList([FieldPanel("use_case"), FieldPanel("reviewer")],
                              base_form_class=AssignmentForm)

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            queryset=Assignment.objects.select_related("use_case", "reviewer"), **kwargs)


class UseCasesViewSetGroup(ViewSetGroup):
    menu_label = gettext_lazy("Use cases")
    menu_icon = "clipboard-list"
    menu_order = 280
    items = (UseCaseViewSet("usecases_admin"), AssignmentViewSet("usecases_assignments"),
             CriterionViewSet("usecases_criteria"))
