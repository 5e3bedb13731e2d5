"""`suzgec webhooks run` (a dispatcher on its own) and `suzgec webhooks retry ID`."""

from __future__ import annotations

import signal
import threading
from types import FrameType

import click

from suzgec import messages
from suzgec.errors import SuzgecError
from suzgec.web.commands import _config, _db, _settings, _store


@click.group()
def webhooks() -> None:
    """Webhook delivery: a separate dispatcher, re-queuing failed deliveries."""


@webhooks.command("run")
@_config
@_db
@click.option(
    "--poll",
    type=click.FloatRange(min=0.1),
    default=1.0,
    show_default=True,
    help="Seconds between looks for due deliveries when there is nothing to send.",
)
def webhooks_run(config: str | None, db_url: str | None, poll: float) -> None:
    """Deliver webhook events until stopped (Ctrl-C or SIGTERM finish the POST in flight).

    Every `suzgec serve` process delivers too; run this for a worker apart from the web
    servers. Several dispatchers on one database never send a delivery twice at once."""
    from suzgec.webhooks import Dispatcher, WebhookConfig

    settings = _settings(config, db_url)
    try:
        webhook_config = WebhookConfig.from_settings(settings)
    except SuzgecError as exc:
        raise click.ClickException(str(exc)) from None
    if not webhook_config.enabled:
        raise click.ClickException(messages.WEBHOOK_OFF)
    store = _store(settings)
    stop = threading.Event()

    def _stop(_signum: int, _frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, _stop)
    dispatcher = Dispatcher(store, webhook_config)
    click.echo(f"Webhook dağıtıcısı çalışıyor: {', '.join(webhook_config.urls)}")
    try:
        dispatcher.run(stop, poll)
    except KeyboardInterrupt:
        pass
    finally:
        dispatcher.close()
        store.close()
    click.echo("Webhook dağıtıcısı durdu.")


@webhooks.command("retry")
@click.argument("delivery_id", type=click.IntRange(min=1))
@_config
@_db
def webhooks_retry(delivery_id: int, config: str | None, db_url: str | None) -> None:
    """Queue a failed delivery again (due now, with all its attempts)."""
    from suzgec.store.base import utcnow

    store = _store(_settings(config, db_url))
    try:
        delivery = store.retry_delivery(delivery_id, utcnow())
    except SuzgecError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        store.close()
    click.echo(
        f"{delivery.id} numaralı teslim yeniden kuyrukta: {delivery.event_kind} → {delivery.url}"
    )
