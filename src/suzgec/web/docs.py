"""The API explorer at /api/docs: Swagger UI from the fastapi-offline package's files.

FastAPI's own page loads Swagger UI from a CDN and starts it with an inline script; the
site's Content-Security-Policy (default-src 'self') rightly blocks both, so the page was
blank. Here the assets come from our own server and the start-up script is a static file
of ours (static/api-docs.js), so the docs page keeps the same CSP as every other page.
fastapi-offline ships Swagger UI 5, which reads OpenAPI 3.1 (what FastAPI writes);
swagger-ui-bundle's Swagger UI 4 cannot.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles

DOCS_URL = "/api/docs"
ASSETS_URL = "/api/docs/assets"
SWAGGER_UI = Path(str(files("fastapi_offline") / "static"))


def install(app: FastAPI) -> None:
    """Serve the docs page and the Swagger UI files (the app is built with docs_url=None)."""
    app.mount(ASSETS_URL, StaticFiles(directory=SWAGGER_UI), name="swagger-ui")

    @app.get(DOCS_URL, include_in_schema=False)
    def api_docs(request: Request) -> Response:
        root = str(request.scope.get("root_path", "")).rstrip("/")
        templates = request.app.state.templates
        return templates.TemplateResponse(
            request,
            "api_docs.html",
            {
                "assets": root + ASSETS_URL,
                "script": root + "/static/api-docs.js",
                "openapi_url": root + str(app.openapi_url),
                "title": app.title,
            },
        )
