"""Threads created on first use (issue 11): the widget's first load for an unknown
article creates it, as Isso and Coral do, so a news site need not call
POST /api/articles for every story.

embed.js passes the embed's `data-title` and `data-url` as the query parameters
`baslik` and `adres`. The article is created only when that URL is on one of the
`allowed_origins` and the request itself (its Origin or Referer, when the browser sends
one) comes from that same site: another site cannot create threads here, neither with
its own URL nor by naming an allowed one.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from fastapi import Request

from suzgec.store import NotFound
from suzgec.text.normalize import first_control
from suzgec.web import texts
from suzgec.web.errors import HttpError
from suzgec.web.state import AppState

TITLE_PARAM = "baslik"
URL_PARAM = "adres"
MAX_TITLE_CHARS = 300  # articles.title
MAX_URL_CHARS = 500  # articles.url
MAX_SLUG_CHARS = 200  # articles.slug
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_DEFAULT_PORTS = {"http": 80, "https": 443}


def origin_of(url: str) -> str | None:
    """scheme://host[:port] of an http(s) URL, lower-cased, default port left out; None
    for anything else (a relative path, another scheme, a broken URL)."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if scheme not in _DEFAULT_PORTS or not host:
        return None
    if port is not None and port != _DEFAULT_PORTS[scheme]:
        return f"{scheme}://{host}:{port}"
    return f"{scheme}://{host}"


def _caller_origin(request: Request) -> str | None:
    """The site the request says it comes from: Origin, else Referer; "" when one of them
    is there but names no site (Origin: null), None when neither was sent."""
    origin = request.headers.get("origin")
    if origin is not None:
        return origin_of(origin) or ""
    referer = request.headers.get("referer")
    if referer is not None:
        return origin_of(referer) or ""
    return None


def _title(raw: str | None) -> str | None:
    if raw is None:
        return None
    title = " ".join(raw.split())  # one line, as an article list shows it
    if not title or len(title) > MAX_TITLE_CHARS or first_control(title) is not None:
        return None
    return title


def _refuse(reason: str) -> HttpError:
    return HttpError(404, "not_found", texts.FIRST_USE_REFUSED.format(reason=reason))


def ensure_article(request: Request, state: AppState, slug: str) -> None:
    """Create the article `slug` from the widget's data if it is unknown and the request
    may create it. Without the widget's data, or with the feature off, nothing happens
    (an unknown article is then the usual 404). A refusal is a 404 saying why."""
    query = request.query_params
    raw_title, raw_url = query.get(TITLE_PARAM), query.get(URL_PARAM)
    if raw_title is None and raw_url is None:
        return
    allowed = {o for o in (origin_of(a) for a in state.allowed_origins) if o}
    if not state.settings.create_articles_on_first_use or not allowed:
        return
    try:
        state.store.get_article(slug)
        return
    except NotFound:
        pass
    if len(slug) > MAX_SLUG_CHARS or not _SLUG.fullmatch(slug):
        raise _refuse(texts.FIRST_USE_BAD_SLUG)
    title = _title(raw_title)
    if title is None:
        raise _refuse(texts.FIRST_USE_BAD_TITLE.format(limit=MAX_TITLE_CHARS))
    url = (raw_url or "").strip()
    origin = origin_of(url) if len(url) <= MAX_URL_CHARS else None
    if origin is None or origin not in allowed or first_control(url) is not None:
        raise _refuse(texts.FIRST_USE_BAD_URL)
    caller = _caller_origin(request)
    if caller is not None and caller != origin:
        raise _refuse(texts.FIRST_USE_OTHER_SITE)
    source = urlsplit(url).hostname or origin
    state.store.create_article_on_first_use(slug, title, url, source)
