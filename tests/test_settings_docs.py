"""Every setting is documented: docs/reference/config.md lists each one (regenerate with
`python -m suzgec.docs_gen > docs/reference/config.md`)."""

from dataclasses import fields
from pathlib import Path

import pytest

from suzgec.config import Settings

DOC = Path(__file__).parents[1] / "docs" / "reference" / "config.md"


@pytest.mark.parametrize("name", [f.name for f in fields(Settings)])
def test_setting_is_in_the_reference(name: str) -> None:
    text = DOC.read_text(encoding="utf-8")
    assert f"`{name}`" in text and f"`SUZGEC_{name.upper()}`" in text, (
        f"setting {name!r} is missing from {DOC.name}; run "
        "`python -m suzgec.docs_gen > docs/reference/config.md`"
    )


def test_every_setting_has_help() -> None:
    assert all(text.strip() for text in Settings.help().values())


def test_reference_is_current() -> None:
    from suzgec.docs_gen import render

    assert DOC.read_text(encoding="utf-8") == render(), (
        "docs/reference/config.md is stale; run "
        "`python -m suzgec.docs_gen > docs/reference/config.md`"
    )


def test_http_reference_is_current() -> None:
    from dataclasses import replace

    from suzgec.web import create_app
    from suzgec.web.openapi_doc import render

    settings = replace(Settings(), database_url="sqlite://", secret_key="docs", demo_article=False)
    current = render(create_app(settings).openapi())
    doc = DOC.parent / "http.md"
    assert doc.read_text(encoding="utf-8") == current, (
        "docs/reference/http.md is stale; run "
        "`python -m suzgec.web.openapi_doc > docs/reference/http.md`"
    )
