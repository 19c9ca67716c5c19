from wagtail import hooks

from .admin import sending
from .admin.viewsets import NewsletterSubscribingMenu

hooks.register("register_admin_urls", sending.urls)
hooks.register("register_page_header_buttons", sending.send_button)


@hooks.register("register_admin_viewset")
def register_newsletter_subscribing():
    return NewsletterSubscribingMenu()


@hooks.register("construct_homepage_panels")
def add_dashboard_panel(request, panels):
    from .admin.dashboard import NewsletterSendsPanel

    NewsletterSendsPanel.add_to(request, panels)
