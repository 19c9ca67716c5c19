"""The newsletter's topics: what a subscriber may ask for."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.initiative.models import DiseaseArea, StakeholderCluster


class Topic(models.Model):
    """What a subscriber may ask for: the general newsletter, or news of a cluster or a disease area."""

    slug = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)
    description = models.CharField(_("description"), max_length=300, blank=True)
    is_general = models.BooleanField(_("the general newsletter"), default=False)
    cluster = models.ForeignKey(StakeholderCluster, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="+")
    disease_area = models.ForeignKey(DiseaseArea, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+")
    order = models.PositiveSmallIntegerField(default=0)

    panels = ["name", "slug", "description", "is_general", "cluster", "disease_area", "order"]

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("newsletter topic")

    def __str__(self) -> str:
        return self.name
