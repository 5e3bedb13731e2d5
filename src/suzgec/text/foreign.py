"""Tokens that are not Turkish words, which the form clauses must leave as written.

A spelling fix, a restored Turkish letter or a Turkish re-casing is only right for a Turkish
word: "href" is no typo of "ref", "OR" no "ÖR" without its dots, and "WINDOWS" lower-cased by
Turkish rules becomes "wındows". A token is not a Turkish word when

* it is no word token at all: URLs, e-mail addresses, @mentions, #hashtags, numbers;
* it sits in markup, code or an address: the run of text between spaces around it holds
  a character Turkish prose never puts inside a word (``< > = { } [ ] \\ | _ ^ &``), "://",
  or a dotted name ending in a web domain or a file type ("ornek.com/cok-guzel",
  "ayarlar.yaml"), so "<a", "href=x>comments</a>" and "id=1" are left alone;
* it has a letter outside the Turkish alphabet (q, w, x, é, ß, Cyrillic …);
* its case is mixed inside the word (iPhone, YouTube, McDonald): a name or an identifier;
* it has a letter pattern no Turkish word has (no word in the UD Turkish training text that
  is Turkish): a word-initial th or ph, "ght", "tion" or "ough" anywhere. Patterns that one
  slip of a finger makes out of a Turkish word ("shaat" for "saat", "vereck") are left out;
* it is a known foreign word: `data/foreign_words.txt.gz`, English words far more common in
  English than any Turkish word with the same ASCII letters is in Turkish ("the", "users",
  "comments", "or"). A word in capitals is looked up with I as i, too: "THIS", "WINDOWS".
  Words that lean English by less ("is", which is also "iş" typed without its letter; "best")
  count only beside a word that is not Turkish by the rules above, within the sentence: the
  language of the neighbours decides ("the job is done", "bu is zor"). Built from wordfreq by
  `python -m suzgec.training.foreign_words`; see docs/models/foreign_words.md.

Turkish words typed with an apostrophe suffix are judged by their stem ("iPhone'u").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache, lru_cache

from suzgec.text.casing import tr_lower
from suzgec.text.manifest import data_text
from suzgec.text.tokenize import APOSTROPHES, Kind, Token

ARTIFACT = "foreign_words.txt.gz"
# Letters of Turkish words (circumflex ones included: kâr, askerî).
_LOWER = "abcçdefgğhıijklmnoöprsştuüvyzâîû"
_UPPER = "ABCÇDEFGĞHIİJKLMNOÖPRSŞTUÜVYZÂÎÛ"
# A letter outside the Turkish alphabet, or a lower-case letter before a capital (mixed case).
_SHAPE = re.compile(rf"[^\W\d_{_LOWER}{_UPPER}]|[{_LOWER}][{_UPPER}]")
_APOSTROPHE = re.compile(f"[{APOSTROPHES}]")
_IMPOSSIBLE = re.compile(r"^(?:th|ph)|ght|tion|ough")
# Web domains and file types that end a dotted name in an address or a file name.
_ENDINGS = (
    "com|net|org|edu|gov|info|biz|io|tv|app|dev|html?|php|aspx?|jsp|js|css|json|ya?ml|xml"
    "|csv|txt|pdf|docx?|xlsx?|pptx?|zip|rar|exe|py|jpe?g|png|gif|svg|mp[34]"
)
_CODE = re.compile(rf"[<>={{}}\[\]\\|_^&]|://|\w\.(?:{_ENDINGS})(?![^\W\d_])", re.IGNORECASE)
_CHUNK = re.compile(r"\S+")
# An HTML or XML tag (or comment): what it holds is markup, what lies between tags is text.
_TAG = re.compile(r"</?[A-Za-z][^<>]{0,500}>|<!--.*?-->", re.DOTALL)
# A leaning word looks at its neighbours within the sentence only.
_SENTENCE_END = re.compile(r"[.!?…\n]")


@cache
def foreign_words() -> dict[str, str]:
    """The shipped list: lower-case ASCII word → "always" or "beside" (a foreign word)."""
    lines = data_text(ARTIFACT).splitlines()  # checked against data/MANIFEST.json
    return dict(line.split("\t", 1) for line in lines if line and not line.startswith("#"))


def _stem(word: str) -> str:
    return _APOSTROPHE.split(word, 1)[0]


@lru_cache(maxsize=1 << 16)
def is_foreign_word(word: str) -> bool:
    """Is this word, taken alone, no Turkish word (see the module docstring)?"""
    stem = _stem(word)
    if _SHAPE.search(stem):
        return True
    return any(
        _IMPOSSIBLE.search(low) is not None or foreign_words().get(low) == "always"
        for low in _lower_forms(stem)
    )


@lru_cache(maxsize=1 << 15)
def leans_foreign(word: str) -> bool:
    """A word that is foreign beside a foreign word ("is" in "the job is done")."""
    return any(foreign_words().get(low) == "beside" for low in _lower_forms(_stem(word)))


def _lower_forms(stem: str) -> set[str]:
    """Turkish lower case, and for capitals also I read as i ("THIS" → "thıs", "this")."""
    lower = tr_lower(stem)
    return {lower, tr_lower(stem.replace("I", "İ"))} if "I" in stem else {lower}


def not_turkish(text: str, tokens: Sequence[Token]) -> list[bool]:
    """Per token of `text` (in order): True when it is not a Turkish word a form fix may touch."""
    code = _code_spans(text) if _CODE.search(text) or _TAG.search(text) else []
    # Prose only, the common case, walks no spans.
    inside = _in_spans(code, tokens) if code else [False] * len(tokens)
    out = [
        tok.kind is not Kind.WORD or in_code or is_foreign_word(tok.text)
        for tok, in_code in zip(tokens, inside, strict=True)
    ]
    # A word that only leans foreign takes the language of a foreign neighbour word.
    words = [i for i, t in enumerate(tokens) if t.kind is Kind.WORD]
    strong = {i for i in words if out[i]}  # by the rules above: no chains of leaning words
    for k, here in enumerate(words):
        if out[here] or not leans_foreign(tokens[here].text):
            continue
        for other in words[max(0, k - 1) : k + 2]:
            if other != here and other in strong:
                a, b = sorted((here, other))
                if not _SENTENCE_END.search(text, tokens[a].end, tokens[b].start):
                    out[here] = True
    return out


def _in_spans(spans: list[tuple[int, int]], tokens: Sequence[Token]) -> list[bool]:
    """Per token: whether it overlaps one of `spans` (sorted, as `_code_spans` gives them)."""
    out = []
    i = 0
    for tok in tokens:
        while i < len(spans) and spans[i][1] <= tok.start:
            i += 1
        out.append(i < len(spans) and spans[i][0] < tok.end)
    return out


def _code_spans(text: str) -> list[tuple[int, int]]:
    """Spans of markup tags and of space-separated runs that hold code or an address, in order.
    Tags are cut out first, so the text between them ("<b>cok guzel</b>") is still prose."""
    spans = [(m.start(), m.end()) for m in _TAG.finditer(text)]
    rest = _TAG.sub(lambda m: " " * len(m.group()), text) if spans else text
    spans += [(m.start(), m.end()) for m in _CHUNK.finditer(rest) if _CODE.search(m.group())]
    return sorted(spans)
