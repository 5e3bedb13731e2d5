"""`suzgec privacy …`: retention (purge) and a commenter's data requests (export, erase).

KVKK: a commenter is known only by their signed browser id (the id shown on the
moderator's commenter page) and a keyed hash of their address; no raw address is kept.
"""

from __future__ import annotations

import json
import re

import click

from suzgec.web.commands import _config, _db, _settings, _store

_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")


def _commenter_id(value: str) -> str:
    if not _ID.fullmatch(value):
        raise click.BadParameter(
            "yorumcu kimliği harf, rakam, - ve _ olmalı (moderatörün yorumcu sayfasındaki "
            "kimlik, en çok 64 karakter)."
        )
    return value


@click.group()
def privacy() -> None:
    """Retention and commenters' data requests (KVKK)."""


@privacy.command()
@_config
@_db
@click.option(
    "--rejected-days", type=click.IntRange(min=0), help="Overrides retention_days_rejected."
)
@click.option(
    "--address-days", type=click.IntRange(min=0), help="Overrides retention_days_addresses."
)
def purge(
    config: str | None, db_url: str | None, rejected_days: int | None, address_days: int | None
) -> None:
    """Blank old rejected comments and clear old address hashes (retention settings).

    Run it once a day, e.g. from cron: `15 3 * * * suzgec privacy purge --config /etc/suzgec.toml`.
    """
    settings = _settings(config, db_url)
    days_rejected = settings.retention_days_rejected if rejected_days is None else rejected_days
    days_addresses = settings.retention_days_addresses if address_days is None else address_days
    store = _store(settings)
    try:
        done = store.purge(days_rejected, days_addresses)
    finally:
        store.close()
    kept_rejected = "saklanıyor (0)" if days_rejected == 0 else f"{days_rejected} günden eski"
    kept_addresses = "saklanıyor (0)" if days_addresses == 0 else f"{days_addresses} günden eski"
    click.echo(
        f"Reddedilen ve kaldırılan yorumlar ({kept_rejected}): {done.comments_blanked} yorum "
        f"silindi, {done.audit_redacted} denetim kaydının notu temizlendi."
    )
    click.echo(f"Adres özetleri ({kept_addresses}): {done.addresses_cleared} yorumda temizlendi.")


@privacy.command()
@click.argument("commenter_id")
@_config
@_db
def export(commenter_id: str, config: str | None, db_url: str | None) -> None:
    """Print, as JSON, everything held about a commenter (COMMENTER_ID: their browser id)."""
    cid = _commenter_id(commenter_id)
    store = _store(_settings(config, db_url))
    try:
        document = store.export_commenter(cid)
    finally:
        store.close()
    click.echo(json.dumps(document, ensure_ascii=False, indent=2))


@privacy.command()
@click.argument("commenter_id")
@_config
@_db
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def erase(commenter_id: str, config: str | None, db_url: str | None, yes: bool) -> None:
    """Erase what is held about a commenter. Live bans and suspensions are kept (their
    reason deleted) so that asking cannot lift them; everything else goes."""
    cid = _commenter_id(commenter_id)
    store = _store(_settings(config, db_url))
    try:
        history = store.commenter_history(cid, limit=1)
        total = sum(history.counts.values())
        if not yes:
            click.confirm(
                f"{cid} kimlikli yorumcunun {total} yorumu, yaptığı {len(history.reports)} "
                f"şikâyet ve {len(history.sanctions)} yaptırımı silinecek (süren kalıcı ve "
                "geçici engeller gerekçesiz kalır). Sürdürülsün mü?",
                abort=True,
            )
        done = store.erase_commenter(cid)
    finally:
        store.close()
    click.echo(
        f"{done.comments_erased} yorum silindi ({done.comments_removed} tanesi yayından ya da "
        f"kuyruktan kaldırıldı); {done.audit_redacted} denetim kaydının notu temizlendi; "
        f"{done.reports_deleted} şikâyet ve {done.sanctions_deleted} yaptırım silindi; "
        f"{done.sanctions_kept} süren engel gerekçesiz saklandı."
    )
