"""For every entry of the personal-data registry, someone else's record: what the entry must hand to its
owner and never to a person who merely typed the owner's address (tests/test_personal_data_rule.py).

A sample gets the victim, an account whose address is verified, and returns the records it made for them:
linked to the account, or linked only to the victim's address, the way a stranger's data reaches the
portal (an invitation, a contact message, a subscription made before registering).
"""

import uuid

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from wagtail.models import Page

from cms.models import ContactMessage
from newsletters.models import Send, Subscriber
from portal.consultations.models import Comment, NamedParticipant, Notice, Verdict
from portal.core.models import PrivateFile, WorkingGroupMembership
from portal.forum.models import Question, Registration, Speaker, Vote
from portal.mirror_groups.models import Application, Membership
from portal.outbox.models import OutboxMessage
from portal.recommendations.models import Follow, StatusChange
from portal.stakeholders.models import Consent, StakeholderProfile
from portal.usecases.models import Assignment, AuditEntry, CoAuthor, UseCase
from surveys.models import Invitation, Response, ResponseExport, SurveyPage
from tests.factories import (
    ApplicationFactory,
    AssignmentFactory,
    AuditEntryFactory,
    CoAuthorFactory,
    CommentFactory,
    ConsentFactory,
    ContactMessageFactory,
    FollowFactory,
    InvitationFactory,
    MembershipFactory,
    MirrorGroupFactory,
    NamedParticipantFactory,
    NoticeFactory,
    OutboxMessageFactory,
    PrivateFileFactory,
    ProfileFactory,
    QuestionFactory,
    RegistrationFactory,
    ResponseExportFactory,
    ResponseFactory,
    ResponseFileFactory,
    ScoreFactory,
    SendFactory,
    SpeakerFactory,
    StatusChangeFactory,
    SurveyPageFactory,
    UseCaseFactory,
    VerdictFactory,
    VoteFactory,
    WorkingGroupMembershipFactory,
    file_answer,
    with_totp,
)

SAMPLES = {}


def sample(model):
    def register(make):
        SAMPLES[model] = make
        return make
    return register


def _survey() -> SurveyPage:
    return SurveyPageFactory(parent=Page.get_first_root_node(), title="A survey",
                             slug=f"survey-{uuid.uuid4().hex[:8]}", audience=SurveyPage.Audience.INVITED)


@sample(get_user_model())
def _account(victim):
    return [victim]


@sample(StakeholderProfile)
def _profile(victim):
    return [ProfileFactory(user=victim)]


@sample(Consent)
def _consent(victim):
    return [ConsentFactory(user=victim, purpose=Consent.Purpose.NEWSLETTER, given=True,
                           source=Consent.Source.PROFILE, text_version="newsletter-1")]


@sample(EmailAddress)
def _email_address(victim):
    return list(EmailAddress.objects.filter(user=victim))


@sample(Authenticator)
def _second_factor(victim):
    return [with_totp(victim)]


@sample(ContactMessage)
def _contact_message(victim):
    return [ContactMessageFactory(name="The victim", email=victim.email.upper(),
                                  message="My private question")]


@sample(Response)
def _responses(victim):
    survey = _survey()
    version = survey.current_version()
    invited = ResponseFactory(survey=survey, version=version, status=Response.Status.SUBMITTED,
                              answers={"purpose": "clinical"})
    InvitationFactory(survey=survey, email=victim.email, response=invited)
    signed_in = ResponseFactory(survey=survey, version=version, respondent=victim,
                                answers={"purpose": "research"})
    sent = ResponseFileFactory(response=signed_in, file__uploaded_by=victim)
    answers = {"purpose": "research", "report": file_answer(sent)}
    Response.objects.filter(pk=signed_in.pk).update(answers=answers)
    return [invited, signed_in, sent, sent.file]


@sample(Invitation)
def _invitation(victim):
    return [InvitationFactory(survey=_survey(), email=victim.email)]


@sample(ResponseExport)
def _export(victim):
    return [ResponseExportFactory(survey=_survey(), format="csv", requested_by=victim)]


@sample(Membership)
def _memberships(victim):
    return [MembershipFactory(group=MirrorGroupFactory(), email=victim.email, name="The victim"),
            MembershipFactory(group=MirrorGroupFactory(iso="ES", name="Spain"), user=victim)]


@sample(Application)
def _application(victim):
    return [ApplicationFactory(group=MirrorGroupFactory(), applicant=victim)]


@sample(Subscriber)
def _subscribers(victim):
    return [Subscriber.objects.get_or_create(email=victim.email)[0]]


@sample(Send)
def _send(victim):
    return [SendFactory(issue=Page.get_first_root_node(), requested_by=victim)]


@sample(OutboxMessage)
def _mail(victim):
    payload = {"to": [victim.email], "cc": [], "bcc": [], "reply_to": [], "headers": {}, "body": "Hello",
               "alternatives": [], "attachments": []}
    to_them = OutboxMessageFactory(subject="To the victim", recipients=victim.email, payload=payload)
    about_them = OutboxMessageFactory(subject="About the victim", recipients="managers@example.org",
                                      concerns=victim.email, payload=payload,
                                      status=OutboxMessage.Status.SENT)
    return [to_them, about_them]


@sample(Registration)
def _forum_registration(victim):
    return [RegistrationFactory(user=victim, accessibility_needs="Step-free access")]


@sample(Speaker)
def _speaker_role(victim):
    return [SpeakerFactory(user=victim)]


@sample(Question)
def _question(victim):
    return [QuestionFactory(author=victim, anonymous=True)]


@sample(Vote)
def _vote(victim):
    return [VoteFactory(voter=victim)]


@sample(WorkingGroupMembership)
def _working_group_membership(victim):
    return [WorkingGroupMembershipFactory(user=victim)]


@sample(PrivateFile)
def _private_file(victim):
    return [PrivateFileFactory(uploaded_by=victim)]


@sample(Follow)
def _follow(victim):
    return [FollowFactory(user=victim)]


@sample(StatusChange)
def _status_change(victim):
    return [StatusChangeFactory(changed_by=victim, note="Discussed at our meeting.")]


@sample(Comment)
def _consultation_comment(victim):
    return [CommentFactory(author=victim, author_cluster="Patients", author_country="Portugal")]


@sample(Verdict)
def _consultation_verdict(victim):
    return [VerdictFactory(voter=victim, choice=Verdict.Choice.OBJECT, reason="Too vague.")]


@sample(Notice)
def _consultation_notice(victim):
    return [NoticeFactory(user=victim)]


@sample(NamedParticipant)
def _consultation_named_participant(victim):
    return [NamedParticipantFactory(user=victim)]


@sample(UseCase)
def _use_case(victim):
    return [UseCaseFactory(submitter=victim, description="Our confidential plan.")]


@sample(CoAuthor)
def _co_authorships(victim):
    return [CoAuthorFactory(user=victim, email=victim.email),
            CoAuthorFactory(user=None, email=victim.email, accepted_at=None)]


@sample(AuditEntry)
def _use_case_move(victim):
    return [AuditEntryFactory(by=victim, comment="Submitted with our partners' agreement.")]


@sample(Assignment)
def _use_case_review(victim):
    review = ScoreFactory(assignment__reviewer=victim, assignment__internal_note="Strong on safeguards.")
    return [review.assignment, AssignmentFactory(assigned_by=victim)]
