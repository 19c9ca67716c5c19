"""Use cases in the Wagtail admin."""

from wagtail import hooks

from .admin.viewsets import UseCasesViewSetGroup


@hooks.register("register_admin_viewset")
def register_use_case_viewset():
    return UseCasesViewSetGroup()
