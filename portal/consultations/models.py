"""Consultations on a draft text: coordinators write the draft as numbered sections and choose the audience;
each of the two rounds (review, validation) freezes the draft as it stands when the round opens into a
version that never changes, and what people send belongs to the section of that version they read."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from portal.core.validators import no_markup


class Round(models.IntegerChoices):
    REVIEW = 1, _("Review")
    VALIDATION = 2, _("Validation")


class Consultation(ClusterableModel):
    class Audience(models.TextChoices):
        ALL = "all", _("All approved stakeholders")
        CHOSEN = "chosen", _("The chosen clusters, countries and named people")

    title = models.CharField(_("title"), max_length=200, validators=[no_markup])
    slug = models.SlugField(_("address"), max_length=80, unique=True,
                            help_text=_("The consultation's address: /consultations/<address>/."))
    introduction = models.TextField(_("introduction"), blank=True, validators=[no_markup],
                                    help_text=_("What the draft is for and what you ask of people."))
    example = models.BooleanField(_("an example"), default=False,
                                  help_text=_("Demo content: its pages say that it is an example."))
    audience = models.CharField(_("audience"), max_length=10, choices=Audience, default=Audience.ALL)
    clusters = ParentalManyToManyField("initiative.StakeholderCluster", blank=True, related_name="+",
                                       verbose_name=_("stakeholder clusters"))
    countries = ParentalManyToManyField("initiative.Country", blank=True, related_name="+",
                                        verbose_name=_("countries"))
    review_opens_at = models.DateTimeField(_("review opens"), null=True, blank=True)
    review_closes_at = models.DateTimeField(_("review closes"), null=True, blank=True)
    validation_opens_at = models.DateTimeField(_("validation opens"), null=True, blank=True)
    validation_closes_at = models.DateTimeField(_("validation closes"), null=True, blank=True)
    report_published_at = models.DateTimeField(_("report published"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")

    def __str__(self):
        return self.title

    def opens_at(self, round_: int):
        return self.review_opens_at if round_ == Round.REVIEW else self.validation_opens_at

    def closes_at(self, round_: int):
        return self.review_closes_at if round_ == Round.REVIEW else self.validation_closes_at

    def is_open(self, round_: int, now=None) -> bool:
        now = now or timezone.now()
        opens, closes = self.opens_at(round_), self.closes_at(round_)
        return opens is not None and closes is not None and opens <= now < closes


class DraftSection(Orderable):
    """A numbered section of the draft the coordinators edit; its number is its place."""

    consultation = ParentalKey(Consultation, on_delete=models.CASCADE, related_name="sections")
    heading = models.CharField(_("heading"), max_length=200, validators=[no_markup])
    text = models.TextField(_("text"), validators=[no_markup])

    class Meta(Orderable.Meta):
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self):
        return self.heading


class NamedParticipant(Orderable):
    """Someone invited by name, whatever their profile says."""

    class Rounds(models.TextChoices):
        BOTH = "both", _("Both rounds")
        REVIEW = "review", _("Review only")
        VALIDATION = "validation", _("Validation only")

    consultation = ParentalKey(Consultation, on_delete=models.CASCADE, related_name="named_participants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+",
                             verbose_name=_("person"))
    rounds = models.CharField(_("takes part in"), max_length=10, choices=Rounds, default=Rounds.BOTH)

    class Meta(Orderable.Meta):
        verbose_name = _("named participant")
        verbose_name_plural = _("named participants")
        constraints = [models.UniqueConstraint(fields=["consultation", "user"],
                                               name="consultations_named_once")]

    def __str__(self):
        return str(self.user)


class Version(models.Model):
    """The draft as it stood when a round opened: never edited."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="versions")
    round = models.PositiveSmallIntegerField(_("round"), choices=Round)
    frozen_at = models.DateTimeField(_("frozen at"), default=timezone.now)

    class Meta:
        ordering = ["round"]
        verbose_name = _("version")
        verbose_name_plural = _("versions")
        constraints = [models.UniqueConstraint(fields=["consultation", "round"],
                                               name="consultations_one_version_a_round")]

    def __str__(self):
        return f"{self.consultation} – {self.get_round_display()}"


