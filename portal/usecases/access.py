"""Who may see what of a use case: every view, listing, download, export and admin screen asks here.

- Its authors (the submitter, accepted co-authors) and the coordinators see all of it.
- An assigned reviewer sees its title and organisation until they declare their conflicts of interest;
  having declared none, the detailed part, the attachments and the log (internal notes included); having
  declared one, nothing more than anyone else.
- Members of working group 7 see the detailed part of a use case marked for them, once it was submitted
  (not a draft, not withdrawn).
- Everyone sees the public part of a published use case, and its detailed part if it is marked public.

"The detailed part" takes the attachments with it. The log is for the authors (without internal notes),
the reviewers without a conflict and the coordinators (with them)."""

from django.db.models import Exists, OuterRef, Q

from portal.core.models import WorkingGroupMembership

from .models import Assignment, CoAuthor, Confidentiality, State, UseCase
from .services import is_author, is_coordinator

WG7 = 7
# The states in which a use case marked for WG7 is shown to its members: submitted once, not taken back.
SHOWN_TO_WG7 = (State.SUBMITTED, State.IN_REVIEW, State.CHANGES_REQUESTED, State.ACCEPTED, State.PUBLISHED,
                State.DECLINED)


def is_wg7_member(user) -> bool:
    if not user.is_authenticated:
        return False
    if not hasattr(user, "_usecases_wg7"):
        user._usecases_wg7 = WorkingGroupMembership.objects.filter(
            user=user, working_group__number=WG7).exists()
    return user._usecases_wg7


def assignment_of(use_case: UseCase, user) -> Assignment | None:
    """The user's assignment to review this use case, unless they declared a conflict."""
    if not user.is_authenticated:
        return None
    return (Assignment.objects.filter(use_case=use_case, reviewer=user)
            .exclude(conflict=Assignment.Conflict.DECLARED).first())


def _reviews_cleared(use_case, user) -> bool:
    assignment = assignment_of(use_case, user)
    return assignment is not None and assignment.conflict == Assignment.Conflict.NONE


def may_see_detailed(use_case: UseCase, user) -> bool:
    """The detailed part and the attachments."""
    if use_case.state == State.PUBLISHED and use_case.confidentiality == Confidentiality.PUBLIC:
        return True
    if not user.is_authenticated:
        return False
    if is_coordinator(user) or is_author(use_case, user) or _reviews_cleared(use_case, user):
        return True
    return (use_case.confidentiality == Confidentiality.REVIEWERS_AND_WG7 and use_case.state in SHOWN_TO_WG7
            and is_wg7_member(user))


def may_see_public(use_case: UseCase, user) -> bool:
    """The public part (the use case's page)."""
    return use_case.state == State.PUBLISHED or may_see_detailed(use_case, user)


def may_see_log(use_case: UseCase, user) -> bool:
    if not user.is_authenticated:
        return False
    return is_coordinator(user) or is_author(use_case, user) or _reviews_cleared(use_case, user)


def sees_internal_notes(use_case: UseCase, user) -> bool:
    return is_coordinator(user) or _reviews_cleared(use_case, user)


def visible_log(use_case: UseCase, user):
    """The audit log as `user` may read it (empty for those who may not)."""
    if not may_see_log(use_case, user):
        return use_case.audit_log.none()
    log = use_case.audit_log.select_related("by")
    return log if sees_internal_notes(use_case, user) else log.filter(internal=False)


def visible_to(user, queryset=None):
    """The use cases whose public part `user` may see, for listings."""
    queryset = UseCase.objects.all() if queryset is None else queryset
    published = Q(state=State.PUBLISHED)
    if not user.is_authenticated:
        return queryset.filter(published)
    if is_coordinator(user):
        return queryset
    authored = Q(submitter=user) | Q(Exists(CoAuthor.objects.filter(
        use_case=OuterRef("pk"), user=user, accepted_at__isnull=False)))
    reviewed = Q(Exists(Assignment.objects.filter(use_case=OuterRef("pk"), reviewer=user,
                                                  conflict=Assignment.Conflict.NONE)))
    found = published | authored | reviewed
    if is_wg7_member(user):
        found |= Q(confidentiality=Confidentiality.REVIEWERS_AND_WG7, state__in=SHOWN_TO_WG7)
    return queryset.filter(found)
