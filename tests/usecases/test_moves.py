"""The moves between states: every row of the table works for its role and for no one else, the refused
ones, the audit log (internal notes hidden from the authors) and the emails."""

import pytest
from django.core import mail

from portal.usecases import access, services
from portal.usecases.models import AuditEntry, State
from tests.factories import CoAuthorFactory, UseCaseFactory, approved_stakeholder, coordinator

pytestmark = pytest.mark.django_db

ROLES = [services.Role.SUBMITTER, services.Role.CO_AUTHOR, services.Role.COORDINATOR]


def person_in(role, use_case):
    if role == services.Role.SUBMITTER:
        return use_case.submitter
    if role == services.Role.CO_AUTHOR:
        return CoAuthorFactory(use_case=use_case).user
    return coordinator()


def _id(move):
    return f"{move.from_state}->{move.to_state} by {move.who}"


@pytest.mark.parametrize("move", services.MOVES, ids=_id)
def test_every_move_of_the_table_is_made_by_its_role_logged_and_mailed(
        move, django_capture_on_commit_callbacks):
    use_case = UseCaseFactory(state=move.from_state)
    co_author = CoAuthorFactory(use_case=use_case)
    person = co_author.user if move.who == services.Role.CO_AUTHOR else person_in(move.who, use_case)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        entry = services.move(use_case, person, move.to_state, comment="Because.")

    use_case.refresh_from_db()
    assert use_case.state == move.to_state
    assert (entry.from_state, entry.to_state, entry.by, entry.comment, entry.internal) == (
        move.from_state, move.to_state, person, "Because.", False)
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [use_case.submitter.email, co_author.user.email])
    assert all("Because." in message.body and use_case.title in message.subject for message in mail.outbox)
    # The detailed part never travels by mail.
    assert all(use_case.description not in message.body for message in mail.outbox)


@pytest.mark.parametrize("move", services.MOVES, ids=_id)
def test_the_other_roles_and_a_stranger_cannot_make_it(move):
    allowed = {other.who for other in services.MOVES
               if (other.from_state, other.to_state) == (move.from_state, move.to_state)}
    use_case = UseCaseFactory(state=move.from_state)
    for role in [*set(ROLES) - allowed, "stranger"]:
        person = approved_stakeholder() if role == "stranger" else person_in(role, use_case)
        with pytest.raises(services.Refused):
            services.move(use_case, person, move.to_state, comment="Because.")
    use_case.refresh_from_db()
    assert use_case.state == move.from_state
    assert not AuditEntry.objects.filter(use_case=use_case).exists()


PAIRS = {(move.from_state, move.to_state) for move in services.MOVES}
NOT_IN_THE_TABLE = [(a, b) for a in State.values for b in State.values if a != b and (a, b) not in PAIRS]


@pytest.mark.parametrize(("from_state", "to_state"), NOT_IN_THE_TABLE, ids=lambda value: value)
def test_a_move_not_in_the_table_is_refused_even_to_a_coordinator_or_the_submitter(from_state, to_state):
    use_case = UseCaseFactory(state=from_state)
    for person in (use_case.submitter, coordinator()):
        with pytest.raises(services.Refused, match="cannot go from"):
            services.move(use_case, person, to_state, comment="Because.")
    use_case.refresh_from_db()
    assert use_case.state == from_state


@pytest.mark.parametrize("move", [move for move in services.MOVES if move.needs_comment], ids=_id)
def test_a_move_that_needs_a_comment_is_refused_without_one_or_with_an_internal_one(move):
    use_case = UseCaseFactory(state=move.from_state)
    person = person_in(move.who, use_case)
    with pytest.raises(services.Refused, match="Say why"):
        services.move(use_case, person, move.to_state, comment="  ")
    with pytest.raises(services.Refused, match="cannot be internal"):
        services.move(use_case, person, move.to_state, comment="Not for them.", internal=True)
    use_case.refresh_from_db()
    assert use_case.state == move.from_state


def test_submitting_needs_the_parts_a_review_reads():
    use_case = UseCaseFactory(description="", seeks="", disease_areas=[])
    with pytest.raises(services.Refused) as refused:
        services.move(use_case, use_case.submitter, State.SUBMITTED)
    assert "detailed description" in str(refused.value) and "disease areas" in str(refused.value)


def test_an_internal_note_is_logged_for_coordinators_and_neither_shown_nor_mailed_to_the_authors(
        django_capture_on_commit_callbacks):
    use_case = UseCaseFactory(state=State.SUBMITTED)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.move(use_case, coordinator(), State.IN_REVIEW, comment="Conflict check pending.",
                      internal=True)

    assert [entry.comment for entry in access.visible_log(use_case, use_case.submitter)] == [""]
    assert [(entry.comment, entry.internal) for entry in access.visible_log(use_case, coordinator())] == [
        ("", False), ("Conflict check pending.", True)]
    assert len(mail.outbox) == 1 and "Conflict check pending." not in mail.outbox[0].body
    with pytest.raises(services.Refused, match="Only coordinators"):
        services.move(use_case, use_case.submitter, State.WITHDRAWN, comment="x", internal=True)


def test_publishing_dates_the_use_case():
    use_case = UseCaseFactory(state=State.ACCEPTED)
    services.move(use_case, coordinator(), State.PUBLISHED)
    use_case.refresh_from_db()
    assert use_case.published_at is not None


def test_an_invited_co_author_who_has_not_accepted_cannot_move_it():
    use_case = UseCaseFactory()
    invited = CoAuthorFactory(use_case=use_case, accepted_at=None)
    with pytest.raises(services.Refused):
        services.move(use_case, invited.user, State.SUBMITTED)
