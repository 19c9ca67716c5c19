"""What changes a use case: starting and editing a draft, co-authors, and the moves between states.

The moves are a table (`MOVES`): from which state to which, who may make it (the submitter, an accepted
co-author, a coordinator) and whether it needs a comment. `move` makes only those; each is written to the
audit log and mailed to the submitter and the accepted co-authors. Coordinators are those with the change
permission on use cases (the Coordinators group, migration 0003).

Reviewers make no move: coordinators assign them (`assign`), each declares their conflicts of interest
(`declare`), then scores the active criteria and recommends (`review`); coordinators decide by their moves.
Who sees what is portal.usecases.access."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.core.models import PrivateFile
from portal.core.private_files import save_private_file
from portal.stakeholders.members import is_member
from portal.stakeholders.services import APPROVED_STAKEHOLDERS

from . import notifications
from .models import Assignment, Attachment, AuditEntry, CoAuthor, Criterion, Score, State, UseCase


class Refused(Exception):
    """Why a change is not made: a sentence to show the person."""


class Role:
    SUBMITTER = "submitter"
    CO_AUTHOR = "co-author"
    COORDINATOR = "coordinator"


ROLE_LABELS = {Role.SUBMITTER: gettext_lazy("the submitter"), Role.CO_AUTHOR: gettext_lazy("a co-author"),
               Role.COORDINATOR: gettext_lazy("a coordinator")}


@dataclass(frozen=True)
class Move:
    from_state: str
    to_state: str
    who: str
    needs_comment: bool = False


S = State
MOVES = (
    Move(S.DRAFT, S.SUBMITTED, Role.SUBMITTER),
    Move(S.DRAFT, S.SUBMITTED, Role.CO_AUTHOR),
    Move(S.DRAFT, S.WITHDRAWN, Role.SUBMITTER),
    Move(S.SUBMITTED, S.IN_REVIEW, Role.COORDINATOR),
    Move(S.SUBMITTED, S.CHANGES_REQUESTED, Role.COORDINATOR, needs_comment=True),
    Move(S.SUBMITTED, S.DECLINED, Role.COORDINATOR, needs_comment=True),
    Move(S.SUBMITTED, S.WITHDRAWN, Role.SUBMITTER),
    Move(S.IN_REVIEW, S.CHANGES_REQUESTED, Role.COORDINATOR, needs_comment=True),
    Move(S.IN_REVIEW, S.ACCEPTED, Role.COORDINATOR),
    Move(S.IN_REVIEW, S.DECLINED, Role.COORDINATOR, needs_comment=True),
    Move(S.IN_REVIEW, S.WITHDRAWN, Role.SUBMITTER),
    Move(S.CHANGES_REQUESTED, S.SUBMITTED, Role.SUBMITTER),
    Move(S.CHANGES_REQUESTED, S.SUBMITTED, Role.CO_AUTHOR),
    Move(S.CHANGES_REQUESTED, S.WITHDRAWN, Role.SUBMITTER),
    Move(S.ACCEPTED, S.PUBLISHED, Role.COORDINATOR),
    Move(S.ACCEPTED, S.WITHDRAWN, Role.SUBMITTER),
    # Taken out of the catalogue: by the company, or by the coordinators, who say why.
    Move(S.PUBLISHED, S.WITHDRAWN, Role.SUBMITTER),
    Move(S.PUBLISHED, S.WITHDRAWN, Role.COORDINATOR, needs_comment=True),
)
del S

# The states in which the authors edit the text.
EDITABLE = (State.DRAFT, State.CHANGES_REQUESTED)

# What a use case needs before it is submitted (a draft saves with less).
REQUIRED_TO_SUBMIT = ["summary", "description", "offers", "seeks"]


def missing_to_submit(use_case: UseCase) -> list[str]:
    found = [str(UseCase._meta.get_field(name).verbose_name) for name in REQUIRED_TO_SUBMIT
             if not getattr(use_case, name).strip()]
    if not use_case.disease_areas.exists():
        found.append(str(UseCase._meta.get_field("disease_areas").verbose_name))
    return found


def is_coordinator(user) -> bool:
    return user.is_authenticated and user.has_perm("usecases.change_usecase")


def roles(use_case: UseCase, user) -> set[str]:
    if not user.is_authenticated:
        return set()
    found = set()
    if use_case.submitter_id == user.pk:
        found.add(Role.SUBMITTER)
    if use_case.co_authors.filter(user=user, accepted_at__isnull=False).exists():
        found.add(Role.CO_AUTHOR)
    if is_coordinator(user):
        found.add(Role.COORDINATOR)
    return found


def is_author(use_case: UseCase, user) -> bool:
    return bool(roles(use_case, user) & {Role.SUBMITTER, Role.CO_AUTHOR})


def may_edit(use_case: UseCase, user) -> bool:
    return use_case.state in EDITABLE and is_author(use_case, user)


def authored_by(user):
    """The use cases `user` submitted or co-authors (an accepted invitation)."""
    return UseCase.objects.filter(
        Q(submitter=user) | Q(co_authors__user=user, co_authors__accepted_at__isnull=False)).distinct()


def moves_for(use_case: UseCase, user) -> list[Move]:
    """The moves `user` may make from the use case's state now."""
    held = roles(use_case, user)
    found, seen = [], set()
    for candidate in MOVES:
        if (candidate.from_state == use_case.state and candidate.who in held
                and candidate.to_state not in seen):
            found.append(candidate)
            seen.add(candidate.to_state)
    return found


