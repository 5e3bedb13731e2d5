"""CLI commands of the web layer: `suzgec serve`, `suzgec moderator …`, `suzgec db upgrade`.

Thin wrappers: each builds Settings, then calls Store / create_app.
"""

from __future__ import annotations

import os
import secrets
import sys
from dataclasses import replace

import click

from suzgec.config import Settings, load_settings
from suzgec.errors import SuzgecError

MIN_PASSWORD = 8

_config = click.option("--config", type=click.Path(dir_okay=False), help="TOML settings file.")
_db = click.option("--db", "db_url", help="Database URL (overrides database_url).")


def _settings(config: str | None, db_url: str | None = None, **overrides: object) -> Settings:
    try:
        settings = load_settings(config)
    except SuzgecError as exc:
        raise click.ClickException(str(exc)) from None
    changes = {k: v for k, v in overrides.items() if v is not None}
    if db_url:
        changes["database_url"] = db_url
    return replace(settings, **changes)  # type: ignore[arg-type]


def _store(settings: Settings):  # type: ignore[no-untyped-def]
    from suzgec.store import Store
    from suzgec.web.datadir import database_url

    try:
        url = database_url(settings)
    except SuzgecError as exc:  # data_dir cannot be created
        raise click.ClickException(str(exc)) from None
    store = Store(url)
    try:
        store.migrate()
    except Exception as exc:  # a bad URL or an unreachable server: say which, briefly
        raise click.ClickException(f"veritabanı açılamadı ({type(exc).__name__}): {exc}") from None
    return store


@click.command()
@click.option("--host", help="Address to listen on (default: host setting, 127.0.0.1).")
@click.option("--port", type=int, help="Port to listen on (default: port setting, 8000).")
@_config
@_db
@click.option(
    "--demo-moderator",
    is_flag=True,
    help="Create moderator 'demo' with a random password (printed) if it does not exist.",
)
@click.option(
    "--log-level",
    type=click.Choice(["critical", "error", "warning", "info", "debug"]),
    default="info",
    show_default=True,
    help="Server log level; below info the per-request access log is off.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Server processes sharing the port. They share sessions, rate limits and queue "
    "claims through the database.",
)
def serve(
    host: str | None,
    port: int | None,
    config: str | None,
    db_url: str | None,
    demo_moderator: bool,
    log_level: str,
    workers: int,
) -> None:
    """Serve the site, the widget and the API (migrates the database first)."""
    import uvicorn

    from suzgec.web import create_app
    from suzgec.web.security import hash_password

    settings = _settings(config, db_url, host=host, port=port)
    store = _store(settings)
    try:
        app = create_app(settings, store=store)
    except SuzgecError as exc:  # a setting the app checks (trusted_proxies, ...)
        raise click.ClickException(str(exc)) from None
    if demo_moderator and store.get_moderator("demo") is None:
        password = secrets.token_urlsafe(9)
        # An admin, so the demo shows the accounts page too.
        store.add_moderator("demo", hash_password(password), role="admin")
        click.echo(f"Demo moderatör (yönetici): kullanıcı 'demo', parola '{password}'")
    elif demo_moderator:
        click.echo("Demo moderatör zaten var; parolayı unuttuysanız: suzgec moderator passwd demo")
    base = f"http://{settings.host}:{settings.port}"
    articles = store.list_articles(1)
    click.echo(f"Süzgeç çalışıyor: {base}/")
    if articles:
        click.echo(f"  Haber sayfası:   {base}/haber/{articles[0].slug}")
    click.echo(f"  Moderatör:       {base}/moderator")
    click.echo(f"  API belgeleri:   {base}/api/docs")
    if store.get_moderator("demo") is None and not demo_moderator:
        click.echo("  İlk moderatör:   suzgec moderator add KULLANICI  (ya da --demo-moderator)")
    if workers > 1:
        # Each worker builds its own app from the same settings, handed down as the
        # variables load_settings reads; this process has already migrated the database,
        # seeded the demo and created the secret file, so the workers do not race for them.
        _hand_down(settings, config, workers)
        store.close()
    uvicorn.run(
        "suzgec.web.app:create_app_from_env" if workers > 1 else app,
        factory=workers > 1,
        workers=workers,
        host=settings.host,
        port=settings.port,
        log_level=log_level,
        access_log=log_level in ("info", "debug"),  # access lines carry paths, never bodies
        # uvicorn would believe X-Forwarded-For from loopback whatever the settings say;
        # the app reads it itself, from trusted_proxies only (suzgec.web.proxies).
        proxy_headers=False,
    )