class VersionSection(models.Model):
    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="sections")
    number = models.PositiveSmallIntegerField(_("number"))
    heading = models.CharField(_("heading"), max_length=200)
    text = models.TextField(_("text"))

    class Meta:
        ordering = ["version", "number"]
        verbose_name = _("section of a version")
        verbose_name_plural = _("sections of a version")
        constraints = [models.UniqueConstraint(fields=["version", "number"],
                                               name="consultations_section_number")]

    def __str__(self):
        return f"{self.number}. {self.heading}"


class Comment(models.Model):
    """A reviewer's comment on a section of the review version, and the coordinators' answer to it."""

    class Decision(models.TextChoices):
        ACCEPTED = "accepted", _("Accepted")
        PARTLY = "partly", _("Partly accepted")
        NOT_ACCEPTED = "not_accepted", _("Not accepted")

    section = models.ForeignKey(VersionSection, on_delete=models.CASCADE, related_name="comments",
                                verbose_name=_("section"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="consultation_comments", verbose_name=_("author"),
                               help_text=_("Empty once the person's data was erased: “a stakeholder”."))
    # How the author is shown when not named, as their profile said when they commented.
    author_cluster = models.CharField(max_length=200, blank=True)
    author_country = models.CharField(max_length=100, blank=True)
    named = models.BooleanField(_("shown with my name"), default=False)
    quote = models.TextField(_("passage quoted"), blank=True, max_length=2000)
    text = models.TextField(_("comment"), max_length=5000)
    proposed_wording = models.TextField(_("proposed wording"), blank=True, max_length=5000)
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)
    decision = models.CharField(_("decision"), max_length=20, choices=Decision, blank=True)
    answer = models.TextField(_("answer"), blank=True, max_length=5000)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        ordering = ["section__number", "created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self):
        return self.text[:60]


class Verdict(models.Model):
    """A validator's approval of, or objection to, a section of the validation version or the text as a
    whole (no section). One each, changeable until the round closes; an erased person's stays counted."""

    class Choice(models.TextChoices):
        APPROVE = "approve", _("Approve")
        OBJECT = "object", _("Object")

    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="verdicts")
    section = models.ForeignKey(VersionSection, on_delete=models.CASCADE, null=True, blank=True,
                                related_name="verdicts", verbose_name=_("section"),
                                help_text=_("Empty: the text as a whole."))
    voter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="consultation_verdicts")
    choice = models.CharField(_("verdict"), max_length=10, choices=Choice)
    reason = models.TextField(_("reason"), blank=True, max_length=5000)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["version", "section__number", "pk"]
        verbose_name = _("verdict")
        verbose_name_plural = _("verdicts")
        constraints = [
            models.UniqueConstraint(fields=["section", "voter"], condition=Q(section__isnull=False),
                                    name="consultations_one_verdict_a_section"),
            models.UniqueConstraint(fields=["version", "voter"], condition=Q(section__isnull=True),
                                    name="consultations_one_verdict_on_the_whole"),
        ]

    def __str__(self):
        return self.get_choice_display()


class Notice(models.Model):
    """An email sent about a consultation, so that each is sent once."""

    class Kind(models.TextChoices):
        INVITATION = "invitation", _("Invitation")
        REMINDER = "reminder", _("Reminder")
        ANSWERS = "answers", _("Your comments were answered")

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="notices")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="consultation_notices")
    round = models.PositiveSmallIntegerField(choices=Round)
    kind = models.CharField(max_length=20, choices=Kind)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["consultation", "user", "round", "kind"],
                                               name="consultations_notice_once")]

    def __str__(self):
        return f"{self.get_kind_display()} – {self.user}"
