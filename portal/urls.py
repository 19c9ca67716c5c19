from django.conf import settings
from django.urls import include, path, re_path
from django.views.decorators.cache import never_cache
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.documents import urls as wagtaildocs_urls

from portal.stakeholders import views as stakeholder_views
from portal.stakeholders.display import AgingPagesView

urlpatterns = [
    # The Wagtail admin signs in through allauth (rate limits, email verification).
    path("admin/login/", stakeholder_views.admin_login, name="admin_login"),
    # Wagtail's aging pages report names publishers by their (random) username; this one by name.
    path("admin/reports/aging-pages/", never_cache(require_admin_access(AgingPagesView.as_view()))),
    path("admin/reports/aging-pages/results/",
         never_cache(require_admin_access(AgingPagesView.as_view(results_only=True)))),
    path("admin/", include(wagtailadmin_urls)),
    re_path(r"^documents/(\d+)/(.*)$", stakeholder_views.serve_document, name="wagtaildocs_serve"),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include("allauth.urls")),
    path("my/", include("portal.stakeholders.urls")),
    path("mirror-groups/", include("portal.mirror_groups.urls")),
    path("newsletter/", include("newsletters.urls")),
    path("privacy/", stakeholder_views.privacy_statement, name="privacy_statement"),
    path("search/", include("cms.urls")),
]

if settings.ANYMAIL["WEBHOOK_SECRET"]:
    # Without a secret, anymail would take anyone's reports: the webhooks are not served then.
    urlpatterns.append(path("anymail/", include("anymail.urls")))

if settings.DEBUG:
    from django.conf.urls.static import static

    # Images only: documents always go through the serve view, which checks who may see them.
    for folder in ("images", "original_images"):
        urlpatterns += static(f"{settings.MEDIA_URL}{folder}/", document_root=settings.MEDIA_ROOT / folder)

urlpatterns += [path("", include(wagtail_urls))]