def move(use_case: UseCase, user, to_state: str, comment: str = "", internal: bool = False) -> AuditEntry:
    """Move `use_case` to `to_state` as `user`, if the table allows it. An internal comment (coordinators
    only) is kept for coordinators and reviewers: the move itself is logged and mailed without it."""
    comment = comment.strip()
    with transaction.atomic():
        use_case = UseCase.objects.select_for_update().get(pk=use_case.pk)
        held = roles(use_case, user)
        allowed = [candidate for candidate in MOVES if candidate.from_state == use_case.state
                   and candidate.to_state == to_state and candidate.who in held]
        if not allowed:
            raise Refused(_("A use case cannot go from “%(from)s” to “%(to)s” by your hand.") % {
                "from": State(use_case.state).label, "to": State(to_state).label if to_state in State.values
                else to_state})
        if internal and Role.COORDINATOR not in held:
            raise Refused(_("Only coordinators write internal notes."))
        if not comment and all(candidate.needs_comment for candidate in allowed):
            raise Refused(_("Say why, in a comment the authors will read."))
        if internal and any(candidate.needs_comment for candidate in allowed):
            raise Refused(_("The authors must read why: this comment cannot be internal."))
        missing = missing_to_submit(use_case) if to_state == State.SUBMITTED else []
        if missing:
            raise Refused(_("Before submitting, fill in: %(fields)s.") % {"fields": ", ".join(missing)})
        from_state = use_case.state
        now = timezone.now()
        use_case.state = to_state
        if to_state == State.PUBLISHED:
            use_case.published_at = now
        use_case.save(update_fields=["state", "published_at", "updated_at"])
        entry = AuditEntry.objects.create(use_case=use_case, from_state=from_state, to_state=to_state,
                                          by=user, at=now, comment="" if internal else comment)
        if internal and comment:
            AuditEntry.objects.create(use_case=use_case, from_state=to_state, to_state=to_state, by=user,
                                      at=now, comment=comment, internal=True)
        notifications.moved(use_case, entry)
    return entry


# Drafts


def refusal_to_start(user) -> str:
    if not is_member(user):
        return _("Submitting a use case is for approved stakeholders: it opens to you once a coordinator has "
                 "approved your registration on the portal.")
    return ""


def start(user, **fields) -> UseCase:
    reason = refusal_to_start(user)
    if reason:
        raise Refused(reason)
    return UseCase.objects.create(submitter=user, state=State.DRAFT, **fields)


def save_step(form, user) -> UseCase:
    """Save a step's form (a ModelForm on the use case) if `user` may edit it now."""
    if not may_edit(form.instance, user):
        raise Refused(_("This use case can no longer be changed."))
    return form.save()


# Co-authors


def _approved_account(address: str):
    """The approved stakeholder whose verified address this is, or None."""
    return (get_user_model().objects.filter(emailaddress__email__iexact=address, emailaddress__verified=True,
                                            groups__name=APPROVED_STAKEHOLDERS)
            .select_related("stakeholder_profile").first())


def invite(use_case: UseCase, by, address: str) -> tuple[CoAuthor, str]:
    """Invite the approved stakeholder with this verified address; returns the invitation and a warning
    (their profile names another organisation) or an empty string."""
    address = address.strip().lower()
    if use_case.submitter_id != by.pk or use_case.state not in EDITABLE:
        raise Refused(_("Only the submitter invites co-authors, while the use case can be edited."))
    person = _approved_account(address)
    if person is None:
        raise Refused(_("No approved stakeholder has this verified address: co-authors are approved "
                        "stakeholders of the portal."))
    if person.pk == use_case.submitter_id:
        raise Refused(_("You are the submitter already."))
    if use_case.co_authors.filter(email=address).exists():
        raise Refused(_("This person is invited already."))
    invitation = CoAuthor.objects.create(use_case=use_case, email=address)
    notifications.co_author_invited(invitation, person)
    profile = getattr(person, "stakeholder_profile", None)
    organisation = (profile.organisation if profile else "").strip()
    warning = ""
    if organisation.casefold() != use_case.organisation.strip().casefold():
        warning = _("Their profile names another organisation (%(theirs)s): check that you meant them.") % {
            "theirs": organisation or _("none")}
    return invitation, warning