def _hand_down(settings: Settings, config: str | None, workers: int) -> None:
    """Put the settings where `create_app_from_env` in each worker process finds them."""
    from suzgec.web.security import secret_file_for

    if secret_file_for(settings) is None:
        raise click.ClickException(
            f"--workers {workers}: bellekteki bir SQLite veritabanını süreçler paylaşamaz; "
            "database_url bir dosya ya da PostgreSQL adresi olmalı."
        )
    if config:
        os.environ["SUZGEC_CONFIG"] = os.path.abspath(config)
    os.environ["SUZGEC_DATABASE_URL"] = settings.database_url


@click.group()
def moderator() -> None:
    """Manage moderator accounts."""


def _read_password(password_stdin: bool) -> str:
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Parola", hide_input=True, confirmation_prompt=True)
    if len(password) < MIN_PASSWORD:
        raise click.ClickException(f"parola en az {MIN_PASSWORD} karakter olmalı")
    return password


_password_stdin = click.option(
    "--password-stdin", is_flag=True, help="Read the password from standard input."
)


CLI_ACTOR = "cli"  # the audit log's "who" for account changes made from the command line


@moderator.command("add")
@click.argument("username")
@_password_stdin
@click.option("--admin", is_flag=True, help="Make the account an admin (manages accounts).")
@_config
@_db
def moderator_add(
    username: str, password_stdin: bool, admin: bool, config: str | None, db_url: str | None
) -> None:
    """Create a moderator (the password is stored as an argon2 hash; audited)."""
    from suzgec.web.security import hash_password

    password = _read_password(password_stdin)
    store = _store(_settings(config, db_url))
    try:
        store.create_account(
            CLI_ACTOR, username, hash_password(password), "admin" if admin else "moderator"
        )
    except SuzgecError as exc:
        raise click.ClickException(
            f"{exc} Parolasını değiştirmek için: suzgec moderator passwd {username}"
        ) from None
    finally:
        store.close()
    click.echo(f"Moderatör eklendi: {username}" + (" (yönetici)" if admin else ""))


@moderator.command("role")
@click.argument("username")
@click.argument("role", type=click.Choice(["admin", "moderator"]))
@_config
@_db
def moderator_role(username: str, role: str, config: str | None, db_url: str | None) -> None:
    """Make an account an admin or a plain moderator (audited). The first admin of an
    upgraded site is made this way."""
    store = _store(_settings(config, db_url))
    try:
        changed = store.set_role(CLI_ACTOR, username, role)
    except SuzgecError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        store.close()
    word = "yönetici" if role == "admin" else "moderatör"
    click.echo(f"{username} artık {word}." if changed else f"{username} zaten {word}.")


@moderator.command("passwd")
@click.argument("username")
@_password_stdin
@_config
@_db
def moderator_passwd(
    username: str, password_stdin: bool, config: str | None, db_url: str | None
) -> None:
    """Set a moderator's new password; every login of the account ends."""
    from suzgec.web.security import hash_password

    password = _read_password(password_stdin)
    store = _store(_settings(config, db_url))
    try:
        ended = store.set_password(username, hash_password(password))
    except SuzgecError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        store.close()
    click.echo(f"Parola değişti: {username} (kapatılan oturum: {ended})")


@moderator.command("disable")
@click.argument("username")
@_config
@_db
def moderator_disable(username: str, config: str | None, db_url: str | None) -> None:
    """Disable an account: its logins end at once and it cannot log in again."""
    store = _store(_settings(config, db_url))
    try:
        ended = store.set_disabled(username, True)
    except SuzgecError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        store.close()
    click.echo(f"Hesap kapatıldı: {username} (kapatılan oturum: {ended})")


@moderator.command("enable")
@click.argument("username")
@_config
@_db
def moderator_enable(username: str, config: str | None, db_url: str | None) -> None:
    """Let a disabled account log in again."""
    store = _store(_settings(config, db_url))
    try:
        store.set_disabled(username, False)
    except SuzgecError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        store.close()
    click.echo(f"Hesap yeniden açıldı: {username}")


@click.group()
def db() -> None:
    """Database maintenance."""


@db.command("upgrade")
@_config
@_db
def db_upgrade(config: str | None, db_url: str | None) -> None:
    """Apply the numbered migrations up to the newest."""
    store = _store(_settings(config, db_url))
    click.echo(f"Veritabanı güncel: sürüm {store.current_revision()} ({store.dialect})")
    store.close()
