"""Reference data of 1+MG: countries, working groups, disease areas and stakeholder clusters."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable


class Country(models.Model):
    class Status(models.TextChoices):
        SIGNATORY = "signatory", _("Signatory")
        OBSERVER = "observer", _("Observer")
        NONE = "none", _("Not part of the initiative")

    iso_code = models.CharField(_("ISO code"), max_length=2, unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.NONE)
    joined = models.DateField(
        _("date joined"), null=True, blank=True,
        help_text=_("Date the declaration was signed; empty where no public source gives it."),
    )
    source = models.TextField(_("source"), blank=True)

    panels = ["iso_code", "name", "status", "joined", "source"]

    class Meta:
        ordering = ["name"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")

    def __str__(self) -> str:
        return self.name


class WorkingGroup(models.Model):
    class Kind(models.TextChoices):
        COORDINATION = "coordination", _("Coordination")
        TECHNICAL = "technical", _("Technical")
        USE_CASE = "use_case", _("Use case")

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind)

    panels = ["number", "name", "kind"]

    class Meta:
        ordering = ["number"]
        verbose_name = _("working group")

    def __str__(self) -> str:
        return f"WG{self.number} {self.name}"


class DiseaseArea(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)
    working_group = models.ForeignKey(WorkingGroup, on_delete=models.SET_NULL, null=True, blank=True,
                                      related_name="disease_areas")

    panels = ["name", "slug", "working_group"]

    class Meta:
        ordering = ["name"]
        verbose_name = _("disease area")

    def __str__(self) -> str:
        return self.name


class StakeholderCluster(ClusterableModel):
    slug = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)
    description = models.TextField(_("description"))
    description_source = models.CharField(
        _("source of the description"), max_length=300, blank=True,
        help_text=_("Where the description comes from, e.g. a public document."),
    )
    needs_review = models.BooleanField(
        _("description to complete"), default=False,
        help_text=_("Drafted by the portal team where the sources are silent: coordinators complete it."),
    )
    lead = models.CharField(_("lead"), max_length=200, blank=True,
                            help_text=_("Organisation or person leading the cluster, if any."))
    sort_order = models.PositiveSmallIntegerField(default=0)

    panels = [
        "name", "slug", "description", "description_source", "needs_review", "lead", "sort_order",
        InlinePanel("sub_areas", label=_("Sub-areas")),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("stakeholder cluster")

    def __str__(self) -> str:
        return self.name


class SubArea(Orderable):
    cluster = ParentalKey(StakeholderCluster, on_delete=models.CASCADE, related_name="sub_areas")
    name = models.CharField(_("name"), max_length=100)

    panels = [FieldPanel("name")]

    class Meta(Orderable.Meta):
        constraints = [models.UniqueConstraint(fields=["cluster", "name"], name="unique_sub_area")]
        verbose_name = _("sub-area")

    def __str__(self) -> str:
        return self.name
