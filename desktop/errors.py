"""Domain errors. Messages are for people: Chinese, saying what to do, citing the article."""

from __future__ import annotations

from .said import Message, Said

# The article a refusal cites, after its message: said as a whole where the message is a Said, so that the desk
# says it in its language with the article after it.
_CITING = Message("{message}({article})")


class GridDeskError(Exception):
    """Base of every error a person is shown."""

    def __init__(self, message: str, *, article: str | None = None, field: str | None = None):
        """`message` may be a Said; it is then kept as one, citing the article (its template and arguments
        are those of `message.arguments["message"]`, the article is `article`)."""
        if article and article not in message:
            message = (_CITING(message=message, article=article) if isinstance(message, Said)
                       else f"{message}({article})")
        super().__init__(message)
        self.message = message
        self.article = article
        self.field = field


class DatabaseUnavailable(GridDeskError):
    """The database cannot be reached or its URL is wrong."""


class InstallationBroken(GridDeskError):
    """A file installed with the program is missing or unreadable; reinstalling restores it."""


class NotFound(GridDeskError):
    pass


class PermissionDenied(GridDeskError):
    """The acting user lacks the role or the place scope (Art. 15)."""


class ValidationFailed(GridDeskError):
    """Bad input; `problems` names each row, feature or field. `details`: what a problem told short
    leaves out ("……另 10 行见详细信息"), told in full."""

    def __init__(self, message: str, problems: list[str] | None = None, *, details: list[str] | None = None,
                 **kwargs):
        super().__init__(message, **kwargs)
        self.problems = list(problems or [])
        self.details = list(details or [])

    def __str__(self) -> str:
        listed = [f"  - {p}" for p in self.problems]
        if self.details:
            listed += ["详细信息:", *(f"  - {d}" for d in self.details)]
        return "\n".join([self.message, *listed])


class Conflict(GridDeskError):
    """A duplicate, or a stale save: someone else changed the record first."""


class InvalidTransition(GridDeskError):
    """The action does not fit the record's current state."""


class LawRefusal(GridDeskError):
    """The regulation forbids it; the article is always named."""
