"""PATCH /api/articles/{slug}: edit an article, set its comment mode, archive it."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter
from pydantic import ConfigDict, Field

from suzgec.web import texts
from suzgec.web.api import _AUTH_ERRORS, _ERROR, ModeratorName, State
from suzgec.web.article_edit import InvalidEdit, checked_changes
from suzgec.web.errors import HttpError
from suzgec.web.inputs import ApiModel, Slug

router = APIRouter(prefix="/api")

# Fields that may be sent as null to clear them; the others must hold a value if sent.
_NULLABLE = frozenset({"image", "url"})


class ArticlePatch(ApiModel):
    model_config = ConfigDict(extra="forbid")  # a misspelt field is an error, not a no-op

    title: str | None = Field(None, max_length=300, description="Başlık (tek satır).")
    body: str | None = Field(None, description="Haber metni; paragraflar boş satırla ayrılır.")
    source: str | None = Field(None, max_length=200, description="Kaynak.")
    image: str | None = Field(
        None, max_length=500, description="Fotoğraf (POST /api/articles gibi); null: fotoğraf yok."
    )
    url: str | None = Field(
        None, max_length=500, description="Haberin sitedeki adresi (http/https); null: adres yok."
    )
    mode: Literal["open", "closed", "premoderated"] | None = Field(
        None,
        description="Yorum düzeni: open (açık), closed (yorumlar görünür, yeni yorum "
        "alınmaz), premoderated (her yorum önce onay kuyruğuna).",
    )
    archived: bool | None = Field(
        None,
        description="true: arşivle (yeni yorum alınmaz, haber listelerinde görünmez); "
        "false: arşivden çıkar.",
    )


@router.patch("/articles/{slug}", tags=["articles"], responses={**_AUTH_ERRORS, 409: _ERROR})
def update_article(
    slug: Slug, body: ArticlePatch, state: State, user: ModeratorName
) -> dict[str, Any]:
    """Change an article (moderators only): send only the fields to change. Every change
    is written to the audit log with subject `article:<slug>`."""
    sent = body.model_dump(exclude_unset=True)
    if not sent:
        raise HttpError(422, "invalid_request", texts.ARTICLE_NOTHING_TO_CHANGE)
    for name, value in sent.items():
        if value is None and name not in _NULLABLE:
            message = texts.VALIDATION["missing"].format(subject=texts.FIELD.format(name=name))
            raise HttpError(422, "invalid_request", message)
    try:
        changes = checked_changes(sent, state.image_hosts)
    except InvalidEdit as bad:
        code = "invalid_image" if bad.field == "image" else "invalid_request"
        raise HttpError(422, code, bad.message) from None
    article = state.store.update_article(slug, user, changes)
    return {"article": article.to_dict()}
