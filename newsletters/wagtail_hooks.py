from wagtail import hooks

from .admin import sending
from .admin.viewsets import NewsletterSubscribingMenu

hooks.register("register_admin_urls", sending.urls)
hooks.register("register_page_header_buttons", sending.send_button)


@hooks.register("register_admin_viewset")
def register_newsletter_subscribing():
    return NewsletterSubscribingMenu()
