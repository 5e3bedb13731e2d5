"""Commenters without accounts: a signed, long-lived browser id.

The widget runs in the news site's page as a third-party iframe, where browsers often
block or partition cookies, so the id travels two ways: a cookie, and a hidden form
field the widget fills from the page it was given. Either is checked by signature.
"""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import Request, Response

from suzgec.web.state import AppState, client_key

COOKIE = "suzgec_kimlik"
FIELD = "kimlik"  # the hidden form field, and the header API clients may send it in
HEADER = "X-Suzgec-Kimlik"
_ONE_YEAR = 365 * 24 * 3600


@dataclass(frozen=True, slots=True)
class Commenter:
    id: str
    token: str  # the signed form of `id`, to hand back to the browser
    new: bool  # no valid id came with the request: one was made now
    address_hash: str


def commenter(request: Request, state: AppState, form: dict[str, str] | None = None) -> Commenter:
    """The commenter of this request: from the cookie, the form field or the header, in
    that order; a new id if none of them holds a valid one."""
    tokens = state.tokens
    for raw in (
        request.cookies.get(COOKIE),
        (form or {}).get(FIELD),
        request.headers.get(HEADER),
    ):
        found = tokens.commenter_of(raw)
        if found is not None:
            return Commenter(found, str(raw), False, tokens.address_hash(client_key(request)))
    token = tokens.commenter_token()
    found = tokens.commenter_of(token)
    assert found is not None
    return Commenter(found, token, True, tokens.address_hash(client_key(request)))


def remember(request: Request, response: Response, who: Commenter) -> None:
    """Set (or refresh) the id cookie. SameSite=None needs Secure, so over plain HTTP
    (a local trial) the cookie is Lax and works only where the widget is first-party."""
    secure = request.url.scheme == "https"
    response.set_cookie(
        COOKIE,
        who.token,
        max_age=_ONE_YEAR,
        httponly=True,
        secure=secure,
        samesite="none" if secure else "lax",
        path="/",
    )
