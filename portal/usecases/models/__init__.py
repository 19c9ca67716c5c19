from .usecases import AuditEntry, CoAuthor, Confidentiality, State, UseCase

__all__ = ["AuditEntry", "CoAuthor", "Confidentiality", "State", "UseCase"]
