from django.conf import settings
from django.urls import include, path, re_path
from django.views.decorators.cache import never_cache
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.documents import urls as wagtaildocs_urls

from cms.models import ClusterIndexPage
from newsletters import urls as newsletter_urls
from portal.consultations import urls as consultation_urls
from portal.core.api import api
from portal.core.caching import private_urlpatterns
from portal.forum import urls as forum_urls
from portal.mirror_groups import urls as mirror_group_urls
from portal.recommendations.models import RecommendationIndexPage
from portal.stakeholders import views as stakeholder_views
from portal.stakeholders.display import AgingPagesView
from portal.usecases import urls as usecase_urls
from surveys.models import SurveyPage

# Private addresses (portal.core.caching): they show a person's data or a form bound to a person, signed in
# or not. An app puts each address it adds here or among the public ones below; tests/test_private_pages.py
# fails on an address it does not know. The Wagtail admin is Wagtail's, never cached.
private = private_urlpatterns([
    # The Wagtail admin signs in through allauth (rate limits, email verification).
    path("admin/login/", stakeholder_views.admin_login, name="admin_login"),
    # Wagtail's aging pages report names publishers by their (random) username; this one by name.
    path("admin/reports/aging-pages/", never_cache(require_admin_access(AgingPagesView.as_view()))),
    path("admin/reports/aging-pages/results/",
         never_cache(require_admin_access(AgingPagesView.as_view(results_only=True)))),
    # Documents may be for members only: who may see one is decided at each request.
    re_path(r"^documents/(\d+)/(.*)$", stakeholder_views.serve_document, name="wagtaildocs_serve"),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include("allauth.urls")),
    path("my/", include("portal.stakeholders.urls")),
])
# The private addresses of apps whose other addresses are public: links sent to one person, forms bound
# to the person signed in.
private_urlpatterns(mirror_group_urls.urlpatterns, ["invitation", "member_choices", "apply"])
private_urlpatterns(forum_urls.urlpatterns, ["register", "cancel", "accept", "questions", "questions_poll",
                                             "questions_present", "question_vote", "question_moderate",
                                             "questions_csv"])
# A consultation's draft is for its participants; the list, the published report and its exports are public.
private_urlpatterns(consultation_urls.urlpatterns, ["detail"])
# A use case's form and page are its authors' (the page of a published one shows its public part to all, yet
# depends on who asks), like its attachments and the reviewers' pages; the industry directory is for approved
# stakeholders; the catalogue and its feed are public.
private_urlpatterns(usecase_urls.urlpatterns, ["start", "detail", "step", "move", "invite", "accept",
                                               "attachment", "remove_attachment", "reviews", "review",
                                               "review_declare",
                                               "directory", "directory_person", "directory_contact"])
private_urlpatterns(newsletter_urls.urlpatterns, ["confirm", "preferences", "my_subscribe", "unsubscribe"])
# Routes of Wagtail pages: a survey's answers are reached by the respondent's own link, signed in or not;
# joining a cluster writes the visitor's session.
private_urlpatterns(SurveyPage.get_subpage_urls(),
                    ["start", "invitation", "resume", "review", "receipt", "saved", "section",
                     "response_file"])
private_urlpatterns(ClusterIndexPage.get_subpage_urls(), ["cluster_join"])
# Following a recommendation is the signed-in person's.
private_urlpatterns(RecommendationIndexPage.get_subpage_urls(), ["follow"])
# Wagtail's own forms for a page under a password, and its sign-in (the portal's is allauth's).
private_urlpatterns(wagtail_urls.urlpatterns, ["wagtailcore_authenticate_with_password", "wagtailcore_login"])

urlpatterns = [
    *private,
    path("admin/", include(wagtailadmin_urls)),
    # The open-data API (each app's router: portal/core/api.py), outside any language prefix like the
    # calendar files below, so its addresses stay the same whatever the language.
    path("api/v1/", api.urls),
    # Calendar files: outside any language prefix, so subscribed addresses keep working.
    path("consultations/", include(consultation_urls)),
    path("use-cases/", include(usecase_urls)),
    path("forum/", include(forum_urls)),
    path("mirror-groups/", include(mirror_group_urls)),
    path("newsletter/", include(newsletter_urls)),
    path("privacy/", stakeholder_views.privacy_statement, name="privacy_statement"),
    path("search/", include("cms.urls")),
]

if settings.ANYMAIL["WEBHOOK_SECRET"]:
    from anymail import urls as anymail_urls

    # Without a secret, anymail would take anyone's reports: the webhooks are not served then. What they
    # receive is about people (bounces, unsubscribing by mail).
    private_urlpatterns(anymail_urls.urlpatterns)
    urlpatterns.append(path("anymail/", include(anymail_urls)))

if settings.DEBUG:
    from django.conf.urls.static import static

    # Images only: documents always go through the serve view, which checks who may see them.
    for folder in ("images", "original_images"):
        urlpatterns += static(f"{settings.MEDIA_URL}{folder}/", document_root=settings.MEDIA_ROOT / folder)

urlpatterns += [path("", include(wagtail_urls))]
