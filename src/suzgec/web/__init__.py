"""The web layer: FastAPI app factory, JSON API, HTML pages, the embeddable widget."""

from suzgec.web.app import create_app

__all__ = ["create_app"]
