"""Consultations in the Wagtail admin: the draft as numbered sections, the audience and the two rounds'
dates in one form; for each consultation, running it (opening a round now, the tally, publishing the
report: views.RunView) and answering its comments (views.CommentsView)."""

from django import forms
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import MenuItem

from ..models import Consultation, Round
from .views import CommentsView, RunView


class ConsultationForm(WagtailAdminModelForm):
    def clean(self):
        cleaned = super().clean()
        for round_ in Round:
            prefix = "review" if round_ == Round.REVIEW else "validation"
            opens, closes = cleaned.get(f"{prefix}_opens_at"), cleaned.get(f"{prefix}_closes_at")
            if bool(opens) != bool(closes):
                self.add_error(f"{prefix}_closes_at" if opens else f"{prefix}_opens_at",
                               _("A round needs both its opening and its closing date."))
            elif opens and closes <= opens:
                self.add_error(f"{prefix}_closes_at", _("A round closes after it opens."))
        review_closes, validation_opens = cleaned.get("review_closes_at"), cleaned.get("validation_opens_at")
        if validation_opens and (not review_closes or validation_opens < review_closes):
            self.add_error("validation_opens_at", _("The validation opens once the review has closed."))
        if cleaned.get("audience") == Consultation.Audience.ALL and (cleaned.get("clusters")
                                                                     or cleaned.get("countries")):
            self.add_error("audience", _("Choose “the chosen clusters, countries and named people” to limit "
                                         "the consultation to some clusters or countries."))
        return cleaned


class ConsultationIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if self.user_has_permission("change"):
            buttons.append(MenuItem(_("Run the consultation"), icon_name="cogs", priority=1,
                                    url=reverse("consultations_admin:run", args=[instance.pk])))
            buttons.append(MenuItem(_("Answer comments"), icon_name="comment", priority=2,
                                    url=reverse("consultations_admin:comments", args=[instance.pk])))
        return buttons


class ConsultationViewSet(ModelViewSet):
    model = Consultation
    url_prefix = "consultations"
    url_namespace = "consultations_admin"
    icon = "doc-full-inverse"
    menu_label = gettext_lazy("Consultations")
    menu_order = 270
    add_to_admin_menu = True
    index_view_class = ConsultationIndexView
    list_display = ["title", "audience", "review_opens_at", "review_closes_at", "validation_opens_at",
                    "validation_closes_at", "report_published_at"]
    search_fields = ["title", "introduction"]
    edit_handler = ObjectList([
        FieldPanel("title"), FieldPanel("slug"), FieldPanel("introduction"), FieldPanel("example"),
        MultiFieldPanel([FieldPanel("audience"),
                         FieldPanel("clusters", widget=forms.CheckboxSelectMultiple),
                         FieldPanel("countries", widget=forms.CheckboxSelectMultiple)],
                        heading=gettext_lazy("Audience"),
                        help_text=gettext_lazy(
                            "Of the audience, the early reviewers take part in the review and the validators "
                            "in the validation, as their profiles say; the chosen clusters and countries add "
                            "up (a stakeholder in either is in the audience).")),
        InlinePanel("named_participants", heading=gettext_lazy("Named participants"),
                    label=gettext_lazy("Named participant")),
        FieldRowPanel([FieldPanel("review_opens_at"), FieldPanel("review_closes_at")],
                      heading=gettext_lazy("Round 1: review")),
        FieldRowPanel([FieldPanel("validation_opens_at"), FieldPanel("validation_closes_at")],
                      heading=gettext_lazy("Round 2: validation")),
        InlinePanel("sections", heading=gettext_lazy("The draft, section by section"),
                    label=gettext_lazy("Section"), min_num=1,
                    help_text=gettext_lazy("Opening a round freezes the sections as they are then; edit them "
                                           "between the rounds for the revised text.")),
    ], base_form_class=ConsultationForm)

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("<int:pk>/run/", RunView.as_view(), name="run"),
            path("<int:pk>/comments/", CommentsView.as_view(), name="comments"),
        ]
