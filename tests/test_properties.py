"""Properties of the whole pipeline over any input string (hypothesis).

Whatever a Python str holds, `Moderator.moderate` either returns a Decision whose finding
spans lie inside the moderated text and whose suggestion, if any, is a str, or refuses the
input with InvalidComment and a Turkish message; it never raises anything else. Refused are:
text no reader could see (blank, zero-width or bidi characters only) and lone surrogates,
which no database, page or JSON answer can encode as UTF-8.

Examples are bounded so the file stays well under 30 s on two cores.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from suzgec import messages
from suzgec.errors import InvalidComment
from suzgec.model import Decision
from suzgec.pipeline import Moderator
from suzgec.text.normalize import clean

EXAMPLES = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces that reach deep paths: Turkish words with and without their letters, swearing and
# its dodges, capitals, apostrophes, separators, look-alike letters, invisible characters,
# combining marks, emoji and other scripts.
PIECES = [
    "çok güzel", "cok guzel", "Sırbistan'ın", "Sirbistanin", "İSTANBUL", "KIRK", "herkez",
    "birşey", "yapıcam", "varmı", "geliyo", "NATO", "TBMM", "aptal", "aptallar", "siktir",
    "s.i.k.t.i.r", "s i k t i r", "a.q", "o ç", "$erefsiz", "s1kt1r", "siiiiktir", "b**",
    "o*****", "**önemli**", "M.K.", "Allah", "allahını", "Yahudiler", "pis", "Amasya", "sikke",
    "@kullanici", "#ŞerefsizAdam", "https://ornek.com/a", "ad@ornek.com", "3G", "1.000",
    "а", "ο", "Ι", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u200e",
    "\u202e", "\u2066", "\u0301", "\u0307", "i\u0307", "😡", "🤮", "🇹🇷", "\U000e0041",
    "ß", "ﬁ", "ŉ", "ǅ", "Ⅻ", "٣", "ع", "ж", "ω", "!", "...", "?", "-", "'", "’", "\n", " ",
]  # fmt: skip

pieced = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=4)), max_size=12).map(
    " ".join
)
# Any code point, lone surrogates included (hypothesis leaves them out of text() by default).
anything = st.text(st.characters(exclude_categories=()), max_size=40)
invisible = st.text(
    st.sampled_from(
        " \t\n\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a\u202e\u2066\u2069\u3164"
    ),
    min_size=1,
    max_size=30,
)


@pytest.fixture(scope="module")
def moderator() -> Moderator:
    return Moderator()


def decided_or_refused(moderator: Moderator, text: str) -> Decision | InvalidComment:
    try:
        decision = moderator.moderate(text)
    except InvalidComment as refused:
        assert str(refused), "a refusal says what to fix"
        return refused
    assert decision.text == clean(text)  # controls and bidi marks dropped, then NFC
    for f in decision.findings:
        assert 0 <= f.start <= f.end <= len(decision.text), f
    assert decision.suggestion is None or isinstance(decision.suggestion, str)
    return decision


@EXAMPLES
@given(text=pieced)
def test_comments_built_from_tricky_pieces_are_decided(moderator: Moderator, text: str) -> None:
    decided_or_refused(moderator, text)


@EXAMPLES
@given(text=anything)
@example("\ud800")
@example("merhaba \udfff dünya")
def test_any_string_is_decided_or_refused(moderator: Moderator, text: str) -> None:
    result = decided_or_refused(moderator, text)
    if any("\ud800" <= ch <= "\udfff" for ch in text):
        assert isinstance(result, InvalidComment)
        assert "karakteri bozuk" in str(result)


@EXAMPLES
@given(text=invisible)
@example("\u200b")
@example("\u202e\u2066 \u2060")
def test_a_comment_of_invisible_characters_is_refused_as_empty(
    moderator: Moderator, text: str
) -> None:
    with pytest.raises(InvalidComment, match=messages.EMPTY_COMMENT):
        moderator.moderate(text)


@pytest.mark.parametrize("text", ["a\u200b", "\u200bmerhaba\u200b", "\u202ebir yorum"])
def test_visible_text_beside_invisible_characters_is_moderated(
    moderator: Moderator, text: str
) -> None:
    assert isinstance(moderator.moderate(text), Decision)


@pytest.mark.parametrize(
    ("body", "code", "message"),
    [
        pytest.param(
            '{"text": "\\u200b\\u2060\\u202e"}',
            "invalid_comment",
            messages.EMPTY_COMMENT,
            id="invisible",
        ),
        # The API's request validation refuses it before the core sees it.
        pytest.param(
            '{"text": "merhaba \\ud83d"}', "invalid_request", "vekil karakter", id="lone surrogate"
        ),
    ],
)
def test_the_api_refuses_what_no_reader_could_see_or_no_page_could_hold(
    make_client: Any, body: str, code: str, message: str
) -> None:
    from suzgec.web.demo import DEMO_SLUG

    client = make_client()
    r = client.post(
        f"/api/articles/{DEMO_SLUG}/comments",
        content=body.encode("ascii"),
        headers={"Content-Type": "application/json"},
    )
    assert r.status_code == 422, r.text
    assert r.json()["error"]["code"] == code
    assert message in r.json()["error"]["message"]
    # Nothing was stored: a lone surrogate once reached the database and failed there (500).
    assert client.get(f"/api/articles/{DEMO_SLUG}/comments").json()["total"] == 0
