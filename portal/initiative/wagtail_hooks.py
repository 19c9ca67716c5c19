"""Coordinators edit the reference data in the Wagtail admin."""

from wagtail.snippets.models import register_snippet

from .admin.viewsets import InitiativeViewSetGroup

register_snippet(InitiativeViewSetGroup)
