"""Passwords (argon2), signed tokens (itsdangerous) and the secret that signs them."""

from __future__ import annotations

import hmac
import logging
import os
import secrets
import stat
from pathlib import Path

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from itsdangerous import BadSignature, URLSafeTimedSerializer

from suzgec.config import Settings
from suzgec.web import texts
from suzgec.web.datadir import DATABASE_FILE, SECRET_FILE, private_dir

log = logging.getLogger(__name__)

_hasher = PasswordHasher()


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


# A real hash to verify against when the username is unknown, so a login attempt
# takes as long for a missing account as for a wrong password.
_DUMMY_HASH = _hasher.hash(secrets.token_hex(8))


def check_login(password_hash: str | None, password: str) -> bool:
    if password_hash is None:
        verify_password(_DUMMY_HASH, password)
        return False
    return verify_password(password_hash, password)


def secret_file_for(settings: Settings) -> Path | None:
    """Where a generated secret lives: `suzgec.secret` in data_dir.

    None for in-memory SQLite, whose data does not outlive the process either.
    """
    if settings.database_url:
        url = sa.make_url(settings.database_url)
        if url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:"):
            return None
    return Path(settings.data_dir) / SECRET_FILE


def _old_secret_file(settings: Settings) -> Path:
    """Where versions before data_dir kept it: beside the SQLite file (by default
    ./suzgec.db), else in the working directory."""
    url = sa.make_url(settings.database_url or f"sqlite:///{DATABASE_FILE}")
    if url.get_backend_name() == "sqlite" and url.database:
        return Path(url.database).parent / SECRET_FILE
    return Path(SECRET_FILE)


def _keep_private(path: Path) -> None:
    """Warn about, and take away, group and world access to an existing key file."""
    mode = stat.S_IMODE(path.stat().st_mode)
    if os.name != "posix" or not mode & 0o077:
        return
    try:
        os.chmod(path, 0o600)
    except OSError:
        log.warning(texts.SECRET_MODE_OPEN.format(path=path, mode=f"{mode:04o}"))
    else:
        log.warning(texts.SECRET_MODE_FIXED.format(path=path, mode=f"{mode:04o}"))


def resolve_secret(settings: Settings) -> str:
    """The configured secret_key, or one generated once and kept in a 0600 file."""
    if settings.secret_key:
        return settings.secret_key
    path = secret_file_for(settings)
    if path is None:
        return secrets.token_urlsafe(32)
    if not path.exists():
        old = _old_secret_file(settings)
        if old.is_file():  # keep the key of an existing deployment: logins stay valid
            log.warning(texts.OLD_SECRET_PLACE.format(old=old.resolve(), new=path.resolve()))
            path = old
    if path.exists():
        _keep_private(path)
        return path.read_text(encoding="utf-8").strip()
    private_dir(path.parent)
    key = secrets.token_urlsafe(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with open(fd, "w", encoding="utf-8") as fh:
        fh.write(key + "\n")
    log.info("generated a new secret key in %s", path)
    return key


class Tokens:
    """Signed, expiring tokens: API bearer tokens and the reader form's CSRF token."""

    def __init__(self, secret: str, session_hours: int) -> None:
        self._api = URLSafeTimedSerializer(secret, salt="suzgec-api-token")
        self._form = URLSafeTimedSerializer(secret, salt="suzgec-comment-form")
        self.api_max_age = session_hours * 3600
        self.form_max_age = 6 * 3600  # a reader may leave the page open a while

    def api_token(self, username: str) -> str:
        return self._api.dumps({"u": username})

    def api_user(self, token: str) -> str | None:
        try:
            data = self._api.loads(token, max_age=self.api_max_age)
        except BadSignature:
            return None
        return data.get("u") if isinstance(data, dict) else None

    def form_token(self, slug: str) -> str:
        # Readers are anonymous and the form lives in a third-party iframe where
        # cookies are often blocked, so the token is bound to the article and a
        # time window instead of a session.
        return self._form.dumps({"a": slug})

    def form_ok(self, token: str, slug: str) -> bool:
        try:
            data = self._form.loads(token, max_age=self.form_max_age)
        except BadSignature:
            return False
        return isinstance(data, dict) and data.get("a") == slug


def new_csrf() -> str:
    return secrets.token_urlsafe(24)


def same_token(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and hmac.compare_digest(str(a), str(b))