def invitations_for(user):
    """Invitations to co-author waiting for `user` (sent to one of their verified addresses)."""
    if not user.is_authenticated:
        return CoAuthor.objects.none()
    # Addresses are stored in lower case (portal/stakeholders/signals.py), invitations too.
    addresses = user.emailaddress_set.filter(verified=True).values("email")
    return (CoAuthor.objects.filter(email__in=addresses, accepted_at__isnull=True)
            .exclude(use_case__state=State.WITHDRAWN).select_related("use_case"))


def accept_invitation(invitation: CoAuthor, user) -> CoAuthor:
    if not invitations_for(user).filter(pk=invitation.pk).exists():
        raise Refused(_("This invitation is not yours."))
    invitation.user, invitation.accepted_at = user, timezone.now()
    invitation.save(update_fields=["user", "accepted_at"])
    return invitation


# Attachments


def attach(use_case: UseCase, user, upload) -> Attachment:
    """Store a checked upload (portal.core.private_files) as an attachment, while the use case is editable."""
    if not may_edit(use_case, user):
        raise Refused(_("This use case can no longer be changed."))
    return Attachment.objects.create(use_case=use_case, file=save_private_file(upload, uploaded_by=user))


def attachment_deleted(sender, instance: Attachment, **kwargs) -> None:
    """An attachment deleted with its use case takes its private file (and so the stored bytes) along."""
    PrivateFile.objects.filter(pk=instance.file_id).delete()


def remove_attachment(attachment: Attachment, user) -> None:
    if not may_edit(attachment.use_case, user):
        raise Refused(_("This use case can no longer be changed."))
    # The attachment goes with its file (the cascade runs from the file), the stored bytes with both.
    attachment.file.delete()


# Reviewing

REVIEWED = (State.SUBMITTED, State.IN_REVIEW)


def reviewer_candidates():
    return get_user_model().objects.filter(groups__name=APPROVED_STAKEHOLDERS, is_active=True)


def assign(use_case: UseCase, by, reviewer) -> Assignment:
    """Assign an approved stakeholder (not one of its authors) to review a submitted use case; they are
    emailed."""
    if not is_coordinator(by):
        raise Refused(_("Only coordinators assign reviewers."))
    if use_case.state not in REVIEWED:
        raise Refused(_("Reviewers are assigned to submitted use cases and those in review."))
    if not reviewer_candidates().filter(pk=reviewer.pk).exists():
        raise Refused(_("Reviewers are approved stakeholders of the portal."))
    if is_author(use_case, reviewer):
        raise Refused(_("An author of the use case cannot review it."))
    if use_case.assignments.filter(reviewer=reviewer).exists():
        raise Refused(_("This person is assigned already."))
    assignment = Assignment.objects.create(use_case=use_case, reviewer=reviewer, assigned_by=by)
    notifications.reviewer_assigned(assignment)
    return assignment


def declare(assignment: Assignment, user, conflict: bool, note: str = "") -> Assignment:
    """The reviewer's declaration, once: a conflict takes them off the use case."""
    if assignment.reviewer_id != user.pk or assignment.conflict != Assignment.Conflict.UNDECLARED:
        raise Refused(_("This declaration is not yours to make."))
    assignment.conflict = Assignment.Conflict.DECLARED if conflict else Assignment.Conflict.NONE
    assignment.conflict_note, assignment.declared_at = note.strip(), timezone.now()
    assignment.save(update_fields=["conflict", "conflict_note", "declared_at"])
    return assignment


def active_criteria():
    return Criterion.objects.filter(active=True)


def review(assignment: Assignment, user, scores: dict[int, int], recommendation: str, comment: str = "",
           internal_note: str = "") -> Assignment:
    """Save the reviewer's scores (criterion pk → 1-5) on every active criterion and their recommendation;
    they may revise them while the use case is under review."""
    if (assignment.reviewer_id != user.pk or assignment.conflict != Assignment.Conflict.NONE
            or assignment.use_case.state not in REVIEWED):
        raise Refused(_("This review cannot be changed now."))
    criteria = list(active_criteria())
    if {criterion.pk for criterion in criteria} - set(scores):
        raise Refused(_("Score every criterion."))
    with transaction.atomic():
        for criterion in criteria:
            Score.objects.update_or_create(assignment=assignment, criterion=criterion,
                                           defaults={"value": scores[criterion.pk]})
        assignment.recommendation, assignment.comment = recommendation, comment.strip()
        assignment.internal_note, assignment.submitted_at = internal_note.strip(), timezone.now()
        assignment.save(update_fields=["recommendation", "comment", "internal_note", "submitted_at"])
    return assignment
