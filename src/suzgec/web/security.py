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
from itsdangerous import BadSignature, URLSafeSerializer, URLSafeTimedSerializer

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
    # Written whole to a private temporary file, then linked into place: os.link fails if
    # the file exists, so of two servers started at once on a fresh data_dir exactly one
    # key wins, and the other reads it complete (never a half-written file).
    draft = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with open(fd, "w", encoding="utf-8") as fh:
            fh.write(key + "\n")
        try:
            os.link(draft, path)
        except FileExistsError:
            return path.read_text(encoding="utf-8").strip()
    finally:
        draft.unlink(missing_ok=True)
    log.info("generated a new secret key in %s", path)
    return key


class Tokens:
    """The reader form's signed token: bound to an article, expiring, and used once.

    Moderator logins are not signed tokens but rows in the database (Store.open_session),
    so that logout, a password change or a disabled account ends them on every replica.
    """

    def __init__(self, secret: str, max_age_seconds: int = 2 * 3600) -> None:
        self._form = URLSafeTimedSerializer(secret, salt="suzgec-comment-form")
        self._resubmit = URLSafeTimedSerializer(secret, salt="suzgec-resubmission")
        self._commenter = URLSafeSerializer(secret, salt="suzgec-commenter")
        self._address_key = hmac.new(secret.encode(), b"suzgec-address", "sha256").digest()
        self.form_max_age = max_age_seconds  # a reader may leave the page open a while

    def form_token(self, slug: str) -> str:
        # Readers are anonymous and the form lives in a third-party iframe where
        # cookies are often blocked, so the token is bound to the article and a
        # time window instead of a session; its nonce makes it single-use.
        return self._form.dumps({"a": slug, "n": secrets.token_urlsafe(16)})

    def form_nonce(self, token: str, slug: str) -> str | None:
        """The nonce of a valid, unexpired token for this article (not yet checked for reuse)."""
        try:
            data = self._form.loads(token, max_age=self.form_max_age)
        except BadSignature:
            return None
        if not isinstance(data, dict) or data.get("a") != slug or not data.get("n"):
            return None
        return str(data["n"])

    def resubmit_token(self, comment_id: int) -> str:
        """Lets the author of a rejected comment link a corrected version to it."""
        return self._resubmit.dumps(comment_id)

    def resubmitted_id(self, token: str) -> int | None:
        try:
            value = self._resubmit.loads(token, max_age=self.form_max_age)
        except BadSignature:
            return None
        return value if isinstance(value, int) else None

    def commenter_token(self, commenter_id: str | None = None) -> str:
        """A browser's signed id: a commenter without an account. Not timed, it lasts as
        long as the browser keeps it; only this server can make one."""
        return self._commenter.dumps(commenter_id or secrets.token_urlsafe(18))

    def commenter_of(self, token: str | None) -> str | None:
        """The id inside a valid commenter token; None for a missing or forged one."""
        if not token or len(token) > 200:
            return None
        try:
            value = self._commenter.loads(token)
        except BadSignature:
            return None
        return value if isinstance(value, str) and 0 < len(value) <= 64 else None

    def address_hash(self, address: str) -> str:
        """A keyed hash of a client address: the same address gives the same hash, for
        spam rules, but no raw address is ever stored (KVKK)."""
        return hmac.new(self._address_key, address.encode(), "sha256").hexdigest()


def new_csrf() -> str:
    return secrets.token_urlsafe(24)


def same_token(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and hmac.compare_digest(str(a), str(b))
