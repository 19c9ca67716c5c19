"""The few models every app may stand on. Working groups themselves are reference data (initiative), named
here by string: portal/core imports no app."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkingGroupMembership(models.Model):
    """A person in a 1+MG working group: a contact speaks for the group (and so acts for it on the portal,
    such as updating the status of the recommendations addressed to it), a member belongs to it."""

    class Role(models.TextChoices):
        CONTACT = "contact", _("Contact")
        MEMBER = "member", _("Member")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="working_group_memberships", verbose_name=_("person"))
    working_group = models.ForeignKey("initiative.WorkingGroup", on_delete=models.CASCADE,
                                      related_name="memberships", verbose_name=_("working group"))
    role = models.CharField(_("role"), max_length=10, choices=Role, default=Role.MEMBER)
    created_at = models.DateTimeField(_("added at"), auto_now_add=True)

    panels = ["user", "working_group", "role"]

    class Meta:
        ordering = ["working_group", "role", "pk"]
        verbose_name = _("working group membership")
        verbose_name_plural = _("working group memberships")
        constraints = [models.UniqueConstraint(fields=["user", "working_group", "role"],
                                               name="core_one_role_a_person_a_working_group")]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()}, {self.working_group})"
