"""SHA-256 of the generated text data files, in data/MANIFEST.json, checked as each is loaded.

A damaged or half-written word list would otherwise load and quietly find fewer mistakes
under the same version. Only the files a training command writes are listed; the
hand-written table `spelling_corrections.tsv` is source, reviewed in diffs like the code.
After regenerating a data file, `python -m suzgec.text.manifest` rewrites the manifest.
Hashing the few MB once per process costs milliseconds.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import sys
import zlib
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable

from suzgec import messages
from suzgec.errors import ModelError

MANIFEST = "MANIFEST.json"
# Written by `python -m suzgec.training.diacritics`, `… .training.spelling_lexicon` and
# `… .training.foreign_words`.
ARTIFACTS = (
    "diacritics.json.gz",
    "foreign_words.txt.gz",
    "spelling_bigrams.tsv.gz",
    "spelling_lexicon.tsv.gz",
    "spelling_proper.txt.gz",
    "spelling_suffixes.txt",
)


def _file(name: str) -> Traversable:
    return resources.files("suzgec.text").joinpath("data", name)


def _read(ref: Traversable) -> bytes:
    try:
        return ref.read_bytes()
    except FileNotFoundError:
        raise ModelError(
            messages.MODEL_MISSING.format(path=ref, fix=messages.FIX_MANIFEST)
        ) from None
    except OSError as exc:
        reason = type(exc).__name__
        fix = messages.FIX_MANIFEST
        raise ModelError(
            messages.MODEL_UNREADABLE.format(path=ref, reason=reason, fix=fix)
        ) from None


@cache
def expected() -> dict[str, str]:
    """File name → SHA-256 hex digest, as the manifest records them."""
    ref = _file(MANIFEST)
    try:
        digests = json.loads(_read(ref).decode("utf-8"))["sha256"]
        if not isinstance(digests, dict):
            raise TypeError
    except (ValueError, KeyError, TypeError) as exc:  # JSONDecodeError, UnicodeDecodeError too
        reason = type(exc).__name__
        fix = messages.FIX_MANIFEST
        raise ModelError(messages.MODEL_BAD_JSON.format(path=ref, reason=reason, fix=fix)) from None
    return {str(k): str(v) for k, v in digests.items()}


def data_bytes(name: str) -> bytes:
    """The bytes of data file `name`; an artifact's must hash to what the manifest says."""
    ref = _file(name)
    raw = _read(ref)
    if name in ARTIFACTS and hashlib.sha256(raw).hexdigest() != expected().get(name):
        card = _file(MANIFEST)
        fix = messages.FIX_MANIFEST
        raise ModelError(messages.MODEL_HASH_MISMATCH.format(path=ref, card=card, fix=fix))
    return raw


def data_text(name: str) -> str:
    """Data file `name` as text, gunzipped when it ends in .gz; unreadable → ModelError."""
    raw = data_bytes(name)
    try:
        if name.endswith(".gz"):
            raw = gzip.decompress(raw)
        return raw.decode("utf-8")
    except (OSError, EOFError, zlib.error, UnicodeDecodeError) as exc:  # BadGzipFile: OSError
        reason = type(exc).__name__
        fix = messages.FIX_MANIFEST
        raise ModelError(
            messages.MODEL_UNREADABLE.format(path=_file(name), reason=reason, fix=fix)
        ) from None


def render() -> str:
    """The manifest for the data files as they are now."""
    digests = {name: hashlib.sha256(_file(name).read_bytes()).hexdigest() for name in ARTIFACTS}
    return json.dumps({"sha256": digests}, indent=2) + "\n"


def main() -> int:
    target = _file(MANIFEST)
    text = render()
    with open(str(target), "w", encoding="utf-8") as fh:
        fh.write(text)
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
