"""Private pages are said private once (portal/urls.py, portal.core.caching): every address of the portal and
every route of its Wagtail pages is known here as private or public, and asked for signed out and signed in
as an approved stakeholder who has data. A private address answers `Cache-Control: private, no-cache` and
`Vary: Cookie` to everyone; so does every page a signed-in person gets; a public page asked for signed out
is not marked private. An address this test does not know fails it: whoever adds one says which it is."""

from urllib.parse import urlsplit

import pytest
from django.utils import timezone
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.documents.models import Document
from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction

from cms.models import ClusterIndexPage, ContactPage
from newsletters import services as newsletter_services
from newsletters.models import Consent as NewsletterConsent
from portal.consultations.models import Consultation
from portal.core import demo
from portal.forum.models import ForumEventPage
from portal.initiative.models import StakeholderCluster
from portal.mirror_groups.models import MirrorGroup
from portal.recommendations.models import Recommendation, RecommendationIndexPage
from portal.stakeholders.consents import record_consent
from portal.stakeholders.members import MEMBERS_COLLECTION
from portal.stakeholders.models import Consent
from portal.stakeholders.services import stakeholder_decide
from surveys.models import Response, SurveyPage
from tests.factories import (
    AssignmentFactory,
    AttachmentFactory,
    CoAuthorFactory,
    CollectionFactory,
    InvitationFactory,
    MembershipFactory,
    ProfileFactory,
    ResponseFactory,
    ResponseFileFactory,
    StandardPageFactory,
    UseCaseFactory,
    coordinator,
)
from tests.helpers import page_routes, page_types, url_patterns

pytestmark = pytest.mark.django_db

PRIVATE, PUBLIC = "private", "public"
SIGNED_OUT, SIGNED_IN = "signed out", "signed in"


class NotAsked(str):
    """Why the test does not ask for an address."""


