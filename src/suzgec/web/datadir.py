"""The data directory: the one folder where Süzgeç keeps what it generates.

The default SQLite database and the generated signing key live there, in a folder created
private (0700), instead of loose in the working directory, where `git add .` in a checkout
would commit the key. Settings given explicitly win: a database_url is used as it is.
"""

from __future__ import annotations

import logging
from pathlib import Path

from suzgec.config import Settings
from suzgec.errors import ConfigError
from suzgec.web import texts

log = logging.getLogger(__name__)

DATABASE_FILE = "suzgec.db"
SECRET_FILE = "suzgec.secret"


def private_dir(path: Path) -> Path:
    """`path`, created with mode 0700 if it is missing (an existing folder is left as it is,
    since its owner may share it on purpose; the key file in it is 0600 anyway)."""
    if not path.is_dir():
        try:
            path.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as exc:
            reason = exc.strerror or type(exc).__name__
            raise ConfigError(texts.DATA_DIR_FAILED.format(path=path, reason=reason)) from None
    return path


def database_url(settings: Settings) -> str:
    """The database_url setting, else the SQLite file in data_dir (the folder is created).

    A database that an earlier version left in the working directory is still used,
    with a warning, while data_dir has none, so an upgrade does not start on an empty one.
    """
    if settings.database_url:
        return settings.database_url
    data = Path(settings.data_dir)
    path = data / DATABASE_FILE
    old = Path(DATABASE_FILE)
    if old.is_file() and not path.exists():
        log.warning(texts.OLD_DATABASE_PLACE.format(old=old.resolve(), data=data.resolve()))
        return f"sqlite:///{old}"
    private_dir(data)
    return f"sqlite:///{path}"
