"""Who gets what at the use cases' addresses (tests/matrix.py): a submitted use case whose detailed part is
for the reviewers and WG7, with an attachment, seen by each role; the confidential text and the
attachment's content must not reach those who may not read them."""

import pytest

from portal.usecases.models import Assignment, Confidentiality, State
from tests.factories import (
    AssignmentFactory,
    AttachmentFactory,
    CoAuthorFactory,
    PrivateFileFactory,
    UseCaseFactory,
    WorkingGroupMembershipFactory,
    approved_stakeholder,
    coordinator,
)
from tests.factories.core import PDF
from tests.matrix import Matrix, Row, statuses

SECRET = "Our unreleased assay pricing"
PUBLISHED_SECRET = "The partner hospitals we negotiate with"
FILE_TEXT = PDF.decode()


@pytest.fixture
def world(db):
    use_case = UseCaseFactory(state=State.IN_REVIEW, description=SECRET,
                              confidentiality=Confidentiality.REVIEWERS_AND_WG7)
    published = UseCaseFactory(state=State.PUBLISHED, description=PUBLISHED_SECRET)
    return {
        "use_case": use_case, "published": published,
        "attachment": AttachmentFactory(use_case=use_case, file=PrivateFileFactory()),
        "published_attachment": AttachmentFactory(use_case=published),
        "co_author": CoAuthorFactory(use_case=use_case).user,
        "cleared": AssignmentFactory(use_case=use_case, conflict=Assignment.Conflict.NONE),
        "conflicted": AssignmentFactory(use_case=use_case, conflict=Assignment.Conflict.DECLARED),
        "undeclared": AssignmentFactory(use_case=use_case),
    }


def _wg7(world):
    return WorkingGroupMembershipFactory(user=approved_stakeholder(),
                                         role="member").user


ROLES = {
    "anonymous": lambda world: None,
    "stakeholder": lambda world: approved_stakeholder(),
    "submitter": lambda world: world["use_case"].submitter,
    "co_author": lambda world: world["co_author"],
    "reviewer_unassigned": lambda world: AssignmentFactory(conflict=Assignment.Conflict.NONE).reviewer,
    "reviewer": lambda world: world["cleared"].reviewer,
    "reviewer_undeclared": lambda world: world["undeclared"].reviewer,
    "reviewer_conflicted": lambda world: world["conflicted"].reviewer,
    "wg7": _wg7,
    "coordinator": lambda world: coordinator(),
}

AUTHORS = {"submitter", "co_author", "coordinator"}
DETAILED = AUTHORS | {"reviewer", "wg7"}
CONFIDENTIAL = {"hidden": lambda world: [SECRET, FILE_TEXT], "shown_to": DETAILED}
# The detailed part of the published use case is for the reviewers only: nobody but its authors (another
# submitter) and the coordinators read it.
NOWHERE = {"hidden": lambda world: [SECRET, PUBLISHED_SECRET], "shown_to": set()}
PUBLISHED_DETAIL = {"hidden": lambda world: [PUBLISHED_SECRET, FILE_TEXT], "shown_to": {"coordinator"}}


def use_case(world):
    return [world["use_case"].pk]


def attachment(world):
    return [world["use_case"].pk, world["attachment"].pk]


def published_attachment(world):
    return [world["published"].pk, world["published_attachment"].pk]


def review_of(key):
    return lambda world: [world[key].pk]


SIGNED_IN_404 = statuses(ROLES, 404, anonymous=302)

MATRIX = Matrix(namespaces=["usecases"], roles=ROLES, rows=[
    # The coordinator here is not an approved stakeholder: submitting and the directory are not theirs.
    Row("usecases:start", expect=statuses(ROLES, 200, anonymous=302, coordinator=403)),
    Row("usecases:detail", args=use_case, expect=statuses(ROLES, 404, **{role: 200 for role in DETAILED}),
        **CONFIDENTIAL),
    Row("usecases:detail", args=lambda world: [world["published"].pk], label="published",
        expect=statuses(ROLES, 200), **PUBLISHED_DETAIL),
    Row("usecases:step", args=lambda world: [world["use_case"].pk, "detail"],
        # In review, the authors are sent to the page; nobody else finds the form.
        expect={**SIGNED_IN_404, "submitter": 302, "co_author": 302, "coordinator": 302}, **CONFIDENTIAL),
    Row("usecases:move", args=use_case, method="post", data=lambda world: {"to_state": State.ACCEPTED},
        expect={**SIGNED_IN_404, "submitter": 302, "co_author": 302, "coordinator": 302}),
    Row("usecases:invite", args=use_case, method="post", data=lambda world: {"email": "x@example.org"},
        expect={**SIGNED_IN_404, "submitter": 302, "co_author": 302, "coordinator": 302}),
    Row("usecases:accept", args=lambda world: [world["cleared"].pk], method="post", expect=SIGNED_IN_404),
    Row("usecases:attachment", args=attachment,
        expect=statuses(ROLES, 404, **{role: 200 for role in DETAILED}), **CONFIDENTIAL),
    Row("usecases:attachment", args=published_attachment, label="published, detailed part not public",
        expect=statuses(ROLES, 404, coordinator=200), **PUBLISHED_DETAIL),
    Row("usecases:remove_attachment", args=attachment, method="post",
        # In review nothing is removed: the authors are told so.
        expect={**SIGNED_IN_404, "submitter": 302, "co_author": 302, "coordinator": 302}),
    Row("usecases:reviews", expect=statuses(ROLES, 200, anonymous=302), **CONFIDENTIAL),
    Row("usecases:review", args=review_of("cleared"), expect={**SIGNED_IN_404, "reviewer": 200},
        hidden=lambda world: [SECRET], shown_to={"reviewer"}),
    Row("usecases:review", args=review_of("undeclared"), label="before the declaration",
        expect={**SIGNED_IN_404, "reviewer_undeclared": 200}, hidden=lambda world: [SECRET]),
    Row("usecases:review", args=review_of("conflicted"), label="after a conflict", expect=SIGNED_IN_404,
        hidden=lambda world: [SECRET]),
    Row("usecases:review_declare", args=review_of("undeclared"), method="post",
        data=lambda world: {"conflict": "no"}, expect={**SIGNED_IN_404, "reviewer_undeclared": 302}),
    Row("usecases:review_declare", args=review_of("conflicted"), method="post", label="after a conflict",
        data=lambda world: {"conflict": "no"}, expect=SIGNED_IN_404),
    # The catalogue and its feed are public and hold no detailed part, whoever asks; a search for words of
    # the published use case's detailed part finds nothing.
    Row("usecases:catalogue", expect=statuses(ROLES, 200), **NOWHERE),
    Row("usecases:catalogue", query="q=partner+hospitals", label="searching the detailed part",
        expect=statuses(ROLES, 200), **NOWHERE),
    Row("usecases:feed", expect=statuses(ROLES, 200), **NOWHERE),
    Row("usecases:directory", expect=statuses(ROLES, 200, anonymous=403, coordinator=403), **CONFIDENTIAL),
    Row("usecases:directory_person", args=lambda world: [0],
        expect=statuses(ROLES, 404, anonymous=403, coordinator=403)),
    Row("usecases:directory_contact", args=lambda world: [0], method="post",
        expect=statuses(ROLES, 404, anonymous=403, coordinator=403)),
])

test_rows_are_complete, test_every_row_names_every_role, test_row = MATRIX.tests()
