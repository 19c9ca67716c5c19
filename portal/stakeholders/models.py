"""A stakeholder's profile: who they are, their clusters, their consent and approval state."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.initiative.models import Country, StakeholderCluster
from portal.validators import no_markup


class ProfileQuerySet(models.QuerySet):
    def awaiting_review(self):
        return self.filter(status=StakeholderProfile.Status.PENDING)


class StakeholderProfile(models.Model):
    class Status(models.TextChoices):
        INCOMPLETE = "incomplete", _("Profile not completed")
        PENDING = "pending", _("Awaiting approval")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="stakeholder_profile"
    )
    organisation = models.CharField(_("organisation"), max_length=200, blank=True,
                                    validators=[no_markup])
    role = models.CharField(_("role or job title"), max_length=200, blank=True,
                            validators=[no_markup])
    country = models.ForeignKey(Country, on_delete=models.PROTECT, null=True, blank=True,
                                verbose_name=_("country"))
    clusters = models.ManyToManyField(StakeholderCluster, blank=True, related_name="stakeholders",
                                      verbose_name=_("stakeholder clusters"))
    status = models.CharField(_("status"), max_length=10, choices=Status,
                              default=Status.INCOMPLETE, db_index=True)
    privacy_statement_version = models.CharField(max_length=20)
    privacy_agreed_at = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                   blank=True, related_name="+")
    decision_message = models.TextField(_("message to the stakeholder"), blank=True)

    objects = ProfileQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-created_at"]
        permissions = [("review_stakeholderprofile", "Can approve or decline stakeholders")]
        verbose_name = _("stakeholder")

    def __str__(self) -> str:
        return self.full_name or self.user.email

    @property
    def full_name(self) -> str:
        return self.user.get_full_name()

    @property
    def email(self) -> str:
        return self.user.email

    @property
    def is_complete(self) -> bool:
        return self.status != self.Status.INCOMPLETE
