"""The programme of an event: sessions with stable ids (registrations and questions point at them),
their speakers and materials."""

import zoneinfo

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.initiative.models import DiseaseArea


class Session(models.Model):
    class Kind(models.TextChoices):
        WELCOME = "welcome", _("Welcome")
        UPDATE = "update", _("Update")
        KEYNOTE = "keynote", _("Keynote")
        PANEL = "panel", _("Panel")
        WORKSHOP = "workshop", _("Parallel workshop")
        QA = "qa", _("Questions and answers")
        BREAK = "break", _("Break")

    event = models.ForeignKey("forum.ForumEventPage", on_delete=models.PROTECT, related_name="sessions",
                              verbose_name=_("event"))
    title = models.CharField(_("title"), max_length=255)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.UPDATE)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    track = models.CharField(_("room or track"), max_length=100, blank=True,
                             help_text=_("For parallel sessions: the room or track they run in."))
    description = models.TextField(_("description"), blank=True)
    disease_area = models.ForeignKey(DiseaseArea, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=_("disease area"))
    guiding_questions = models.TextField(_("guiding questions"), blank=True,
                                         help_text=_("For a workshop: one question a line."))
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True,
                                           help_text=_("For a workshop: its places; empty for no limit."))
    questions_open = models.BooleanField(_("audience questions open"), default=False)
    questions_moderated = models.BooleanField(
        _("questions wait for a moderator"), default=True,
        help_text=_("Questions show to the audience once a moderator approves them; otherwise at once."))

    class Meta:
        ordering = ["starts_at", "track", "pk"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")),
                                              name="forum_session_ends_after_it_starts")]

    def __str__(self):
        return self.title

    @property
    def is_workshop(self) -> bool:
        return self.kind == self.Kind.WORKSHOP

    # The columns of the programme import (programme_import.py), so that an export imports again as it is.
    def _local(self, moment):
        return moment.astimezone(zoneinfo.ZoneInfo(self.event.time_zone))

    @property
    def date(self) -> str:
        return self._local(self.starts_at).date().isoformat()

    @property
    def start(self) -> str:
        return self._local(self.starts_at).strftime("%H:%M")

    @property
    def end(self) -> str:
        return self._local(self.ends_at).strftime("%H:%M")

    @property
    def disease_area_slug(self) -> str:
        return self.disease_area.slug if self.disease_area else ""


class Speaker(models.Model):
    class Role(models.TextChoices):
        SPEAKER = "speaker", _("Speaker")
        CHAIR = "chair", _("Chair")
        CO_CHAIR = "co_chair", _("Co-chair")
        MODERATOR = "moderator", _("Moderator")
        PANELLIST = "panellist", _("Panellist")

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="speakers",
                                verbose_name=_("session"))
    name = models.CharField(_("name"), max_length=200)
    affiliation = models.CharField(_("affiliation"), max_length=255, blank=True)
    role = models.CharField(_("role in the session"), max_length=20, choices=Role, default=Role.SPEAKER)
    bio = models.TextField(_("short bio"), max_length=1000, blank=True)
    photo = models.ForeignKey("wagtailimages.Image", on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="+", verbose_name=_("photo"))
    photo_alt = models.CharField(_("photo's alternative text"), max_length=255, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="forum_speaker_roles", verbose_name=_("account"),
                             help_text=_("Optional: the speaker's account on the portal."))
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")

    def __str__(self):
        return self.name


class Material(models.Model):
    class Kind(models.TextChoices):
        SLIDES = "slides", _("Slides")
        MINUTES = "minutes", _("Minutes")
        RECORDING = "recording", _("Recording")
        REPORT = "report", _("Report")

    event = models.ForeignKey("forum.ForumEventPage", on_delete=models.CASCADE, related_name="materials",
                              verbose_name=_("event"))
    session = models.ForeignKey(Session, on_delete=models.CASCADE, null=True, blank=True,
                                related_name="materials", verbose_name=_("session"),
                                help_text=_("Empty: material of the whole event."))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    title = models.CharField(_("title"), max_length=255)
    document = models.ForeignKey("wagtaildocs.Document", on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="+", verbose_name=_("document"))
    url = models.URLField(_("link"), blank=True)
    doi = models.CharField(_("DOI"), max_length=100, blank=True)

    class Meta:
        ordering = ["kind", "title", "pk"]
        verbose_name = _("material")
        verbose_name_plural = _("materials")

    def __str__(self):
        return self.title
