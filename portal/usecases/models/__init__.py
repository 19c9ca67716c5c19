from .attachments import Attachment
from .usecases import AuditEntry, CoAuthor, Confidentiality, State, UseCase

__all__ = ["Attachment", "AuditEntry", "CoAuthor", "Confidentiality", "State", "UseCase"]
