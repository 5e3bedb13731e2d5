"""Webhooks: the outbox's events, fanned out to the configured URLs and POSTed, signed.

The store keeps events and deliveries (suzgec.store.webhooks); this package decides
what to send, signs it and retries. It runs inside `suzgec serve` (a thread started in
the app's lifespan) or alone as `suzgec webhooks run`. docs/decisions/0007.
"""

from suzgec.webhooks.config import KNOWN_EVENTS, WebhookConfig
from suzgec.webhooks.dispatcher import Dispatcher, DispatcherThread, backoff
from suzgec.webhooks.signing import sign, signature_header, verify

__all__ = [
    "KNOWN_EVENTS",
    "Dispatcher",
    "DispatcherThread",
    "WebhookConfig",
    "backoff",
    "sign",
    "signature_header",
    "verify",
]
