from .pages import ForumEventPage, ForumIndexPage
from .programme import Material, Session, Speaker
from .registrations import Registration, WorkshopChoice

__all__ = [
    "ForumEventPage", "ForumIndexPage", "Material", "Registration", "Session", "Speaker", "WorkshopChoice",
]
