"""Does a comment carry a link? For the spam rule that holds comments with links.

Addresses with a scheme or "www." are what the tokenizer already calls URL tokens; a
bare domain ("ornek.com", "kisa.ly/abc", "site.com.tr") is a dotted name ending in a
common web domain. The list is short on purpose: a sentence typed without a space after
its full stop ("geldi.ama") must not count as a link.
"""

from __future__ import annotations

import re

from suzgec.text.tokenize import Kind, tokenize

_DOMAINS = (
    "com|net|org|info|biz|io|co|me|tv|app|dev|xyz|site|online|shop|club|top|link|live"
    "|ly|gl|to|ru|de|uk|eu|us|tr"
)
# A name of ASCII letters, digits and hyphens, dotted, ending in one of the domains (and
# an optional .tr), not followed by more letters: "ornek.com", "haber.com.tr/x".
_BARE = re.compile(
    rf"(?<![\w@.])[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9-]+)*\.(?:{_DOMAINS})(?:\.tr)?"
    r"(?![\w@])",
    re.IGNORECASE,
)


def has_link(text: str) -> bool:
    """True if the text holds a web address: http(s)://…, www.… or a bare domain."""
    if any(t.kind is Kind.URL for t in tokenize(text)):
        return True
    return _BARE.search(text) is not None
