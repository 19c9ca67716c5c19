"""Who gets what at the addresses where it depends on who asks (tests/matrix.py): the forum's audience Q&A,
the consultations' draft and report, following a recommendation, and the open-data API, which answers
everyone alike. An address added to these apps fails
until it has a row here; a role added fails every row until it says what that role gets."""

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import PageViewRestriction

from portal.consultations.models import Round
from portal.forum.models import Question, Speaker
from portal.recommendations.models import RecommendationIndexPage
from tests.factories import (
    ConsultationFactory,
    ForumEventPageFactory,
    NamedParticipantFactory,
    QuestionFactory,
    RecommendationFactory,
    RegistrationFactory,
    SessionFactory,
    SpeakerFactory,
    StandardPageFactory,
    SurveyPageFactory,
    UserFactory,
    approved_stakeholder,
    coordinator,
    opened,
    small_definition,
)
from tests.factories.recommendations import tracker
from tests.matrix import Matrix, Row, statuses

PENDING = "Is the draft budget for 2031 already known?"
ASKER = "Quentin Asker"
DRAFT = "Each signatory country adds industry to its group."
MEMBERS_SURVEY = "Survey of the members' biobanks"
RESULTS_KEPT = "Survey whose results stay in"


@pytest.fixture
def world(db):
    event = ForumEventPageFactory()
    session = SessionFactory(event=event, questions_open=True)
    asker = UserFactory(first_name="Quentin", last_name="Asker")
    RegistrationFactory(event=event, user=asker)
    consultation = ConsultationFactory()
    opened(consultation, Round.REVIEW)
    tracker()
    members = StandardPageFactory(title="Members")
    restriction = PageViewRestriction.objects.create(page=members,
                                                     restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.get(name="Approved stakeholders"))
    with_dashboard = small_definition(dashboard=[{"question": "kinds", "title": "By kind"}])
    return {
        "survey": SurveyPageFactory(public_results=True, definition=with_dashboard),
        "members_survey": SurveyPageFactory(title=MEMBERS_SURVEY, public_results=True, parent=members,
                                            definition=with_dashboard),
        "results_kept": SurveyPageFactory(title=RESULTS_KEPT, public_results=False,
                                          definition=with_dashboard),
        "event": event, "session": session,
        "shown": QuestionFactory(session=session, author=asker, anonymous=True),
        "pending": QuestionFactory(session=session, author=asker, text=PENDING, state=Question.State.PENDING),
        "consultation": consultation,
        "published": ConsultationFactory(report_published_at=timezone.now()),
        "recommendation": RecommendationFactory(),
    }


def _attendee(world):
    return RegistrationFactory(event=world["event"], user=approved_stakeholder()).user


def _chair(world):
    return SpeakerFactory(session=world["session"], user=approved_stakeholder(), role=Speaker.Role.CHAIR).user


def _participant(world):
    return NamedParticipantFactory(consultation=world["consultation"], user=approved_stakeholder()).user


ROLES = {
    "anonymous": lambda world: None,
    "stakeholder": lambda world: approved_stakeholder(),  # approved, and nothing to do with what is asked
    "attendee": _attendee,  # registered for the forum event
    "chair": _chair,  # chairs the session: moderates its questions
    "participant": _participant,  # named in the consultation
    "coordinator": lambda world: coordinator(),
}


def session(world):
    return [world["session"].pk]


def shown(world):
    return [world["shown"].pk]


def slug(world):
    return [world["consultation"].slug]


def published(world):
    return [world["published"].slug]


def recommendation(world):
    return [world["recommendation"].pk]


def survey(name):
    return lambda world: [world[name].pk]


# What a moderator alone may read: a question still waiting, and who asked an anonymous one.
MODERATED = {"hidden": lambda world: [PENDING, ASKER], "shown_to": {"chair", "coordinator"}}
JSON = {"HTTP_ACCEPT": "application/json"}
ATTENDEES = statuses(ROLES, 403, attendee=200, chair=200, coordinator=200)
MODERATORS = statuses(ROLES, 403, anonymous=302, chair=200, coordinator=200)

# The open-data API: the same for every role, and nothing of a survey that is not public, even to those who
# may open its page.
NOT_PUBLIC = {"hidden": lambda world: [MEMBERS_SURVEY, RESULTS_KEPT]}

