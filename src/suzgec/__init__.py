"""Süzgeç: moderation of reader comments for Turkish news sites."""

from suzgec.comment import Comment
from suzgec.config import Settings, load_settings
from suzgec.errors import InvalidComment, SuzgecError
from suzgec.model import Action, Clause, Decision, Finding, Signal, Status
from suzgec.pipeline import Moderator, moderate

__version__ = "0.1.0"

__all__ = [
    "Action",
    "Clause",
    "Comment",
    "Decision",
    "Finding",
    "InvalidComment",
    "Moderator",
    "Settings",
    "Signal",
    "Status",
    "SuzgecError",
    "load_settings",
    "moderate",
]