# Every address of portal.urls outside Wagtail's admin: PRIVATE or PUBLIC, and what the test asks for (the
# route itself when it is None; a path whose {fields} come from `addresses`), or why it asks for nothing.
ADDRESSES = {
    "admin/login/": (PRIVATE, None),
    "admin/reports/aging-pages/": (PRIVATE, None),
    "admin/reports/aging-pages/results/": (PRIVATE, None),
    r"^documents/(\d+)/(.*)$": (PRIVATE, "{document}"),
    r"documents/^(\d+)/(.*)$": (PRIVATE, NotAsked("Wagtail's serve view, behind the portal's")),
    "documents/authenticate_with_password/<int:restriction_id>/": (
        PRIVATE, "/documents/authenticate_with_password/{collection_restriction}/"),
    "accounts/login/": (PRIVATE, None),
    "accounts/logout/": (PRIVATE, None),
    "accounts/inactive/": (PRIVATE, None),
    "accounts/signup/": (PRIVATE, None),
    "accounts/reauthenticate/": (PRIVATE, None),
    "accounts/email/": (PRIVATE, None),
    "accounts/confirm-email/": (PRIVATE, None),
    "accounts/password/change/": (PRIVATE, None),
    "accounts/password/set/": (PRIVATE, None),
    "accounts/password/reset/": (PRIVATE, None),
    "accounts/login/code/confirm/": (PRIVATE, None),
    r"accounts/^confirm-email/(?P<key>[-:\w]+)/$": (PRIVATE, "/accounts/confirm-email/a-key/"),
    "accounts/password/reset/key/done/": (PRIVATE, None),
    r"accounts/^password/reset/key/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$": (
        PRIVATE, "/accounts/password/reset/key/{person}-a-key/"),
    "accounts/password/reset/done/": (PRIVATE, None),
    "accounts/2fa/": (PRIVATE, None),
    "accounts/2fa/authenticate/": (PRIVATE, None),
    "accounts/2fa/reauthenticate/": (PRIVATE, None),
    "accounts/2fa/totp/activate/": (PRIVATE, None),
    "accounts/2fa/totp/deactivate/": (PRIVATE, None),
    "accounts/2fa/recovery-codes/": (PRIVATE, None),
    "accounts/2fa/recovery-codes/generate/": (PRIVATE, None),
    "accounts/2fa/recovery-codes/download/": (PRIVATE, None),
    "my/": (PRIVATE, None),
    "my/profile/": (PRIVATE, None),
    "my/privacy/": (PRIVATE, None),
    "my/data/": (PRIVATE, None),
    "my/data/export/": (PRIVATE, None),
    "my/data/erase/": (PRIVATE, None),
    "my/erased/": (PRIVATE, None),
    "consultations/": (PUBLIC, None),
    "consultations/<slug:slug>/": (PRIVATE, "/consultations/{consultation}/"),
    "consultations/<slug:slug>/report/": (PUBLIC, "/consultations/{consultation}/report/"),
    "consultations/<slug:slug>/report.csv": (PUBLIC, "/consultations/{consultation}/report.csv"),
    "consultations/<slug:slug>/report.xlsx": (PUBLIC, "/consultations/{consultation}/report.xlsx"),
    "use-cases/": (PUBLIC, None),
    "use-cases/feed.atom": (PUBLIC, None),
    "use-cases/new/": (PRIVATE, None),
    "use-cases/<int:pk>/": (PRIVATE, "/use-cases/{use_case}/"),
    "use-cases/<int:pk>/edit/<slug:name>/": (PRIVATE, "/use-cases/{use_case}/edit/public/"),
    "use-cases/<int:pk>/move/": (PRIVATE, "/use-cases/{use_case}/move/"),
    "use-cases/<int:pk>/co-authors/": (PRIVATE, "/use-cases/{use_case}/co-authors/"),
    "use-cases/<int:pk>/attachments/<int:attachment_pk>/": (
        PRIVATE, "/use-cases/{use_case}/attachments/{attachment}/"),
    "use-cases/<int:pk>/attachments/<int:attachment_pk>/remove/": (
        PRIVATE, "/use-cases/{use_case}/attachments/{attachment}/remove/"),
    "use-cases/reviews/": (PRIVATE, None),
    "use-cases/reviews/<int:pk>/": (PRIVATE, "/use-cases/reviews/{assignment}/"),
    "use-cases/reviews/<int:pk>/declare/": (PRIVATE, "/use-cases/reviews/{assignment}/declare/"),
    "use-cases/invitations/<int:pk>/accept/": (
        PRIVATE, "/use-cases/invitations/{use_case_invitation}/accept/"),
    "forum/feed.ics": (PUBLIC, None),
    "forum/events/<int:page_id>.ics": (PUBLIC, "/forum/events/{forum_event}.ics"),
    "forum/sessions/<int:session_id>.ics": (PUBLIC, "/forum/sessions/{forum_session}.ics"),
    "forum/sessions/<int:session_id>/questions.csv": (
        PRIVATE, "/forum/sessions/{forum_session}/questions.csv"),
    "forum/events/<int:page_id>/register/": (PRIVATE, "/forum/events/{forum_event}/register/"),
    "forum/registrations/<str:token>/cancel/": (PRIVATE, "/forum/registrations/a-token/cancel/"),
    "forum/registrations/<str:token>/accept/": (PRIVATE, "/forum/registrations/a-token/accept/"),
    "forum/sessions/<int:session_id>/questions/": (PRIVATE, "/forum/sessions/{forum_session}/questions/"),
    "forum/sessions/<int:session_id>/questions/poll": (PRIVATE,
                                                       "/forum/sessions/{forum_session}/questions/poll"),
    "forum/sessions/<int:session_id>/questions/present": (
        PRIVATE, "/forum/sessions/{forum_session}/questions/present"),
    "forum/questions/<int:question_id>/vote": (PRIVATE, "/forum/questions/0/vote"),
    "forum/questions/<int:question_id>/moderate": (PRIVATE, "/forum/questions/0/moderate"),
    "mirror-groups/": (PUBLIC, None),
    "mirror-groups/invitation/<str:token>/": (PRIVATE, "/mirror-groups/invitation/{group_invitation}/"),
    "mirror-groups/membership/<int:pk>/": (PRIVATE, "/mirror-groups/membership/{membership}/"),
    "mirror-groups/<slug:iso>/": (PUBLIC, "/mirror-groups/{iso}/"),
    "mirror-groups/<slug:iso>/contact/": (PUBLIC, "/mirror-groups/{iso}/contact/"),
    "mirror-groups/<slug:iso>/apply/": (PRIVATE, "/mirror-groups/{iso}/apply/"),
    "newsletter/": (PUBLIC, None),
    "newsletter/confirm/<str:signed>/": (PRIVATE, "{newsletter_confirmation}"),
    "newsletter/preferences/<str:token>/": (PRIVATE, "/newsletter/preferences/{subscriber}/"),
    "newsletter/my/subscribe/": (PRIVATE, None),
    "newsletter/unsubscribe/<str:token>/": (PRIVATE, "/newsletter/unsubscribe/{subscriber}/"),
    "privacy/": (PUBLIC, None),
    "use-cases/directory/": (PRIVATE, None),
    "use-cases/directory/<int:pk>/": (PRIVATE, "/use-cases/directory/{industry_person}/"),
    "use-cases/directory/<int:pk>/contact/": (PRIVATE, "/use-cases/directory/{industry_person}/contact/"),
    "search/": (PUBLIC, "/search/?q=genome"),
    "api/v1/": (PUBLIC, None),
    "api/v1/openapi.json": (PUBLIC, None),
    "api/v1/surveys/": (PUBLIC, None),
    "api/v1/surveys/<survey_id>/results/": (PUBLIC, "/api/v1/surveys/{survey}/results/"),
    "api/v1/surveys/<survey_id>/dashboard/": (PUBLIC, "/api/v1/surveys/{survey}/dashboard/"),
    "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/": (
        PRIVATE, "/_util/authenticate_with_password/{page_restriction}/{password_page}/"),
    "_util/login/": (PRIVATE, None),
    r"^((?:[\w\-]+/)*)$": (PUBLIC, NotAsked("Wagtail's pages: each page and route is asked for below")),
}
# The email services' webhooks, all private. The portal's (Postmark's) are asked for; the others import
# packages of their services, which are not installed.
WEBHOOKS = "anymail/"

