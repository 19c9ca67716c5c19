"""The forum in the Wagtail admin: the programme (sessions, speakers, materials), the registrations and the
audience questions, with filters and exports; attendance is marked by setting a registration's status to
"attended". The event pages themselves are edited in the page tree."""

import django_filters
from django import forms
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import EditView, IndexView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.log_actions import log

from portal.initiative.models import Country, StakeholderCluster

from .. import questions
from ..models import ForumEventPage, Material, Question, Registration, Session, Speaker
from .importing import ImportProgrammeView
from .messaging import MessageAttendeesView


class SessionIndexView(IndexView):
    @cached_property
    def header_buttons(self):
        buttons = super().header_buttons
        if self.user_has_permission("add"):
            buttons.append(HeaderButton(_("Import a programme"), url=reverse("forum_sessions:import"),
                                        icon_name="upload"))
        return buttons


class SessionViewSet(ModelViewSet):
    index_view_class = SessionIndexView
    url_prefix = "forum/sessions"
    model = Session
    icon = "time"
    menu_label = gettext_lazy("Sessions")
    list_display = ["title", "event", "kind", "starts_at", "track", "capacity"]
    list_filter = ["event", "kind", "disease_area"]
    search_fields = ["title", "description"]
    form_fields = ["event", "title", "kind", "starts_at", "ends_at", "track", "description", "disease_area",
                   "guiding_questions", "capacity", "questions_open", "questions_moderated"]
    # The import's columns: a programme exported here imports again (into another event, say) as it is.
    list_export = ["title", "kind", "date", "start", "end", "track", "disease_area_slug", "capacity",
                   "description", "guiding_questions"]
    export_headings = {"disease_area_slug": "disease_area", **{
        column: column for column in ("title", "kind", "date", "start", "end", "track", "capacity",
                                      "description", "guiding_questions")}}
    export_filename = "forum-programme"

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [path("import/", ImportProgrammeView.as_view(), name="import")]

    def get_index_view_kwargs(self, **kwargs):
        queryset = Session.objects.select_related("event", "disease_area")
        return super().get_index_view_kwargs(queryset=queryset, **kwargs)


class SpeakerViewSet(ModelViewSet):
    url_prefix = "forum/speakers"
    model = Speaker
    icon = "user"
    menu_label = gettext_lazy("Speakers")
    list_display = ["name", "session", "role", "affiliation"]
    list_filter = ["role", "session__event"]
    search_fields = ["name", "affiliation"]
    form_fields = ["session", "name", "affiliation", "role", "bio", "photo", "photo_alt", "user",
                   "sort_order"]

    def get_index_view_kwargs(self, **kwargs):
        queryset = Speaker.objects.select_related("session", "user")
        return super().get_index_view_kwargs(queryset=queryset, **kwargs)


class MaterialViewSet(ModelViewSet):
    url_prefix = "forum/materials"
    model = Material
    icon = "doc-full"
    menu_label = gettext_lazy("Materials")
    list_display = ["title", "event", "session", "kind"]
    list_filter = ["kind", "event"]
    form_fields = ["event", "session", "kind", "title", "document", "url", "doi"]

    def get_index_view_kwargs(self, **kwargs):
        queryset = Material.objects.select_related("event", "session")
        return super().get_index_view_kwargs(queryset=queryset, **kwargs)


class RegistrationFilterSet(WagtailFilterSet):
    event = django_filters.ModelChoiceFilter(queryset=ForumEventPage.objects.all(),
                                             label=gettext_lazy("Event"))
    status = django_filters.ChoiceFilter(choices=Registration.Status.choices, label=gettext_lazy("Status"))
    workshop = django_filters.ModelChoiceFilter(
        queryset=Session.objects.filter(kind=Session.Kind.WORKSHOP), field_name="workshops__session",
        label=gettext_lazy("Workshop"), distinct=True)
    cluster = django_filters.ModelChoiceFilter(
        queryset=StakeholderCluster.objects.all(), field_name="user__stakeholder_profile__clusters",
        label=gettext_lazy("Stakeholder cluster"), distinct=True)
    country = django_filters.ModelChoiceFilter(
        queryset=Country.objects.all(), field_name="user__stakeholder_profile__country",
        label=gettext_lazy("Country"))

    class Meta:
        model = Registration
        fields = ["event", "status", "workshop", "cluster", "country"]


class RegistrationIndexView(IndexView):
    @cached_property
    def header_buttons(self):
        buttons = super().header_buttons
        if self.user_has_permission("change"):
            buttons.append(HeaderButton(_("Write to attendees"), url=reverse("forum_registrations:message"),
                                        icon_name="mail"))
        return buttons


