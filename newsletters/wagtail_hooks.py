from wagtail import hooks

from .admin_views import NewsletterSubscribingMenu


@hooks.register("register_admin_viewset")
def register_newsletter_subscribing():
    return NewsletterSubscribingMenu()
