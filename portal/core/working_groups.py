"""Who speaks for which working group (WorkingGroupMembership), and the memberships in the personal-data
export and erasure."""

from .models import WorkingGroupMembership
from .personal_data import register


def contact_group_ids(user) -> frozenset[int]:
    """The working groups this person is a contact of (kept on the user object for the rest of the
    request)."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    if not hasattr(user, "_contact_working_groups"):
        user._contact_working_groups = frozenset(WorkingGroupMembership.objects.filter(
            user=user, role=WorkingGroupMembership.Role.CONTACT).values_list("working_group_id", flat=True))
    return user._contact_working_groups


def _export(owner) -> list[dict]:
    return [{"working_group": str(membership.working_group), "role": membership.get_role_display(),
             "added_at": membership.created_at.isoformat()}
            for membership in WorkingGroupMembership.objects.filter(user=owner.user)
            .select_related("working_group")]


def register_personal_data() -> None:
    register(WorkingGroupMembership, label="working_group_memberships", export=_export,
             erase=lambda owner: WorkingGroupMembership.objects.filter(user=owner.user).delete())
