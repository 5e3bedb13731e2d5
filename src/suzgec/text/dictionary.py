"""The Turkish Hunspell dictionary, as a second opinion on whether a word exists.

Our own lexicon (UD train words, wordfreq, stem + suffix chain) does not know many rare but
correct words ("iktifa", "tasrih", "avrat"), and the typo search then "corrects" them into a
frequent neighbour. Hunspell's Turkish dictionary models Turkish inflection with affix rules
and knows them (benchmarks/form.py: most typo guesses on correct UD dev sentences were words
it knows), so it vetoes such guesses. Not knowing a word is no typo by itself: alone it
rejects 1–2 % of correct lower-case words, which would flag too many good comments. It does
supply a correction for a word nobody knows when it knows exactly one word one edit away
(`known_among`; docs/decisions/0008-turkish-dictionary.md).

The dictionary is LibreOffice's Turkish one (Harun Reşit Zafer, MPL-2.0), read at run time
from the system (Debian's `hunspell-tr`: `make install` sets it up) and never copied here; the
`chunspell` binding bundles the Hunspell library. Where either is missing the checker works
without the veto and says so in its version string, which every decision records.

Loading takes about 0.8 s of CPU, so it happens on the first question, or earlier in a
background thread where a long-running process asks for it (`preload`: the web app does at
start-up); a one-off `suzgec check` whose comment raises no doubt never loads it.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import threading
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from suzgec.config import HUNSPELL_DIR_ENV
from suzgec.text.bounds import word_cache

log = logging.getLogger(__name__)

LANGUAGE = "tr_TR"
# Where Debian (and most distributions) install Hunspell dictionaries.
SEARCH_DIRS = ("/usr/share/hunspell", "/usr/share/myspell", "/usr/share/myspell/dicts")
ENV_DIR = HUNSPELL_DIR_ENV


def find_dictionary(directories: tuple[str, ...] | None = None) -> Path | None:
    """The folder holding tr_TR.aff and tr_TR.dic: $SUZGEC_HUNSPELL_DIR, else the usual ones."""
    if directories is None:
        env = os.environ.get(ENV_DIR)
        directories = (env,) if env else SEARCH_DIRS
    for d in directories:
        folder = Path(d)
        if (folder / f"{LANGUAGE}.dic").is_file() and (folder / f"{LANGUAGE}.aff").is_file():
            return folder
    return None


class Dictionary:
    """`knows(word)`: whether Hunspell accepts the word as written (case matters: "ankara"
    is not a word, "Ankara" is). Always False when no dictionary could be loaded."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self._speller: Any = None
        # Hunspell's answer per word, bounded: several checks ask about the same words.
        self._spell = word_cache(maxsize=1 << 15)(self._ask)
        self._ready = threading.Event()
        self._started = False
        self._start_lock = threading.Lock()
        # Hunspell objects are not documented as thread-safe; calls take microseconds.
        self._lock = threading.Lock()
        # Decided without loading, so a version string costs nothing.
        self.planned = folder is not None and importlib.util.find_spec("hunspell") is not None
        if not self.planned:
            self._ready.set()

    def preload(self) -> None:
        """Start loading in a background thread (about 0.8 s of CPU for the Turkish files).
        Servers call it at start-up; a one-off `suzgec check` never does, and loads the
        dictionary only if a comment raises a doubt that needs it."""
        with self._start_lock:
            if self._started or self._ready.is_set():
                return
            self._started = True
        threading.Thread(target=self._load, name="hunspell-load", daemon=True).start()

    def _load(self) -> None:
        try:
            from hunspell import Hunspell

            self._speller = Hunspell(LANGUAGE, hunspell_data_dir=str(self.folder))
        except Exception as exc:
            log.warning("Hunspell sözlüğü yüklenemedi (%s): yazım denetimi onsuz çalışıyor", exc)
        finally:
            self._ready.set()

    @property
    def available(self) -> bool:
        if not self._ready.is_set():
            self.preload()
            self._ready.wait()
        return self._speller is not None

    @property
    def version(self) -> str:
        return "hunspell-tr" if self.planned else "no-dictionary"

    def knows(self, word: str) -> bool:
        if not word or not self.available:
            return False
        return self._spell(word)

    def known_among(self, words: Iterable[str]) -> list[str]:
        """The words Hunspell accepts, in their order, asked under one lock and not cached
        (a typo's one-edit neighbours: hundreds of strings, each asked once)."""
        if not self.available:
            return []
        with self._lock:
            spell = self._speller.spell
            return [w for w in words if spell(w)]

    def _ask(self, word: str) -> bool:
        with self._lock:
            return bool(self._speller.spell(word))


@cache
def default_dictionary() -> Dictionary:
    folder = find_dictionary()
    if folder is None:
        log.warning(
            "Türkçe Hunspell sözlüğü bulunamadı (%s ya da %s): yazım denetimi onsuz çalışıyor; "
            "Debian'da: apt-get install hunspell-tr",
            ENV_DIR,
            ", ".join(SEARCH_DIRS),
        )
    return Dictionary(folder)
