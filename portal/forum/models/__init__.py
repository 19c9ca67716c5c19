from .pages import ForumEventPage, ForumIndexPage
from .programme import Material, Session, Speaker
from .questions import Question, Vote
from .registrations import Registration, WorkshopChoice

__all__ = [
    "ForumEventPage", "ForumIndexPage", "Material", "Question", "Registration", "Session", "Speaker", "Vote",
    "WorkshopChoice",
]
