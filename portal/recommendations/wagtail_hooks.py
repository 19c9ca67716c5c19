"""The recommendations in the Wagtail admin (admin/viewsets.py); who sees what is permissions.py's."""

from wagtail import hooks

from .admin.viewsets import RecommendationsMenu


@hooks.register("register_admin_viewset")
def register_recommendations():
    return RecommendationsMenu()
