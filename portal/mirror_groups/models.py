"""National Mirror Groups: one per country of the initiative, their members, meetings, news and the
applications of stakeholders who want to join. The composition rules are in composition.py."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from portal.core.validators import no_markup
from portal.initiative.models import Country


class Role(models.TextChoices):
    SCIENTIFIC_COORDINATOR = "coordinator", _("Scientific coordinator")
    NATIONAL_CONTACT_POINT = "ncp", _("National contact point (NCP)")
    MEMBER = "member", _("Member")


MANAGING_ROLES = (Role.SCIENTIFIC_COORDINATOR, Role.NATIONAL_CONTACT_POINT)


class Sector(models.TextChoices):
    """The stakeholder groups of the fact sheet "NMGs at a glance" (B1MG, 2021)."""

    RESEARCH = "research", _("Research, university, clinical, IT and data communities")
    GOVERNMENT = "government", _("Ministry, agency, executive or policy maker")
    INDUSTRY = "industry", _("Industry or private sector")
    ELSI = "elsi", _("Ethical, legal and social issues (ELSI)")
    FUNDING = "funding", _("Funding agency")
    PATIENTS = "patients", _("Patient organisation")


class Gender(models.TextChoices):
    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")
    ANOTHER = "another", _("In another way")


def current_on(on) -> Q:
    """Memberships that hold on a day: started (or no start date) and not ended."""
    return (Q(starts_on__isnull=True) | Q(starts_on__lte=on)) & (Q(ends_on__isnull=True) | Q(ends_on__gte=on))


class MirrorGroup(models.Model):
    country = models.OneToOneField(Country, on_delete=models.PROTECT, related_name="mirror_group")
    established_on = models.DateField(_("established on"), null=True, blank=True,
                                      help_text=_("Empty while the group is being set up."))
    mission = models.TextField(_("mission"), blank=True, validators=[no_markup])
    role = models.TextField(_("role"), blank=True, validators=[no_markup])
    tasks = models.TextField(_("tasks"), blank=True, validators=[no_markup])

    panels = ["country", "established_on", "mission", "role", "tasks"]

    class Meta:
        ordering = ["country__name"]
        verbose_name = _("National Mirror Group")

    def __str__(self) -> str:
        return _("National Mirror Group of %(country)s") % {"country": self.country.name}

    @property
    def is_established(self) -> bool:
        return self.established_on is not None and self.established_on <= timezone.localdate()

    def current_memberships(self, on=None):
        return self.memberships.filter(current_on(on or timezone.localdate()))

    def managers(self):
        """The people who manage the group: its current scientific coordinator and NCP with an account."""
        return get_user_model().objects.filter(
            nmg_memberships__in=self.current_memberships().filter(role__in=MANAGING_ROLES)
        ).distinct()


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Membership(models.Model):
    """A person in a group: a registered stakeholder, or someone invited who has not registered yet."""

    group = models.ForeignKey(MirrorGroup, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True,
                             related_name="nmg_memberships")
    name = models.CharField(_("name"), max_length=200, validators=[no_markup])
    email = models.EmailField(_("email"), max_length=254,
                              help_text=_("Never shown publicly; used to invite and reach the member."))
    role = models.CharField(_("role"), max_length=12, choices=Role, default=Role.MEMBER)
    sector = models.CharField(_("sector"), max_length=12, choices=Sector)
    region = models.CharField(_("region of the country"), max_length=100, validators=[no_markup])
    organisation = models.CharField(_("organisation"), max_length=200, blank=True, validators=[no_markup])
    starts_on = models.DateField(_("member from"), null=True, blank=True)
    ends_on = models.DateField(_("member until"), null=True, blank=True)
    listed_publicly = models.BooleanField(
        _("agreed to be listed publicly"), default=False,
        help_text=_("Only then do name, role, organisation and sector appear in the public directory."),
    )
    gender = models.CharField(_("gender (optional, self-declared)"), max_length=10, choices=Gender,
                              blank=True, help_text=_("Only ever shown as a count over the group."))
    # The link in the invitation of someone who has not registered yet.
    invitation_token = models.CharField(max_length=64, unique=True, default=new_token)
    invited_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["group", "role", "name"]
        verbose_name = _("membership")
        constraints = [
            models.UniqueConstraint(fields=["group", "email"], name="one_membership_an_address"),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(starts_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="membership_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()}, {self.group.country.name})"


class Meeting(models.Model):
    group = models.ForeignKey(MirrorGroup, on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField(_("date"))
    agenda = models.TextField(_("agenda"), validators=[no_markup])
    minutes = models.ForeignKey("wagtaildocs.Document", on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="+", verbose_name=_("minutes"))
    attendance = models.PositiveSmallIntegerField(_("people attending"), null=True, blank=True)

    class Meta:
        ordering = ["group", "-held_on"]
        verbose_name = _("meeting")

    def __str__(self) -> str:
        return f"{self.group.country.name}, {self.held_on:%d %B %Y}"


class GroupNews(models.Model):
    group = models.ForeignKey(MirrorGroup, on_delete=models.CASCADE, related_name="news")
    title = models.CharField(_("title"), max_length=200, validators=[no_markup])
    published_on = models.DateField(_("date"), default=timezone.localdate)
    text = models.TextField(_("text"), validators=[no_markup])

    class Meta:
        ordering = ["group", "-published_on"]
        verbose_name = _("group news item")
        verbose_name_plural = _("group news")

    def __str__(self) -> str:
        return self.title


class Application(models.Model):
    """A registered stakeholder asks to join their country's group; its managers decide."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for a decision")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    group = models.ForeignKey(MirrorGroup, on_delete=models.CASCADE, related_name="applications")
    applicant = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                  related_name="nmg_applications")
    motivation = models.TextField(_("motivation"), max_length=3000, validators=[no_markup])
    sector = models.CharField(_("sector"), max_length=12, choices=Sector)
    region = models.CharField(_("region of the country"), max_length=100, validators=[no_markup])
    organisation = models.CharField(_("organisation"), max_length=200, blank=True, validators=[no_markup])
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.PENDING)
    message = models.TextField(_("message to the applicant"), blank=True, validators=[no_markup])
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                   blank=True, related_name="+")
    applied_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-applied_at"]
        verbose_name = _("application")
        constraints = [
            models.UniqueConstraint(fields=["group", "applicant"], condition=Q(status="pending"),
                                    name="one_pending_application_a_group"),
        ]

    def __str__(self) -> str:
        return f"{self.applicant.get_full_name() or self.applicant.email} → {self.group.country.name}"


@register_setting(icon="group")
class CompositionRules(BaseGenericSetting):
    """How the fact sheet's composition profile is checked; the fact sheet leaves these open."""

    members_count_managers = models.BooleanField(
        _("the scientific coordinator and NCP count as members"), default=False,
        help_text=_("The fact sheet lists 1 coordinator, 1 NCP and 5-12 members; by default the range "
                    "counts the other members only."),
    )
    min_members = models.PositiveSmallIntegerField(_("fewest members"), default=5)
    max_members = models.PositiveSmallIntegerField(_("most members"), default=12)
    max_gender_share = models.PositiveSmallIntegerField(
        _("largest share of one gender (%)"), default=60,
        help_text=_("Among the members who declared a gender."),
    )
    min_regions = models.PositiveSmallIntegerField(_("fewest regions"), default=3)
    min_sectors = models.PositiveSmallIntegerField(_("fewest sectors"), default=4)
    industry_required = models.BooleanField(
        _("industry must be represented"), default=True,
        help_text=_("As the initiative's industry working group asks."),
    )

    class Meta:
        verbose_name = _("mirror group composition rules")
