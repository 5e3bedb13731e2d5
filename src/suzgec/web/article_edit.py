"""Checks of an article edit, shared by PATCH /api/articles/{slug} and the moderator's
edit page, so both refuse the same things with the same Turkish messages."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from suzgec.store.articles import MODES
from suzgec.text.normalize import first_control
from suzgec.web import texts
from suzgec.web.first_use import MAX_TITLE_CHARS, MAX_URL_CHARS, origin_of
from suzgec.web.images import image_problem

MAX_SOURCE_CHARS = 200  # articles.source


class InvalidEdit(ValueError):
    """An edit refused: `field` names the input, the message says what to do."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def checked_changes(values: Mapping[str, Any], image_hosts: list[str]) -> dict[str, Any]:
    """The changes to store, cleaned (titles on one line, empty photo or URL = none);
    raises InvalidEdit on the first field that cannot be stored as sent."""
    out: dict[str, Any] = {}
    if "title" in values:
        title = " ".join(str(values["title"] or "").split())
        if not title:
            raise InvalidEdit("title", texts.ARTICLE_TITLE_EMPTY)
        if len(title) > MAX_TITLE_CHARS:
            raise InvalidEdit("title", texts.ARTICLE_TITLE_TOO_LONG.format(limit=MAX_TITLE_CHARS))
        out["title"] = title
    if "body" in values:
        body = str(values["body"] or "").replace("\r\n", "\n").strip()
        if not body:
            raise InvalidEdit("body", texts.ARTICLE_BODY_EMPTY)
        out["body"] = body
    if "source" in values:
        source = " ".join(str(values["source"] or "").split())
        if not source:
            raise InvalidEdit("source", texts.ARTICLE_SOURCE_EMPTY)
        if len(source) > MAX_SOURCE_CHARS:
            limit = MAX_SOURCE_CHARS
            raise InvalidEdit("source", texts.ARTICLE_SOURCE_TOO_LONG.format(limit=limit))
        out["source"] = source
    if "image" in values:
        image = str(values["image"] or "").strip() or None
        if image is not None and (problem := image_problem(image, image_hosts)):
            raise InvalidEdit("image", problem)
        out["image"] = image
    if "url" in values:
        url = str(values["url"] or "").strip() or None
        if url is not None and (
            len(url) > MAX_URL_CHARS or origin_of(url) is None or first_control(url) is not None
        ):
            raise InvalidEdit("url", texts.ARTICLE_URL_BAD.format(limit=MAX_URL_CHARS))
        out["url"] = url
    if "mode" in values:
        if values["mode"] not in MODES:
            raise InvalidEdit("mode", texts.ARTICLE_MODE_BAD)
        out["mode"] = values["mode"]
    if "archived" in values:
        if not isinstance(values["archived"], bool):
            raise InvalidEdit(
                "archived",
                texts.VALIDATION["bool_type"].format(subject=texts.FIELD.format(name="archived")),
            )
        out["archived"] = values["archived"]
    return out
