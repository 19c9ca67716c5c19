"""Industry use cases: what a company proposes to the initiative, in a public part (organisation, title,
summary, disease areas, industry roles, countries) and a detailed part whose readers the submitter chooses
(`confidentiality`). Every move between states is written to the audit log."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from portal.core.validators import no_markup


class State(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    IN_REVIEW = "in_review", _("In review")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    ACCEPTED = "accepted", _("Accepted")
    PUBLISHED = "published", _("Published")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Confidentiality(models.TextChoices):
    """Who reads the detailed part, besides its authors and the coordinators."""

    REVIEWERS = "reviewers", _("The assigned reviewers only")
    REVIEWERS_AND_WG7 = "reviewers_wg7", _("The assigned reviewers and the members of working group 7")
    PUBLIC = "public", _("Everyone, once published")


class UseCase(index.Indexed, models.Model):
    # The public part: shown in the catalogue once published, and the only part the search index holds.
    organisation = models.CharField(_("organisation"), max_length=200, validators=[no_markup])
    title = models.CharField(_("title"), max_length=200, validators=[no_markup])
    summary = models.TextField(_("public summary"), max_length=1500, blank=True, validators=[no_markup])
    disease_areas = models.ManyToManyField("initiative.DiseaseArea", blank=True, related_name="+",
                                           verbose_name=_("disease areas"))
    industry_roles = models.ManyToManyField(
        "initiative.SubArea", blank=True, related_name="+", verbose_name=_("industry roles"),
        help_text=_("The roles industry can play, as the Industry cluster's sub-areas name them."))
    countries = models.ManyToManyField("initiative.Country", blank=True, related_name="+",
                                       verbose_name=_("countries involved"))
    time_frame = models.CharField(_("time frame"), max_length=200, blank=True, validators=[no_markup])

    # The detailed part: its readers follow `confidentiality`.
    description = models.TextField(_("detailed description"), blank=True, validators=[no_markup])
    offers = models.TextField(_("what it offers the initiative"), blank=True, validators=[no_markup])
    seeks = models.TextField(_("what the company seeks"), blank=True, validators=[no_markup])
    data_needed = models.TextField(_("data it would need"), blank=True, validators=[no_markup])
    safeguards = models.TextField(_("safeguards it proposes"), blank=True, validators=[no_markup])
    confidentiality = models.CharField(_("who may read the detailed part"), max_length=20,
                                       choices=Confidentiality, default=Confidentiality.REVIEWERS)

    submitter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="submitted_use_cases", verbose_name=_("submitter"))
    state = models.CharField(_("state"), max_length=20, choices=State, default=State.DRAFT)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    # The public part only, never the detailed one: a search for a confidential word finds nothing. Every row
    # is indexed (a use case is saved when it is published, after its areas, roles and countries are set);
    # whoever searches filters on the state (portal/usecases/catalogue.py).
    search_fields = [
        index.SearchField("title", boost=2),
        index.SearchField("summary"),
        index.SearchField("organisation"),
        index.RelatedFields("disease_areas", [index.SearchField("name")]),
        index.RelatedFields("industry_roles", [index.SearchField("name")]),
        index.RelatedFields("countries", [index.SearchField("name")]),
        index.FilterField("state"),
        index.FilterField("published_at"),
    ]

    class Meta:
        ordering = ["-updated_at", "pk"]
        verbose_name = _("use case")
        verbose_name_plural = _("use cases")

    def __str__(self):
        return self.title


class CoAuthor(models.Model):
    """Someone the submitter invited to write with them: an approved stakeholder, by address. The invitation
    becomes theirs when an account with that verified address accepts it."""

    use_case = models.ForeignKey(UseCase, on_delete=models.CASCADE, related_name="co_authors",
                                 verbose_name=_("use case"))
    email = models.EmailField(_("address"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True,
                             related_name="co_authored_use_cases", verbose_name=_("co-author"))
    invited_at = models.DateTimeField(_("invited at"), default=timezone.now)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("co-author")
        verbose_name_plural = _("co-authors")
        constraints = [models.UniqueConstraint(fields=["use_case", "email"], name="usecases_one_invitation")]

    def __str__(self):
        return self.email


class AuditEntry(models.Model):
    """A move between states (or a note on one), who made it and why. The submitter reads every entry but
    the internal ones (reviewers' and coordinators' notes among themselves)."""

    use_case = models.ForeignKey(UseCase, on_delete=models.CASCADE, related_name="audit_log",
                                 verbose_name=_("use case"))
    from_state = models.CharField(_("from"), max_length=20, choices=State, blank=True)
    to_state = models.CharField(_("to"), max_length=20, choices=State)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                           related_name="+", verbose_name=_("by"))
    at = models.DateTimeField(_("at"), default=timezone.now)
    comment = models.TextField(_("comment"), blank=True)
    internal = models.BooleanField(_("internal note"), default=False)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log")

    def __str__(self):
        return f"{self.from_state} → {self.to_state}"
