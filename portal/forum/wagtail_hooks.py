"""The forum in the Wagtail admin."""

from wagtail import hooks

from .admin.viewsets import ForumViewSetGroup


@hooks.register("register_admin_viewset")
def register_forum_viewsets():
    return ForumViewSetGroup()
