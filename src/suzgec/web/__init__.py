"""The web layer: FastAPI app factory, JSON API, HTML pages, the embeddable widget."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from suzgec.web.app import create_app

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    # Imported on first use: `suzgec check` and the other CLI commands that never serve
    # should not pay for FastAPI (about 1 s of start-up).
    if name == "create_app":
        from suzgec.web.app import create_app

        return create_app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
