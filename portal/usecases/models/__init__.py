from .attachments import Attachment
from .reviews import Assignment, Criterion, Score
from .usecases import AuditEntry, CoAuthor, Confidentiality, State, UseCase

__all__ = ["Assignment", "Attachment", "AuditEntry", "CoAuthor", "Confidentiality", "Criterion", "Score",
           "State", "UseCase"]