class RegistrationViewSet(ModelViewSet):
    index_view_class = RegistrationIndexView
    url_prefix = "forum/registrations"
    model = Registration
    icon = "group"
    menu_label = gettext_lazy("Registrations")
    list_display = ["user", "event", "status", "created_at", "listed"]
    filterset_class = RegistrationFilterSet
    search_fields = ["user__first_name", "user__last_name", "user__email"]
    inspect_view_enabled = True
    inspect_view_fields = ["user", "event", "status", "offered_until", "accessibility_needs", "listed",
                           "created_at", "changed_at", "reminded_at"]
    form_fields = ["status"]
    add_view_enabled = False  # people register themselves, on the event's page
    list_export = ["user.first_name", "user.last_name", "user.email", "user.stakeholder_profile.organisation",
                   "user.stakeholder_profile.country.name", "event", "status", "created_at",
                   "accessibility_needs", "listed"]
    export_headings = {
        "user.first_name": gettext_lazy("First name"), "user.last_name": gettext_lazy("Last name"),
        "user.email": gettext_lazy("Email"),
        "user.stakeholder_profile.organisation": gettext_lazy("Organisation"),
        "user.stakeholder_profile.country.name": gettext_lazy("Country"),
    }
    export_filename = "forum-registrations"

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [path("message/", MessageAttendeesView.as_view(), name="message")]

    def get_index_view_kwargs(self, **kwargs):
        queryset = Registration.objects.select_related("user__stakeholder_profile__country", "event")
        return super().get_index_view_kwargs(queryset=queryset, **kwargs)


class QuestionFilterSet(WagtailFilterSet):
    event = django_filters.ModelChoiceFilter(
        queryset=ForumEventPage.objects.all(), field_name="session__event", label=gettext_lazy("Event"))
    session = django_filters.ModelChoiceFilter(
        queryset=Session.objects.filter(questions__isnull=False).distinct(), label=gettext_lazy("Session"))
    state = django_filters.ChoiceFilter(choices=Question.State.choices, label=gettext_lazy("State"))

    class Meta:
        model = Question
        fields = ["event", "session", "state", "pinned"]


def _asked_by(question) -> str:
    return questions.author_shown(question, to_moderator=True)


class QuestionIndexView(IndexView):
    def to_row_dict(self, item):
        return {**super().to_row_dict(item), "author": _asked_by(item)}


class QuestionForm(WagtailAdminModelForm):
    class Meta:
        model = Question
        fields = ["state", "pinned"]

    def clean_state(self):
        state = self.cleaned_data["state"]
        if state == Question.State.PENDING and "state" in self.changed_data:
            raise forms.ValidationError(_("A question a moderator has seen does not wait again."))
        return state

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("pinned") and cleaned.get("state") not in (None, Question.State.SHOWN):
            self.add_error("pinned", _("Only a question shown to the audience is pinned."))
        return cleaned


# The states a moderator sets, and the moderation action that sets each.
MODERATION = {Question.State.SHOWN: "show", Question.State.HIDDEN: "hide", Question.State.ANSWERED: "answer"}


class QuestionEditView(EditView):
    def save_instance(self):
        """Through questions.moderate, as on the Q&A page: one pinned question a session (pinning shows it),
        and the time of the change moved on, which the live pages go by. The state chosen is set last."""
        question, chosen = self.form.instance, self.form.cleaned_data
        question.refresh_from_db()
        if "pinned" in self.form.changed_data:
            questions.moderate(question, self.request.user, "pin" if chosen["pinned"] else "unpin")
        if chosen["state"] != question.state and chosen["state"] in MODERATION:
            questions.moderate(question, self.request.user, MODERATION[chosen["state"]])
        log(question, "wagtail.edit", user=self.request.user)
        return question


class QuestionViewSet(ModelViewSet):
    """Every audience question, for coordinators (the live moderation is on each session's Q&A page)."""

    index_view_class = QuestionIndexView
    edit_view_class = QuestionEditView
    url_prefix = "forum/questions"
    model = Question
    icon = "help"
    menu_label = gettext_lazy("Audience questions")
    ordering = "-created_at"
    list_display = ["text", "session", "session__event",
                    Column("author", label=gettext_lazy("Asked by"), accessor=_asked_by),
                    "anonymous", "state", "pinned", "votes", "created_at"]
    filterset_class = QuestionFilterSet
    search_fields = ["text"]
    add_view_enabled = False  # attendees ask, on the session's Q&A page
    edit_handler = ObjectList([FieldPanel("session", read_only=True), FieldPanel("text", read_only=True),
                               FieldPanel("state"), FieldPanel("pinned")], base_form_class=QuestionForm)
    inspect_view_enabled = True
    inspect_view_fields = ["text", "session", "author", "anonymous", "state", "pinned", "votes", "created_at",
                           "changed_at"]
    list_export = ["created_at", "session.event", "session", "text", "author", "anonymous", "state", "pinned",
                   "votes"]
    export_headings = {"session.event": gettext_lazy("Event"), "author": gettext_lazy("Asked by")}
    export_filename = "forum-questions"

    def get_index_view_kwargs(self, **kwargs):
        queryset = Question.objects.select_related("session__event", "author")
        return super().get_index_view_kwargs(queryset=queryset, **kwargs)


class ForumViewSetGroup(ViewSetGroup):
    menu_label = gettext_lazy("Forum")
    menu_icon = "date"
    menu_order = 260
    items = (SessionViewSet("forum_sessions"), SpeakerViewSet("forum_speakers"),
             MaterialViewSet("forum_materials"), RegistrationViewSet("forum_registrations"),
             QuestionViewSet("forum_questions"))
