# --- web and store fixtures (suzgec.store, suzgec.web) -------------------------
# The store tests run against SQLite and PostgreSQL; each PostgreSQL test gets a
# fresh schema, dropped afterwards. SUZGEC_TEST_PG_URL points them at another server.

import os as _os
import uuid as _uuid
from collections.abc import Callable as _Callable
from collections.abc import Iterator as _Iterator
from contextlib import contextmanager as _contextmanager
from dataclasses import replace as _replace
from typing import Any as _Any

import pytest as _pytest

PG_URL = _os.environ.get("SUZGEC_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
_pg_reason: list[str | None] = []


def pg_unavailable() -> str | None:
    """Why PostgreSQL tests cannot run here, or None; checked once per session."""
    if not _pg_reason:
        try:
            import sqlalchemy as sa

            engine = sa.create_engine(PG_URL, connect_args={"connect_timeout": 3})
            with engine.connect() as conn:
                conn.execute(sa.text("select 1"))
            engine.dispose()
            _pg_reason.append(None)
        except Exception as exc:
            _pg_reason.append(f"PostgreSQL at {PG_URL} unreachable: {type(exc).__name__}")
    return _pg_reason[0]


class ReviewCheck:
    """A test check: "incelensin" in a comment sends it to review, deterministically."""

    version = "review-test-1"

    def __call__(self, comment: _Any) -> list[_Any]:
        from suzgec.model import Clause, Signal

        at = comment.text.find("incelensin")
        if at < 0:
            return []
        return [Signal(Clause.OFFENSIVE, 0.6, at, at + len("incelensin"), "Test: bakılmalı.")]


@_pytest.fixture
def review_moderator() -> _Any:
    """A Moderator with only the capitals check plus ReviewCheck: web tests must not
    depend on which other clauses exist."""
    from suzgec.clauses.form import CapitalsCheck
    from suzgec.pipeline import Moderator

    return Moderator(checks=[CapitalsCheck(), ReviewCheck()])


@_contextmanager
def pg_schema() -> _Iterator[str]:
    """A fresh, empty PostgreSQL schema (its name), dropped afterwards; skips without a server."""
    import sqlalchemy as sa

    reason = pg_unavailable()
    if reason:
        _pytest.skip(reason)
    schema = f"suzgec_test_{_uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield schema
    finally:
        with admin.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def _pg_store() -> _Iterator[_Any]:
    import sqlalchemy as sa

    from suzgec.store import Store

    with pg_schema() as schema:
        engine = sa.create_engine(PG_URL, connect_args={"options": f"-csearch_path={schema}"})
        store = Store(engine)
        try:
            yield store
        finally:
            store.close()


@_pytest.fixture(params=["sqlite", "postgresql"])
def store(request: _Any, tmp_path: _Any) -> _Iterator[_Any]:
    """A migrated Store on SQLite (a temp file) and on PostgreSQL (a fresh schema)."""
    from suzgec.store import Store

    if request.param == "sqlite":
        s = Store(f"sqlite:///{tmp_path / 'test.db'}")
        s.migrate()
        yield s
        s.close()
    else:
        for s in _pg_store():
            s.migrate()
            yield s


@_pytest.fixture(params=["sqlite", "postgresql"])
def bare_store(request: _Any, tmp_path: _Any) -> _Iterator[_Any]:
    """Like `store`, but not migrated: for tests of the migrations themselves."""
    from suzgec.store import Store

    if request.param == "sqlite":
        s = Store(f"sqlite:///{tmp_path / 'test.db'}")
        yield s
        s.close()
    else:
        yield from _pg_store()


@_pytest.fixture
def sqlite_store(tmp_path: _Any) -> _Iterator[_Any]:
    from suzgec.store import Store

    s = Store(f"sqlite:///{tmp_path / 'test.db'}")
    s.migrate()
    yield s
    s.close()


@_pytest.fixture
def make_client(tmp_path: _Any) -> _Iterator[_Callable[..., _Any]]:
    """make_client(store=None, moderator=None, **settings) -> TestClient on a fresh app."""
    from fastapi.testclient import TestClient

    from suzgec.config import Settings
    from suzgec.web import create_app

    clients: list[_Any] = []

    def make(store: _Any = None, moderator: _Any = None, **overrides: _Any) -> _Any:
        base = Settings(
            database_url=f"sqlite:///{tmp_path / 'web.db'}",
            secret_key="test-secret",
            rate_limit_per_minute=0,
        )
        settings = _replace(base, **overrides)
        client = TestClient(create_app(settings, store=store, moderator=moderator))
        client.__enter__()
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)


@_pytest.fixture
def add_moderator() -> _Callable[..., None]:
    def add(store: _Any, username: str = "ayse", password: str = "gizli-parola") -> None:
        from suzgec.web.security import hash_password

        store.add_moderator(username, hash_password(password))

    return add


# --- a live server and a real browser (slow tests) -----------------------------
# Tests that need what the TestClient hides (real sockets, headers, Chromium) serve the
# app with uvicorn on a free loopback port.

CHROMIUM = _os.environ.get("SUZGEC_TEST_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LiveApp:
    """`create(**settings)` builds an app on a temp SQLite file; `serve(app)` runs it."""

    def __init__(self, tmp_path: _Any) -> None:
        self.tmp_path = tmp_path
        self._servers: list[tuple[_Any, _Any]] = []

    def create(self, moderator: _Any = None, **overrides: _Any) -> _Any:
        from suzgec.config import Settings
        from suzgec.web import create_app

        base = Settings(
            database_url=f"sqlite:///{self.tmp_path / 'browser.db'}",
            secret_key="browser-test",
            rate_limit_per_minute=0,
        )
        return create_app(_replace(base, **overrides), moderator=moderator)

    def serve(self, app: _Any, **uvicorn_options: _Any) -> str:
        import threading
        import time

        import uvicorn

        port = free_port()
        options = {"host": "127.0.0.1", "port": port, "log_level": "warning", **uvicorn_options}
        srv = uvicorn.Server(uvicorn.Config(app, **options))
        thread = threading.Thread(target=srv.run, daemon=True)
        thread.start()
        deadline = time.monotonic() + 10
        while not srv.started and time.monotonic() < deadline:
            time.sleep(0.05)
        assert srv.started, "uvicorn did not start"
        self._servers.append((srv, thread))
        return f"http://127.0.0.1:{port}"

    def stop(self) -> None:
        for srv, thread in self._servers:
            srv.should_exit = True
            thread.join(timeout=10)


@_pytest.fixture
def live_app(tmp_path: _Any) -> _Iterator[LiveApp]:
    live = LiveApp(tmp_path)
    yield live
    live.stop()


@_pytest.fixture
def browser() -> _Iterator[_Any]:
    """Headless Debian Chromium driven by Playwright (it never downloads a browser)."""
    sync_api = _pytest.importorskip("playwright.sync_api")
    if not _os.path.exists(CHROMIUM):
        _pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()