MATRIX = Matrix(namespaces=["forum", "consultations", "api_v1"], pages=[RecommendationIndexPage], roles=ROLES,
                rows=[
    Row("forum:feed", expect=statuses(ROLES, 200)),
    Row("forum:event_ics", args=lambda world: [world["event"].pk], expect=statuses(ROLES, 200),
        **MODERATED),
    Row("forum:session_ics", args=session, expect=statuses(ROLES, 200), **MODERATED),
    Row("forum:register", args=lambda world: [world["event"].pk],
        expect=statuses(ROLES, 200, anonymous=302)),
    Row("forum:cancel", args=lambda world: ["not-a-token"], expect=statuses(ROLES, 404)),
    Row("forum:accept", args=lambda world: ["not-a-token"], method="post",
        expect=statuses(ROLES, 404, anonymous=302)),
    Row("forum:questions", args=session, expect={**ATTENDEES, "anonymous": 302}, **MODERATED),
    Row("forum:questions_poll", args=session, expect=ATTENDEES, **MODERATED),
    Row("forum:questions_present", args=session, expect=MODERATORS, **MODERATED),
    Row("forum:questions_csv", args=session, expect=MODERATORS, **MODERATED),
    Row("forum:question_vote", args=shown, method="post", headers=JSON,
        expect=statuses(ROLES, 403, anonymous=302, attendee=200)),
    Row("forum:question_moderate", args=shown, method="post", headers=JSON,
        data=lambda world: {"action": "pin"},
        expect=MODERATORS, **MODERATED),
    Row("consultations:index", expect=statuses(ROLES, 200), hidden=lambda world: [DRAFT]),
    Row("consultations:detail", args=slug,
        expect=statuses(ROLES, 403, participant=200, coordinator=200),
        hidden=lambda world: [DRAFT], shown_to={"participant", "coordinator"}),
    Row("consultations:report", args=slug, label="before it is published", expect=statuses(ROLES, 404),
        hidden=lambda world: [DRAFT]),
    Row("consultations:report", args=published, expect=statuses(ROLES, 200)),
    Row("consultations:report_csv", args=published, expect=statuses(ROLES, 200)),
    Row("consultations:report_xlsx", args=published, expect=statuses(ROLES, 200)),
    Row((RecommendationIndexPage, "tracker"), expect=statuses(ROLES, 200)),
    Row((RecommendationIndexPage, "index_route"), expect=statuses(ROLES, 200)),
    Row((RecommendationIndexPage, "recommendation"), args=recommendation, expect=statuses(ROLES, 200)),
    Row((RecommendationIndexPage, "export_csv"), expect=statuses(ROLES, 200)),
    Row((RecommendationIndexPage, "export_xlsx"), expect=statuses(ROLES, 200)),
    Row((RecommendationIndexPage, "follow"), args=recommendation, expect=statuses(ROLES, 405)),
    Row((RecommendationIndexPage, "follow"), args=recommendation, method="post",
        expect=statuses(ROLES, 302)),
    Row("api_v1:api-root", expect=statuses(ROLES, 404)),
    Row("api_v1:openapi-json", expect=statuses(ROLES, 200)),
    Row("api_v1:surveys", expect=statuses(ROLES, 200), **NOT_PUBLIC),
    Row("api_v1:survey_results", args=survey("survey"), expect=statuses(ROLES, 200), **NOT_PUBLIC),
    Row("api_v1:survey_results", args=survey("members_survey"), label="for members only",
        expect=statuses(ROLES, 404), **NOT_PUBLIC),
    Row("api_v1:survey_results", args=survey("results_kept"), label="results not public",
        expect=statuses(ROLES, 404), **NOT_PUBLIC),
    Row("api_v1:survey_dashboard", args=survey("survey"), expect=statuses(ROLES, 200), **NOT_PUBLIC),
    Row("api_v1:survey_dashboard", args=survey("members_survey"), label="for members only",
        expect=statuses(ROLES, 404), **NOT_PUBLIC),
    Row("api_v1:survey_dashboard", args=survey("results_kept"), label="results not public",
        expect=statuses(ROLES, 404), **NOT_PUBLIC),
])

test_rows_are_complete, test_every_row_names_every_role, test_row = MATRIX.tests()


def test_an_address_without_a_row_is_named():
    partial = Matrix(namespaces=["forum"], pages=[RecommendationIndexPage], roles=ROLES,
                     rows=[row for row in MATRIX.rows
                           if row.address not in {"forum:questions_csv", "forum:feed"}])
    assert partial.unlisted() == ["forum:feed", "forum:questions_csv"]
