"""Wagtail loads this module: each admin module registers its own hooks and viewsets."""

from .admin import invitations, pages, results, transfer  # noqa: F401
