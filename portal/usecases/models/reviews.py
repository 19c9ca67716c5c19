"""The review of a use case: the criteria coordinators set, a reviewer's assignment (their declaration of
conflicts of interest, recommendation, comment and internal note) and their score on each criterion."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .usecases import UseCase

LOWEST, HIGHEST = 1, 5


class Criterion(models.Model):
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True,
                                   help_text=_("What the reviewers look at, shown next to the score."))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("active"), default=True,
                                 help_text=_("Reviewers score only the active criteria."))

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("review criterion")
        verbose_name_plural = _("review criteria")

    def __str__(self):
        return self.name


class Assignment(models.Model):
    """A reviewer assigned to a use case. Until they declare no conflict of interest they read its title and
    organisation only; a declared conflict takes them off it (the row stays for the coordinators)."""

    class Conflict(models.TextChoices):
        UNDECLARED = "undeclared", _("Not declared yet")
        NONE = "none", _("No conflict of interest")
        DECLARED = "declared", _("Conflict of interest declared")

    class Recommendation(models.TextChoices):
        ACCEPT = "accept", _("Accept")
        CHANGES = "changes", _("Request changes")
        DECLINE = "decline", _("Decline")

    use_case = models.ForeignKey(UseCase, on_delete=models.CASCADE, related_name="assignments",
                                 verbose_name=_("use case"))
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                 related_name="use_case_assignments", verbose_name=_("reviewer"))
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                    blank=True, related_name="+", verbose_name=_("assigned by"))
    assigned_at = models.DateTimeField(_("assigned at"), default=timezone.now)
    conflict = models.CharField(_("conflict of interest"), max_length=12, choices=Conflict,
                                default=Conflict.UNDECLARED)
    conflict_note = models.TextField(_("about the conflict"), blank=True)
    declared_at = models.DateTimeField(_("declared at"), null=True, blank=True)
    recommendation = models.CharField(_("recommendation"), max_length=10, choices=Recommendation, blank=True)
    comment = models.TextField(_("comment to the coordinators"), blank=True)
    internal_note = models.TextField(_("internal note"), blank=True,
                                     help_text=_("For the coordinators and reviewers; never shown to the "
                                                 "authors."))
    submitted_at = models.DateTimeField(_("review submitted at"), null=True, blank=True)

    class Meta:
        ordering = ["-assigned_at", "pk"]
        verbose_name = _("reviewer assignment")
        verbose_name_plural = _("reviewer assignments")
        constraints = [models.UniqueConstraint(fields=["use_case", "reviewer"],
                                               name="usecases_one_assignment_a_reviewer")]

    def __str__(self):
        return f"{self.reviewer} → {self.use_case}"


class Score(models.Model):
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="scores",
                                   verbose_name=_("assignment"))
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores",
                                  verbose_name=_("criterion"))
    value = models.PositiveSmallIntegerField(_("score"), validators=[MinValueValidator(LOWEST),
                                                                      MaxValueValidator(HIGHEST)])

    class Meta:
        ordering = ["criterion__order", "criterion__pk"]
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["assignment", "criterion"],
                                    name="usecases_one_score_a_criterion"),
            models.CheckConstraint(condition=models.Q(value__gte=LOWEST, value__lte=HIGHEST),
                                   name="usecases_score_in_range"),
        ]

    def __str__(self):
        return f"{self.criterion}: {self.value}"
