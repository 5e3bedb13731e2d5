"""Bounds that keep the work per comment linear and memory bounded on adversarial input.

A comment may hold a single "word" of thousands of letters (keyboard noise, or an attack).
Per-word steps whose cost grows faster than the word's length skip such a word, and the
per-word caches do not keep it: they are bounded by entries, so a few thousand distinct long
words would otherwise hold gigabytes (one cached n-gram tuple of a 5,000-letter word is 1 MB).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache, wraps
from typing import ParamSpec, TypeVar

# More letters than any word people write (the longest in the spelling lexicon has 27).
LONGEST_WORD = 40

# Longer than any letter run in the word lists (the longest: "aaaaaaaa"), even across a stem
# and its suffix.
LONGEST_RUN = 12
_LONG_RUNS = re.compile(rf"(.)\1{{{LONGEST_RUN},}}")


def shorten_runs(word: str) -> str:
    """Letter runs cut to LONGEST_RUN: a stretched word ("yaaaa…aa") is a real word however
    long, and no list or rule tells a run of 12 from a longer one."""
    return _LONG_RUNS.sub(lambda m: m.group(1) * LONGEST_RUN, word)


def is_noise(word: str) -> bool:
    """Longer than any real word even with its letter runs shortened: keyboard noise or an
    attack, which per-word steps costlier than linear skip."""
    return len(word) > LONGEST_WORD and len(shorten_runs(word)) > LONGEST_WORD


P = ParamSpec("P")
R = TypeVar("R")


def word_cache(maxsize: int) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """`functools.lru_cache` for a function whose last positional argument is a word, except
    that words longer than LONGEST_WORD are computed without being cached (they do not repeat
    in real text). Calls with keyword arguments are not cached either."""

    def decorate(fn: Callable[P, R]) -> Callable[P, R]:
        cached = lru_cache(maxsize=maxsize)(fn)

        @wraps(fn)
        def call(*args: P.args, **kwargs: P.kwargs) -> R:
            word = args[-1] if args else None
            if kwargs or (isinstance(word, str) and len(word) > LONGEST_WORD):
                return fn(*args, **kwargs)
            return cached(*args)

        call.cache_info = cached.cache_info  # type: ignore[attr-defined]
        call.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
        return call

    return decorate
