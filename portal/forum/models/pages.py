"""The forum's pages: the index of events and a page per event. The programme (sessions, speakers,
materials) is kept in rows of its own, outside the page's revisions: registrations point at sessions, and
reverting a revision must never take a session away from under them."""

import datetime
import zoneinfo

from django.db import models
from django.db.models import Case, F, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from portal.core.listings import paginate, visible_to
from portal.core.page_form import PortalPageForm

TIME_ZONES = [(name, name) for name in sorted(zoneinfo.available_timezones()) if "/" in name]


class ForumIndexPage(Page):
    base_form_class = PortalPageForm

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["forum.ForumEventPage"]

    class Meta:
        verbose_name = _("forum index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        events = visible_to(ForumEventPage.objects.child_of(self), request).annotate(
            upcoming=Case(When(ends_at__gte=now, then=True), default=False),
            upcoming_start=Case(When(ends_at__gte=now, then=F("starts_at"))),
        )
        # Coming events first, the soonest first; then past ones, the latest first.
        context["items"] = paginate(request, events.order_by(
            F("upcoming").desc(), F("upcoming_start").asc(nulls_last=True), "-starts_at", "-pk"))
        return context


class ForumEventPage(Page):
    date = models.DateField(_("date"), default=datetime.date.today,
                            help_text=_("The first day of the event; the forum index orders by it."))
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    time_zone = models.CharField(_("time zone"), max_length=64, choices=TIME_ZONES, default="Europe/Brussels",
                                 help_text=_("The programme's times are shown in this time zone."))
    venue = models.CharField(_("venue"), max_length=255, blank=True,
                             help_text=_("Where it takes place; leave empty for an online event."))
    online_link = models.URLField(_("online link"), blank=True,
                                  help_text=_("Shown to registered attendees only."))
    theme = models.CharField(_("theme"), max_length=255, blank=True)
    summary = models.TextField(_("summary"), max_length=600, blank=True)
    body = RichTextField(_("about the event"), blank=True)

    registration_open = models.BooleanField(_("registration open"), default=False)
    registration_closes_at = models.DateTimeField(_("registration closes at"), null=True, blank=True)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True,
                                           help_text=_("Places in all; empty for no limit."))
    offer_hours = models.PositiveIntegerField(
        _("hours to take up an offered place"), default=48,
        help_text=_("When a place frees, the first person waiting has this long to take it."))
    reminder_hours = models.PositiveIntegerField(
        _("reminder, hours before"), default=24,
        help_text=_("Registered attendees are reminded this long before the event starts."))

    registered_count = models.PositiveIntegerField(
        _("registered"), null=True, blank=True,
        help_text=_("People registered, as the record states; empty: counted from the registrations."))
    attended_count = models.PositiveIntegerField(
        _("attended"), null=True, blank=True,
        help_text=_("People who attended; empty: counted from the attendance marks."))

    report_title = models.CharField(_("report title"), max_length=255, blank=True)
    report_document = models.ForeignKey("wagtaildocs.Document", on_delete=models.SET_NULL, null=True,
                                        blank=True, related_name="+", verbose_name=_("report document"))
    report_url = models.URLField(_("report link"), blank=True)
    report_doi = models.CharField(_("report DOI"), max_length=100, blank=True,
                                  help_text=_("For example 10.5281/zenodo.7590743."))

    content_panels = Page.content_panels + [
        MultiFieldPanel([
            FieldPanel("date"), FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
            FieldPanel("time_zone"), FieldPanel("venue"), FieldPanel("online_link"),
        ], heading=_("When and where")),
        FieldPanel("theme"), FieldPanel("summary"), FieldPanel("body"),
        MultiFieldPanel([
            FieldPanel("registration_open"), FieldPanel("registration_closes_at"), FieldPanel("capacity"),
            FieldPanel("offer_hours"), FieldPanel("reminder_hours"),
        ], heading=_("Registration")),
        MultiFieldPanel([FieldPanel("registered_count"), FieldPanel("attended_count")],
                        heading=_("Attendance")),
        MultiFieldPanel([FieldPanel("report_title"), FieldPanel("report_document"), FieldPanel("report_url"),
                         FieldPanel("report_doi")], heading=_("Report")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("theme"), index.SearchField("summary"), index.SearchField("body"),
        index.FilterField("date"),
    ]
    parent_page_types = ["forum.ForumIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("forum event page")

    @property
    def is_over(self) -> bool:
        return self.ends_at <= timezone.now()

    def get_context(self, request, *args, **kwargs):
        from portal.forum import timetable  # it reads the models this module defines

        context = super().get_context(request, *args, **kwargs)
        context["slots"] = timetable.slots(timetable.programme(self))
        context["event_materials"] = self.materials.filter(session=None).select_related("document")
        context["attendance"] = timetable.attendance(self)
        context["may_join_online"] = timetable.may_join_online(self, request.user)
        context["attendees"] = timetable.attendee_list(self, request.user)
        return context