# The routes of the Wagtail pages that have some (RoutablePageMixin): PRIVATE or PUBLIC, and what follows
# the page's address, or why it is not asked for.
ROUTES = {
    (ClusterIndexPage, "cluster_list"): (PUBLIC, ""),
    (ClusterIndexPage, "cluster_detail"): (PUBLIC, "academics/"),
    (ClusterIndexPage, "cluster_join"): (PRIVATE, "academics/join/"),
    (ClusterIndexPage, "index_route"): (PUBLIC, NotAsked("behind cluster_list, at its address")),
    (ContactPage, "contact_form"): (PUBLIC, ""),
    (ContactPage, "thank_you"): (PUBLIC, "thank-you/"),
    (ContactPage, "index_route"): (PUBLIC, NotAsked("behind contact_form, at its address")),
    (SurveyPage, "index_route"): (PUBLIC, ""),
    (SurveyPage, "start"): (PRIVATE, "start/"),
    (SurveyPage, "invitation"): (PRIVATE, "i/{survey_invitation}/"),
    (SurveyPage, "resume"): (PRIVATE, "r/{draft}/"),
    (SurveyPage, "review"): (PRIVATE, "r/{draft}/review/"),
    (SurveyPage, "receipt"): (PRIVATE, "r/{submitted}/receipt/"),
    (SurveyPage, "saved"): (PRIVATE, "r/{draft}/saved/"),
    (SurveyPage, "section"): (PRIVATE, "r/{draft}/{first_section}/"),
    (SurveyPage, "response_file"): (PRIVATE, "r/{draft}/files/{draft_file}/"),
    (SurveyPage, "public_results"): (PUBLIC, "results/"),
    (RecommendationIndexPage, "tracker"): (PUBLIC, ""),
    (RecommendationIndexPage, "export_csv"): (PUBLIC, "export/csv/"),
    (RecommendationIndexPage, "export_xlsx"): (PUBLIC, "export/xlsx/?status=proposed"),
    (RecommendationIndexPage, "recommendation"): (PUBLIC, "{recommendation}/"),
    (RecommendationIndexPage, "follow"): (PRIVATE, "{recommendation}/follow/"),
    (RecommendationIndexPage, "index_route"): (PUBLIC, NotAsked("behind tracker, at its address")),
}

