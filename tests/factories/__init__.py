"""The factories of the tests, one module per app; import them from here (`from tests.factories import X`).

Pages and reference data are made under the run's world (tests/conftest.py::django_db_setup): a page
factory adds its page under the home page unless given a `parent=`, and the country and cluster
factories get the world's own when it has them."""

from .accounts import (
    KNOWN_SECRET,
    PASSWORD,
    EmailAddressFactory,
    UserFactory,
    coordinator,
    editor,
    totp_code,
    with_totp,
)
from .cms import (
    CollectionFactory,
    ContactMessageFactory,
    DocumentFactory,
    ImageFactory,
    MainMenuItemFactory,
    NewsPageFactory,
    PageFactory,
    ResourcePageFactory,
    StandardPageFactory,
    home_page,
)
from .consultations import (
    CommentFactory,
    ConsultationFactory,
    DraftSectionFactory,
    NamedParticipantFactory,
    NoticeFactory,
    VerdictFactory,
    VersionFactory,
    VersionSectionFactory,
    opened,
)
from .core import PrivateFileFactory, docx_bytes, odt_bytes, upload, zip_bytes
from .forum import (
    ForumEventPageFactory,
    ForumIndexPageFactory,
    MaterialFactory,
    QuestionFactory,
    RegistrationFactory,
    SessionFactory,
    SpeakerFactory,
    VoteFactory,
    WorkshopChoiceFactory,
    WorkshopFactory,
)
from .initiative import ClusterFactory, CountryFactory
from .mirror_groups import (
    COMPLETE,
    ESTABLISHED,
    ApplicationFactory,
    EstablishedGroupFactory,
    GroupNewsFactory,
    MeetingFactory,
    MembershipFactory,
    MirrorGroupFactory,
    manager,
)
from .newsletters import (
    NewsletterConsentFactory,
    NewsletterIndexPageFactory,
    NewsletterIssuePageFactory,
    SendFactory,
    SubscriberFactory,
    TopicFactory,
    newsletter_topics,
    subscribers,
)
from .outbox import OutboxMessageFactory
from .recommendations import (
    FollowFactory,
    RecommendationFactory,
    RecommendationIndexPageFactory,
    SourceFactory,
    StatusChangeFactory,
    ThemeFactory,
    WorkingGroupMembershipFactory,
    tracker,
    working_group,
)
from .stakeholders import (
    ConsentFactory,
    ErasedAddressFactory,
    PrivacyStatementFactory,
    ProfileFactory,
    approved_stakeholder,
)
from .surveys import (
    InvitationFactory,
    ResponseExportFactory,
    ResponseFactory,
    ResponseFileFactory,
    SurveyPageFactory,
    file_answer,
    small_definition,
)
from .usecases import (
    AssignmentFactory,
    AttachmentFactory,
    AuditEntryFactory,
    CoAuthorFactory,
    CriterionFactory,
    ScoreFactory,
    UseCaseFactory,
)

__all__ = [
    "COMPLETE", "ESTABLISHED", "KNOWN_SECRET", "PASSWORD",
    "ApplicationFactory", "AuditEntryFactory", "ClusterFactory", "CoAuthorFactory", "CollectionFactory",
    "CommentFactory", "ConsentFactory",
    "ConsultationFactory", "ContactMessageFactory", "DraftSectionFactory", "NamedParticipantFactory",
    "NoticeFactory", "VerdictFactory", "VersionFactory", "VersionSectionFactory", "opened",
    "CountryFactory", "DocumentFactory", "EmailAddressFactory", "ErasedAddressFactory",
    "EstablishedGroupFactory", "FollowFactory", "ForumEventPageFactory", "ForumIndexPageFactory",
    "GroupNewsFactory", "ImageFactory", "InvitationFactory",
    "MainMenuItemFactory", "MaterialFactory", "MeetingFactory", "MembershipFactory", "MirrorGroupFactory",
    "NewsPageFactory", "NewsletterConsentFactory", "NewsletterIndexPageFactory", "NewsletterIssuePageFactory",
    "OutboxMessageFactory", "PageFactory", "PrivacyStatementFactory", "ProfileFactory", "QuestionFactory",
    "RecommendationFactory", "RecommendationIndexPageFactory", "RegistrationFactory", "ResourcePageFactory",
    "ResponseExportFactory", "ResponseFactory", "ResponseFileFactory", "SendFactory",
    "SessionFactory", "SourceFactory", "SpeakerFactory", "StandardPageFactory", "StatusChangeFactory",
    "SubscriberFactory", "SurveyPageFactory", "ThemeFactory", "TopicFactory", "UseCaseFactory", "UserFactory",
    "VoteFactory",
    "WorkingGroupMembershipFactory", "WorkshopChoiceFactory", "WorkshopFactory",
    "approved_stakeholder", "coordinator", "editor", "home_page", "manager", "newsletter_topics",
    "file_answer", "small_definition", "subscribers", "totp_code", "tracker", "with_totp", "working_group",
    "AssignmentFactory", "AttachmentFactory", "CriterionFactory", "PrivateFileFactory", "ScoreFactory",
    "docx_bytes", "odt_bytes", "upload", "zip_bytes",
]
