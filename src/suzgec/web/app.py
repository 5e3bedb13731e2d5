"""The app factory: one FastAPI app serving the JSON API, the pages and the widget."""

from __future__ import annotations

import itertools
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from suzgec import __version__, messages
from suzgec.config import Settings, load_settings
from suzgec.errors import ConfigError
from suzgec.model import Finding
from suzgec.pipeline import Moderator
from suzgec.store import Store
from suzgec.text.dictionary import default_dictionary
from suzgec.web import (
    api,
    articles_api,
    articles_ui,
    commenters_api,
    commenters_ui,
    counts,
    desk_api,
    desk_pages,
    docs,
    edits,
    errors,
    health,
    reports_api,
    reports_pages,
    texts,
    ui,
    webhook_log,
)
from suzgec.web.datadir import database_url
from suzgec.web.demo import seed_demo
from suzgec.web.images import image_hosts
from suzgec.web.proxies import trusted_proxies
from suzgec.web.ratelimit import Limiter, RateLimiter, StoreRateLimiter
from suzgec.web.security import Tokens, resolve_secret
from suzgec.web.state import AppState
from suzgec.webhooks import Dispatcher, DispatcherThread, WebhookConfig

log = logging.getLogger(__name__)

HERE = Path(__file__).parent
TURKEY = ZoneInfo("Europe/Istanbul")


def marked(text: str, findings: tuple[Finding, ...] | list[Finding]) -> list[tuple[str, str]]:
    """Split text into (piece, clause names) pairs; pieces under a finding name its clauses.

    The template wraps named pieces in <mark>; overlapping findings simply name
    several clauses. Pieces stay plain strings so autoescaping still applies.
    """
    n = len(text)
    spans = [(f, max(0, min(a, n)), max(0, min(b, n))) for f in findings for a, b in f.spans]
    cuts = {0, n}
    for _, a, b in spans:
        cuts.update((a, b))
    bounds = sorted(cuts)
    out = []
    for lo, hi in itertools.pairwise(bounds):
        names = sorted(
            {messages.CLAUSE_NAMES[f.clause] for f, a, b in spans if a <= lo and hi <= b}
        )
        out.append((text[lo:hi], ", ".join(names)))
    return out


def local_time(value: datetime) -> str:
    return value.astimezone(TURKEY).strftime("%d.%m.%Y %H:%M")


def make_templates() -> Jinja2Templates:
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True)
    env.globals.update(
        marked=marked,
        local_time=local_time,
        clause_names=messages.CLAUSE_NAMES,
        action_names=messages.ACTION_NAMES,
        status_names=texts.STATUS_NAMES,
        texts=texts,
        site_rule=messages.SITE_RULE,
        version=__version__,
    )
    return Jinja2Templates(env=env)


class SecurityHeaders:
    """Frame policy per page: the widget may be framed by allowed sites, the rest only here."""

    def __init__(self, app: ASGIApp, origins: list[str], image_hosts: list[str]) -> None:
        self.app = app
        framers = " ".join(["'self'", *origins])
        images = " ".join(["'self'", "data:", *image_hosts])
        base = f"default-src 'self'; img-src {images}; base-uri 'none'; form-action 'self'"
        self.embed_csp = f"{base}; frame-ancestors {framers}".encode()
        self.page_csp = f"{base}; frame-ancestors 'self'".encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        csp = self.embed_csp if scope["path"].startswith("/embed/") else self.page_csp

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [
                    (b"content-security-policy", csp),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"strict-origin-when-cross-origin"),
                ]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)


def create_app(
    settings: Settings | None = None,
    *,
    moderator: Moderator | None = None,
    store: Store | None = None,
) -> FastAPI:
    """Build the app: migrate the database, seed the demo article if asked, wire routes.

    Pass `moderator` to use another list of checks (tests do, to get reviews on demand).
    """
    settings = settings or Settings()
    webhooks = WebhookConfig.from_settings(settings)  # refuse a bad setting before any work
    own_store = store is None
    store = store or Store(database_url(settings))
    store.migrate()
    if settings.demo_article:
        seed_demo(store)
    secret = resolve_secret(settings)
    login_rate = max(1, settings.login_attempts_per_minute)

    if settings.rate_limit_store not in ("database", "memory"):
        raise ConfigError(
            f"rate_limit_store must be database or memory, not {settings.rate_limit_store!r}"
        )

    if settings.report_threshold < 1:
        raise ConfigError(f"report_threshold must be at least 1, not {settings.report_threshold}")

    def limiter(per_minute: int, burst: int) -> Limiter:
        if settings.rate_limit_store == "memory":
            return RateLimiter(per_minute, burst)
        return StoreRateLimiter(store, per_minute, burst)

    # The form clauses' dictionary loads in the background (about 0.8 s), not on the first
    # comment that needs it.
    default_dictionary().preload()
    state = AppState(
        settings=settings,
        store=store,
        moderator=moderator or Moderator(settings),
        limiter=limiter(settings.rate_limit_per_minute, settings.rate_limit_burst),
        login_limiter=limiter(login_rate, login_rate),
        tokens=Tokens(secret),
        secret=secret,
    )

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # Every server process runs a dispatcher: deliveries are claimed, so replicas
        # share the work; with no URL it only prunes old events.
        dispatcher = None
        if webhooks.enabled or webhooks.retention_days:
            dispatcher = DispatcherThread(Dispatcher(store, webhooks))
            dispatcher.start()
        yield
        if dispatcher is not None:
            dispatcher.stop()
        if own_store:
            store.close()

    app = FastAPI(
        title="Süzgeç",
        version=__version__,
        description="Türkçe haber sitesi yorumları için moderasyon: JSON API.",
        lifespan=lifespan,
        docs_url=None,  # suzgec.web.docs serves it, without a CDN or an inline script
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.suzgec = state
    app.state.templates = make_templates()
    errors.install(app)
    app.include_router(api.router)
    app.include_router(articles_api.router)
    app.include_router(counts.router)
    app.include_router(articles_ui.router)
    app.include_router(health.router)
    app.include_router(ui.router)
    app.include_router(webhook_log.router)
    app.include_router(commenters_api.router)
    app.include_router(commenters_ui.router)
    app.include_router(edits.router)
    app.include_router(desk_api.router)
    app.include_router(desk_pages.router)
    app.include_router(reports_pages.router)
    app.include_router(reports_api.router)
    docs.install(app)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    origins = state.allowed_origins
    app.add_middleware(errors.CatchAll)  # innermost: pages still get headers and CORS
    app.add_middleware(
        CORSMiddleware,
        allow_origins=origins,
        allow_methods=["GET", "POST", "PATCH"],
        allow_headers=["content-type", "authorization"],
        max_age=600,
    )
    app.add_middleware(
        SessionMiddleware,
        secret_key=secret,
        session_cookie="suzgec_session",
        max_age=settings.session_hours * 3600,
        same_site="lax",
        https_only=settings.cookie_secure,
    )
    app.add_middleware(SecurityHeaders, origins=origins, image_hosts=image_hosts(settings))
    app.add_middleware(errors.BodyLimit, limit=settings.max_request_bytes)
    if settings.trust_proxy_headers:
        # Outermost, so the rate limit and every other layer see the reader's address.
        app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=trusted_proxies(settings))
    app.add_middleware(errors.HeaderLimit)  # outermost: before anything reads a header
    return app


def create_app_from_env() -> FastAPI:
    """The app of one `suzgec serve --workers N` process: uvicorn imports it by name in
    each worker; the settings come from the TOML file and SUZGEC_* variables as usual."""
    return create_app(load_settings())
