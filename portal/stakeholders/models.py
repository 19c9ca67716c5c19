"""A stakeholder's profile, their consents, the privacy statement they agree to, and erased addresses."""

from django.conf import settings
from django.core.cache import cache
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.fields import RichTextField
from wagtail.models import DraftStateMixin, RevisionMixin

from portal.core.validators import no_markup
from portal.initiative.models import Country, DiseaseArea, StakeholderCluster, SubArea

CURRENT_STATEMENT_CACHE_KEY = "stakeholders:current-privacy-statement"


class PrivacyStatement(DraftStateMixin, RevisionMixin, models.Model):
    """A version of the privacy statement; publishing a new one asks everyone to agree again."""

    version = models.CharField(_("version"), max_length=20, unique=True,
                               help_text=_("Shown to stakeholders, e.g. 2.0 or 2027-01."))
    changes = models.TextField(_("what changed"), blank=True,
                               help_text=_("Shown to stakeholders asked to agree to this version."))
    body = RichTextField(_("statement"))

    panels = ["version", "changes", "body"]

    class Meta:
        verbose_name = _("privacy statement")

    def __str__(self) -> str:
        return f"Privacy statement {self.version}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # Publishing and unpublishing save the statement: the next page view sees the change.
        transaction.on_commit(lambda: cache.delete(CURRENT_STATEMENT_CACHE_KEY))
        cache.delete(CURRENT_STATEMENT_CACHE_KEY)

    @classmethod
    def current(cls) -> "PrivacyStatement | None":
        """The latest published version; cached, since every signed-in page view asks for it."""
        current = cache.get(CURRENT_STATEMENT_CACHE_KEY)
        if current is None:
            current = cls.objects.filter(live=True).order_by("-first_published_at", "-pk").first() or False
            cache.set(CURRENT_STATEMENT_CACHE_KEY, current, 300)
        return current or None


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
    sub_areas = models.ManyToManyField(SubArea, blank=True, related_name="stakeholders",
                                       verbose_name=_("sub-areas"))
    disease_areas = models.ManyToManyField(DiseaseArea, blank=True, related_name="stakeholders",
                                           verbose_name=_("disease areas of interest"))
    workshop_expert = models.BooleanField(_("expert in workshops"), default=False)
    early_reviewer = models.BooleanField(_("early reviewer of draft recommendations"), default=False)
    validator = models.BooleanField(_("validator of mature drafts"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=Status,
                              default=Status.INCOMPLETE, db_index=True)
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

    @property
    def cluster_names(self) -> str:
        return ", ".join(cluster.name for cluster in self.clusters.all())

    @property
    def participation(self) -> list[str]:
        return [
            str(self._meta.get_field(name).verbose_name)
            for name in PARTICIPATION_FIELDS
            if getattr(self, name)
        ]


PARTICIPATION_FIELDS = ["workshop_expert", "early_reviewer", "validator"]


class Consent(models.Model):
    """One consent given or withdrawn: the history is kept, the latest row per purpose holds."""

    class Purpose(models.TextChoices):
        MEMBERSHIP = "membership", _("Membership and the privacy statement")
        # No longer recorded here: the newsletter app's ledger holds it (consents.py). Older rows stay.
        NEWSLETTER = "newsletter", _("The stakeholder newsletter")
        PUBLIC_LISTING = "public_listing", _("Being listed publicly")
        # Asked of the Industry cluster's members only (portal/usecases/directory.py).
        INDUSTRY_DIRECTORY = "industry_directory", _("Being listed in the industry directory")

    class Source(models.TextChoices):
        REGISTRATION = "registration", _("Registration form")
        PROFILE = "profile", _("Profile")
        RECONSENT = "reconsent", _("Agreement to a new privacy statement")
        IMPORT = "import", _("Import")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(max_length=20, choices=Purpose)
    given = models.BooleanField()
    privacy_statement = models.ForeignKey(PrivacyStatement, on_delete=models.PROTECT, null=True, blank=True,
                                          related_name="consents")
    text_version = models.CharField(max_length=40, blank=True)
    source = models.CharField(max_length=20, choices=Source)
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        indexes = [models.Index(fields=["user", "purpose", "-recorded_at"], name="consent_latest")]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()}: {'given' if self.given else 'withdrawn'}"


class ErasedAddress(models.Model):
    """A keyed hash of an erased account's address, so that it is never mailed again."""

    address_hash = models.CharField(max_length=64, unique=True)
    erased_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Erased address {self.address_hash[:8]}…"


class DepartedStakeholder(models.Model):
    """What stays of an erased stakeholder: anonymous counts, no person."""

    country = models.ForeignKey(Country, on_delete=models.SET_NULL, null=True, blank=True)
    clusters = models.ManyToManyField(StakeholderCluster, blank=True, related_name="+")
    was_approved = models.BooleanField()
    registered_in = models.DateField(help_text=_("First day of the month of registration."))
    erased_in = models.DateField(help_text=_("First day of the month of erasure."))

    def __str__(self) -> str:
        return f"Stakeholder who left in {self.erased_in:%B %Y}"