# Public, yet never cached by their own view, signed out too: their contact form carries the visitor's CSRF
# token.
NEVER_CACHED_FORMS = {"mirror-groups/<slug:iso>/", (ContactPage, "contact_form")}


@pytest.fixture
def addresses(db) -> dict:
    """The demo content and a person with data (their profile, a mirror group membership and an invitation
    to another group, a newsletter subscription, survey answers, a members-only document, forms behind a
    password), and what fills each address in for each visitor (the signed out have survey answers
    of their own)."""
    for step in demo.steps():
        if step.order < demo.LAST:  # the demo coordinator's login is written to a file
            step.create()
    group, other_group = MirrorGroup.objects.select_related("country")[:2]
    profile = ProfileFactory(country=group.country, user__email="ana.person@example.org")
    stakeholder_decide(profile=profile, approve=True, by=coordinator())
    person = profile.user
    membership = MembershipFactory(group=group, user=person)
    invitation = MembershipFactory(group=other_group, email=person.email)
    subscriber = newsletter_services.subscribe(
        person.email, newsletter_services.general_topics(), source=NewsletterConsent.Source.FORM,
        text_version=newsletter_services.FORM_CONSENT_VERSION, user=person)
    survey = SurveyPage.objects.get(slug="accessible-genomes-survey")
    SurveyPage.objects.filter(pk=survey.pk).update(public_results=True)
    version = survey.current_version()
    password_page = StandardPageFactory(title="Behind a password")
    forum_event = ForumEventPage.objects.live().first()
    industry_person = ProfileFactory(user__email="ines.industry@example.org",
                                     clusters=[StakeholderCluster.objects.get(slug="industry")])
    stakeholder_decide(profile=industry_person, approve=True, by=coordinator())
    record_consent(industry_person.user, Consent.Purpose.INDUSTRY_DIRECTORY, True, Consent.Source.PROFILE)
    use_case = UseCaseFactory(submitter=person)
    shared = {
        "person": person.pk,
        "document": Document.objects.get(collection__name=MEMBERS_COLLECTION).url,
        "collection_restriction": CollectionViewRestriction.objects.create(
            collection=CollectionFactory(name="Behind a password"),
            restriction_type=CollectionViewRestriction.PASSWORD, password="a-collection-password").pk,
        "page_restriction": PageViewRestriction.objects.create(
            page=password_page, restriction_type=PageViewRestriction.PASSWORD, password="a-page-password").pk,
        "password_page": password_page.pk,
        "iso": group.country.iso_code.lower(),
        "membership": membership.pk,
        "group_invitation": invitation.invitation_token,
        "subscriber": subscriber.token,
        "newsletter_confirmation": urlsplit(newsletter_services.confirmation_link(subscriber)).path,
        "survey_invitation": InvitationFactory(survey=survey, email=person.email).token,
        "first_section": version.definition["sections"][0]["name"],
        "survey": survey.pk,
        "forum_event": forum_event.pk,
        "forum_session": forum_event.sessions.first().pk,
        "recommendation": Recommendation.objects.first().pk,
        "consultation": Consultation.objects.get(example=True).slug,
        "use_case": use_case.pk,
        "attachment": AttachmentFactory(use_case=use_case).pk,
        "assignment": AssignmentFactory(reviewer=person).pk,
        "use_case_invitation": CoAuthorFactory(user=None, email=person.email, accepted_at=None).pk,
        "industry_person": industry_person.pk,
    }

    def answers(respondent):
        draft = ResponseFactory(survey=survey, respondent=respondent)
        return {
            "draft": draft.token,
            "draft_file": ResponseFileFactory(response=draft).pk,
            "submitted": ResponseFactory(survey=survey, respondent=respondent,
                                         status=Response.Status.SUBMITTED, submitted_at=timezone.now()).token,
        }

    return {SIGNED_OUT: {**shared, **answers(None)}, SIGNED_IN: {**shared, **answers(person), "user": person}}


def assert_private(response, what: str) -> None:
    cache_control = {part.strip().split("=")[0] for part in response.get("Cache-Control", "").split(",")}
    vary = {part.strip().lower() for part in response.get("Vary", "").split(",")}
    assert {"private", "no-cache"} <= cache_control and "cookie" in vary, (
        f"{what} ({response.status_code}): Cache-Control {response.get('Cache-Control')!r}, "
        f"Vary {response.get('Vary')!r}")


