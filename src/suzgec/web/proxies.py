"""Who the reader is behind a reverse proxy.

`X-Forwarded-For` is believed only when `trust_proxy_headers` is on and the connection
comes from one of `trusted_proxies`. uvicorn's ProxyHeadersMiddleware then reads the
header right to left, skipping trusted proxies, so an address a client prepends itself
is never the one taken; it also takes the scheme from `X-Forwarded-Proto`. The app
installs it (create_app) and `suzgec serve` turns uvicorn's own copy off, so this
setting is the one place that decides.
"""

from __future__ import annotations

import ipaddress

from suzgec.config import Settings
from suzgec.errors import ConfigError
from suzgec.web import texts


def trusted_proxies(settings: Settings) -> list[str]:
    """The trusted_proxies setting as networks ("127.0.0.1" -> "127.0.0.1/32").

    Checked here because uvicorn would silently treat a mistyped entry as a name that
    never matches, and the proxy's readers would all share one rate limit.
    """
    networks = []
    for entry in (e.strip() for e in settings.trusted_proxies.split(",")):
        if not entry:
            continue
        try:
            networks.append(str(ipaddress.ip_network(entry, strict=False)))
        except ValueError:
            raise ConfigError(texts.BAD_TRUSTED_PROXY.format(entry=entry)) from None
    if not networks:
        raise ConfigError(texts.NO_TRUSTED_PROXY)
    return networks
