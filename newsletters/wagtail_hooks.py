from wagtail import hooks

from . import sending_admin  # noqa: F401  its own hooks: sending an issue, a send's report
from .admin_views import NewsletterSubscribingMenu


@hooks.register("register_admin_viewset")
def register_newsletter_subscribing():
    return NewsletterSubscribingMenu()


@hooks.register("construct_homepage_panels")
def add_dashboard_panel(request, panels):
    from .admin.dashboard import NewsletterSendsPanel

    NewsletterSendsPanel.add_to(request, panels)
