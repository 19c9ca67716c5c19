"""The content app's models: pages, contact messages and site settings."""

from .contact import ContactMessage, ContactPage
from .pages import (
    ClusterIndexPage,
    FAQPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    ResourceIndexPage,
    ResourcePage,
    RoadmapStageBlock,
    StandardPage,
    clusters_with_member_counts,
)
from .settings import MainMenu, MainMenuItem, PortalSettings

__all__ = [
    "ClusterIndexPage", "ContactMessage", "ContactPage", "FAQPage", "HomePage", "MainMenu", "MainMenuItem",
    "NewsIndexPage", "NewsPage", "PortalSettings", "ResourceIndexPage", "ResourcePage", "RoadmapStageBlock",
    "StandardPage", "clusters_with_member_counts",
]
