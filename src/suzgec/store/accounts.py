"""Moderator accounts managed by an admin: add, disable/enable, reset a password, roles.

Every change is written to the audit log about the account ("moderator:<name>"), by
whom, in the change's own transaction; a password never is. The last enabled admin
cannot be disabled or demoted, so a site is never left without someone to manage it.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from suzgec import messages
from suzgec.errors import SuzgecError
from suzgec.store.base import StoreBase, as_utc, utcnow
from suzgec.store.tables import moderators, sessions

ROLES = ("moderator", "admin")
ACCOUNT_ADD = "account_add"
ACCOUNT_DISABLE = "account_disable"
ACCOUNT_ENABLE = "account_enable"
ACCOUNT_PASSWORD = "account_password"
ACCOUNT_ROLE = "account_role"


class AccountRefused(SuzgecError):
    """An account change that is not allowed (unknown name, taken name, the last admin)."""


def subject_of(username: str) -> str:
    return f"moderator:{username}"


class AccountsStore(StoreBase):
    def list_accounts(self) -> list[dict[str, Any]]:
        """Every account, by name: username, role, disabled, created_at."""
        query = sa.select(
            moderators.c.username,
            moderators.c.role,
            moderators.c.disabled_at,
            moderators.c.created_at,
        ).order_by(moderators.c.username)
        with self._read() as conn:
            return [
                {
                    "username": r.username,
                    "role": r.role,
                    "disabled": r.disabled_at is not None,
                    "created_at": as_utc(r.created_at),
                }
                for r in conn.execute(query)
            ]

    def create_account(
        self, actor: str, username: str, password_hash: str, role: str = "moderator"
    ) -> None:
        _check_role(role)
        now = utcnow()
        try:
            with self._tx() as conn:
                conn.execute(
                    sa.insert(moderators).values(
                        username=username, password_hash=password_hash, created_at=now, role=role
                    )
                )
                note = messages.ACCOUNT_NOTE_ADD.format(role=messages.ROLE_NAMES[role])
                self._audit_person(conn, subject_of(username), actor, ACCOUNT_ADD, note, now)
        except sa.exc.IntegrityError:
            raise AccountRefused(messages.ACCOUNT_EXISTS.format(username=username)) from None

    def set_account_disabled(self, actor: str, username: str, disabled: bool) -> int:
        """Disable (its sessions end at once) or enable an account; the sessions ended."""
        now = utcnow()
        with self._tx() as conn:
            row = _account(conn, username)
            if disabled and row.role == "admin":
                _keep_an_admin(conn, username)
            conn.execute(
                sa.update(moderators)
                .where(moderators.c.id == row.id)
                .values(disabled_at=now if disabled else None)
            )
            ended = _end_sessions(conn, row.id, now) if disabled else 0
            if disabled:
                note = messages.ACCOUNT_NOTE_DISABLE.format(ended=ended)
            else:
                note = messages.ACCOUNT_NOTE_ENABLE
            action = ACCOUNT_DISABLE if disabled else ACCOUNT_ENABLE
            self._audit_person(conn, subject_of(username), actor, action, note, now)
        return ended

    def reset_password(self, actor: str, username: str, password_hash: str) -> int:
        """A new password set by an admin; every session of the account ends."""
        now = utcnow()
        with self._tx() as conn:
            row = _account(conn, username)
            conn.execute(
                sa.update(moderators)
                .where(moderators.c.id == row.id)
                .values(password_hash=password_hash)
            )
            ended = _end_sessions(conn, row.id, now)
            note = messages.ACCOUNT_NOTE_PASSWORD.format(ended=ended)
            self._audit_person(conn, subject_of(username), actor, ACCOUNT_PASSWORD, note, now)
        return ended

    def set_role(self, actor: str, username: str, role: str) -> bool:
        """Make an account an admin or a moderator; False when it already was."""
        _check_role(role)
        now = utcnow()
        with self._tx() as conn:
            row = _account(conn, username)
            if row.role == role:
                return False
            if row.role == "admin":
                _keep_an_admin(conn, username)
            conn.execute(sa.update(moderators).where(moderators.c.id == row.id).values(role=role))
            note = messages.ACCOUNT_NOTE_ROLE.format(
                before=messages.ROLE_NAMES.get(row.role, row.role),
                after=messages.ROLE_NAMES[role],
            )
            self._audit_person(conn, subject_of(username), actor, ACCOUNT_ROLE, note, now)
        return True


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise AccountRefused(messages.ACCOUNT_BAD_ROLE.format(role=role))


def _account(conn: Connection, username: str) -> Any:
    if "\x00" in username:  # no such name, and PostgreSQL refuses NUL in a query
        raise AccountRefused(messages.ACCOUNT_UNKNOWN.format(username=username[:80]))
    # Locked for the change: two admins at once change one account in turn.
    row = conn.execute(
        sa.select(moderators.c.id, moderators.c.role)
        .where(moderators.c.username == username)
        .with_for_update()
    ).first()
    if row is None:
        raise AccountRefused(messages.ACCOUNT_UNKNOWN.format(username=username))
    return row


def _keep_an_admin(conn: Connection, username: str) -> None:
    """Refuse taking away the last enabled admin."""
    others = conn.execute(
        sa.select(sa.func.count()).where(
            moderators.c.role == "admin",
            moderators.c.disabled_at.is_(None),
            moderators.c.username != username,
        )
    ).scalar_one()
    if not others:
        raise AccountRefused(messages.ACCOUNT_LAST_ADMIN.format(username=username))


def _end_sessions(conn: Connection, account_id: int, now: Any) -> int:
    result = conn.execute(
        sa.update(sessions)
        .where(sessions.c.moderator_id == account_id, sessions.c.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    return int(result.rowcount)
