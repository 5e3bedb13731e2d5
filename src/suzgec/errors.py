"""One exception family. Messages say what went wrong and what to do about it.

Only the CLI and the web error handler turn these into output.
"""


class SuzgecError(Exception):
    """Base of every error Süzgeç raises on purpose."""


class ConfigError(SuzgecError):
    """A setting is missing, unknown or has the wrong type."""


class InvalidComment(SuzgecError):
    """The comment cannot be moderated as given (empty, too long, not text)."""


class ModelError(SuzgecError):
    """A model or data file is missing, unreadable, or not the file it claims to be.

    The message is one line: which file, what is wrong, and what to run to fix it.
    """
