"""Recommendations to the 1+MG working groups: where each came from, whom it is addressed to, and its
status as a history of changes, each made by a working group contact or a coordinator."""

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.initiative.models import DiseaseArea, WorkingGroup


class Status(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    UNDER_CONSIDERATION = "considered", _("Under consideration")
    ACCEPTED = "accepted", _("Accepted")
    IN_PROGRESS = "in_progress", _("In progress")
    IMPLEMENTED = "implemented", _("Implemented")
    DECLINED = "declined", _("Declined")


class Theme(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self):
        return self.name


class Source(models.Model):
    """What a recommendation came from: a forum session or workshop, or a document (a report, a policy
    brief, slides), given as a document of the library, a link or both."""

    class Kind(models.TextChoices):
        SESSION = "session", _("Forum session")
        WORKSHOP = "workshop", _("Workshop")
        REPORT = "report", _("Report")
        POLICY_BRIEF = "policy_brief", _("Policy brief")
        SLIDES = "slides", _("Presentation")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    title = models.CharField(_("title"), max_length=255)
    date = models.DateField(_("date"), null=True, blank=True)
    session = models.ForeignKey("forum.Session", on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="+", verbose_name=_("forum session"),
                                help_text=_("For a forum session or workshop."))
    document = models.ForeignKey("wagtaildocs.Document", on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="+", verbose_name=_("document"))
    url = models.URLField(_("link"), blank=True)

    class Meta:
        ordering = [models.F("date").desc(nulls_last=True), "title"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self):
        return self.title


class Recommendation(models.Model):
    title = models.CharField(_("title"), max_length=255)
    text = models.TextField(_("text"))
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="recommendations",
                               verbose_name=_("source"))
    working_groups = models.ManyToManyField(WorkingGroup, related_name="recommendations",
                                            verbose_name=_("addressed to"))
    disease_areas = models.ManyToManyField(DiseaseArea, blank=True, related_name="recommendations",
                                           verbose_name=_("disease areas"))
    themes = models.ManyToManyField(Theme, blank=True, related_name="recommendations",
                                    verbose_name=_("themes"))
    proposed_on = models.DateField(_("proposed on"), null=True, blank=True, default=datetime.date.today,
                                   help_text=_("Empty when the source does not say."))
    # The latest change's, kept here for the tracker's filters and counts (services.change_status).
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.PROPOSED,
                              editable=False)
    status_is_example = models.BooleanField(
        _("status is an example"), default=False,
        help_text=_("The status history is invented, for a demonstration; the page says so."))
    created_at = models.DateTimeField(auto_now_add=True)
    consultation = models.ForeignKey("consultations.Consultation", on_delete=models.SET_NULL, null=True,
                                     blank=True, related_name="recommendations",
                                     verbose_name=_("consultation that shaped it"))

    class Meta:
        ordering = [models.F("proposed_on").desc(nulls_last=True), "pk"]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")

    def __str__(self):
        return self.title


class StatusChange(models.Model):
    """One step of a recommendation's history. Who made it is shown by the role they acted in, never by
    name; the role is stored as it was at the time."""

    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("Coordinator")
        CONTACT = "contact", _("Working group contact")

    recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE, related_name="changes",
                                       verbose_name=_("recommendation"))
    status = models.CharField(_("status"), max_length=20, choices=Status)
    date = models.DateField(_("date"), default=datetime.date.today)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                   blank=True, related_name="+", verbose_name=_("changed by"))
    role = models.CharField(_("as"), max_length=20, choices=Role)
    working_group = models.ForeignKey(WorkingGroup, on_delete=models.SET_NULL, null=True, blank=True,
                                      related_name="+", verbose_name=_("for the working group"))
    note = models.TextField(_("public note"), blank=True)
    evidence_url = models.URLField(_("evidence (link)"), blank=True)
    evidence_document = models.ForeignKey("wagtaildocs.Document", on_delete=models.SET_NULL, null=True,
                                          blank=True, related_name="+", verbose_name=_("evidence (document)"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "created_at", "pk"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self):
        return f"{self.recommendation}: {self.get_status_display()} ({self.date})"

    @property
    def changed_as(self) -> str:
        """"Coordinator", or "Working group contact, WG7"."""
        if self.role == self.Role.CONTACT and self.working_group_id:
            return f"{self.get_role_display()}, WG{self.working_group.number}"
        return self.get_role_display()


class Follow(models.Model):
    """A stakeholder following a recommendation, mailed when its status changes."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="followed_recommendations", verbose_name=_("person"))
    recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE, related_name="follows",
                                       verbose_name=_("recommendation"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("follower")
        verbose_name_plural = _("followers")
        constraints = [models.UniqueConstraint(fields=["user", "recommendation"],
                                               name="recommendations_follow_once")]

    def __str__(self):
        return f"{self.user} → {self.recommendation}"
