"""Consultations in the Wagtail admin."""

from wagtail import hooks

from .admin.viewsets import ConsultationViewSet


@hooks.register("register_admin_viewset")
def register_consultation_viewset():
    return ConsultationViewSet("consultations_admin")
