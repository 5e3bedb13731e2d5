"""Where article photos may come from: this server, or the sites in `image_hosts`.

The same list goes into the Content-Security-Policy `img-src`, so the API can refuse at
once a photo the browser would refuse to show, instead of storing a broken article.
"""

from __future__ import annotations

import re
from urllib.parse import SplitResult, urlsplit

from suzgec.config import Settings
from suzgec.errors import ConfigError
from suzgec.web import texts

# An origin only: a path, a wildcard or a `;` would change what the CSP means.
_ORIGIN = re.compile(r"https?://[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?\Z")
_DEFAULT_PORTS = {"http": 80, "https": 443}


def image_hosts(settings: Settings) -> list[str]:
    """The image_hosts setting as origins (lower case, no trailing slash)."""
    hosts = []
    for entry in (e.strip() for e in settings.image_hosts.split(",")):
        origin = entry.rstrip("/").lower()
        if not origin:
            continue
        if not _ORIGIN.match(origin):
            raise ConfigError(texts.BAD_IMAGE_HOST.format(entry=entry))
        hosts.append(origin)
    return hosts


def _origin(parts: SplitResult) -> str:
    """scheme://host[:port], the port left out when it is the scheme's default."""
    port = parts.port  # raises ValueError for a port that is not a number in range
    scheme = parts.scheme.lower()
    shown = "" if port in (None, _DEFAULT_PORTS[scheme]) else f":{port}"
    return f"{scheme}://{parts.hostname}{shown}"


def image_problem(url: str, hosts: list[str]) -> str | None:
    """Why `url` cannot be an article photo, as a Turkish message; None when it can."""
    # Browsers read a backslash as a slash ("/\\evil.example" is another site) and drop
    # whitespace inside URLs, so neither can be checked reliably: refuse them.
    if "\\" in url or any(c.isspace() or not c.isprintable() for c in url):
        return texts.IMAGE_NOT_HTTP
    if url.startswith("/") and not url.startswith("//"):
        return None  # a path on this server ('self'), like the demo photo
    parts = urlsplit(url)
    if parts.scheme.lower() not in _DEFAULT_PORTS or not parts.hostname:
        return texts.IMAGE_NOT_HTTP
    if parts.username is not None or parts.password is not None:
        return texts.IMAGE_NOT_HTTP
    try:
        origin = _origin(parts)
    except ValueError:
        return texts.IMAGE_NOT_HTTP
    allowed = {_origin(urlsplit(host)) for host in hosts}
    if origin not in allowed:
        return texts.IMAGE_HOST_NOT_ALLOWED.format(origin=origin)
    return None