def assert_public(response, what: str) -> None:
    assert "private" not in response.get("Cache-Control", ""), (
        f"{what} ({response.status_code}) is public, yet marked {response['Cache-Control']!r}")


def visit(client, addresses, visitor) -> dict:
    values = addresses[visitor]
    if "user" in values:
        client.force_login(values["user"])
    return values


def test_every_address_and_page_route_is_known_as_private_or_public():
    """A new address (or page route) fails here until it is added to ADDRESSES (or ROUTES), and to
    portal/urls.py's private ones if it shows a person's data or a form bound to a person."""
    routes = {address.route for address in url_patterns()
              if not address.in_admin and not address.route.startswith(WEBHOOKS)}
    assert sorted(routes - ADDRESSES.keys()) == [], "addresses unknown to this test"
    assert sorted(ADDRESSES.keys() - routes) == [], "addresses this test knows that are gone"

    routes = page_routes()
    assert sorted(map(str, routes - ROUTES.keys())) == [], "page routes unknown to this test"
    assert sorted(map(str, ROUTES.keys() - routes)) == [], "page routes this test knows that are gone"


@pytest.mark.parametrize("visitor", [SIGNED_OUT, SIGNED_IN])
def test_private_addresses_are_private_and_public_ones_only_to_a_signed_in_person(client, addresses, visitor):
    values = visit(client, addresses, visitor)
    asked = 0
    for route, in_admin, _name in url_patterns():
        if in_admin:
            continue
        if route.startswith(WEBHOOKS):
            kind, path = PRIVATE, None if "/postmark/" in route else NotAsked("another service's")
        else:
            kind, path = ADDRESSES[route]
        if isinstance(path, NotAsked):
            continue
        url = path.format(**values) if path else "/" + route
        response = client.get(url)
        asked += 1
        if kind == PRIVATE or visitor == SIGNED_IN:
            assert_private(response, f"{url} ({visitor})")
        elif route not in NEVER_CACHED_FORMS:
            assert_public(response, f"{url} ({visitor})")
    assert asked > 50


@pytest.mark.parametrize("visitor", [SIGNED_OUT, SIGNED_IN])
def test_every_page_type_and_route_is_private_when_it_depends_on_who_asks(client, addresses, visitor):
    """Pages under a view restriction are private to everyone (Wagtail's own headers), every page is to a
    signed-in person, and public pages are not to the signed out."""
    values = visit(client, addresses, visitor)
    seen = set()
    for page in Page.objects.live().filter(depth__gt=1).specific():
        seen.add(type(page))
        restricted = bool(page.get_view_restrictions())
        routes = [(None, (PUBLIC, ""))]
        if isinstance(page, RoutablePageMixin):
            routes = [(key, value) for key, value in ROUTES.items()
                      if isinstance(page, key[0]) and not isinstance(value[1], NotAsked)]
        for key, (kind, path) in routes:
            url = page.url + path.format(**values)
            response = client.get(url)
            if kind == PRIVATE or restricted or visitor == SIGNED_IN:
                assert_private(response, f"{url} ({visitor})")
            elif key not in NEVER_CACHED_FORMS:
                assert_public(response, f"{url} ({visitor})")
    assert sorted(model.__name__ for model in page_types() - seen) == [], "page types with no page to try"


@pytest.mark.parametrize("visitor", [SIGNED_OUT, "a stakeholder", "a coordinator"])
def test_the_wagtail_admin_is_never_cached(client, visitor):
    """Wagtail marks every admin view never cached. Its addresses without parameters are asked for; the
    others need an object each and go through the same decoration."""
    if visitor == "a stakeholder":
        profile = ProfileFactory()
        stakeholder_decide(profile=profile, approve=True, by=coordinator())
        client.force_login(profile.user)
    elif visitor == "a coordinator":
        client.force_login(coordinator())
    asked = 0
    for route, in_admin, _name in url_patterns():
        if not in_admin or "<" in route or "(" in route or route == "admin/failwhale/":  # raises, for tests
            continue
        url = "/" + route.replace("^", "").replace(".*/$", "not-an-admin-page/")
        assert_private(client.get(url), f"{url} ({visitor})")
        asked += 1
    assert asked > 100
