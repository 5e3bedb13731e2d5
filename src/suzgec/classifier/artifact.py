"""Unpacking a trained artifact's arrays, refused when they cannot be a trained model.

Both the linear heads (`model.ContentModel`) and the word network (`cnn.WordCNN`) are
numpy `.npz` files whose bytes the caller has read and checked against the card's hash.
A file that does not unpack, misses an array, holds weights that are not finite, or whose
weights are all zero (which would score every comment as clean under the same version) is a
ModelError that names the file and says what to do (`fix`).
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Sequence

import numpy as np

from suzgec import messages
from suzgec.errors import ModelError

# What a torn, truncated or foreign file raises while numpy unpacks it.
UNPACK_ERRORS = (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile, zlib.error)


def unreadable(path: object, exc: BaseException, fix: str) -> ModelError:
    return ModelError(
        messages.MODEL_UNREADABLE.format(path=path, reason=type(exc).__name__, fix=fix)
    )


def checked_arrays(
    raw: bytes, path: object, fix: str, *, required: Sequence[str], trained: str
) -> dict[str, np.ndarray]:
    """Every array of the npz `raw` (read from `path`), as stored. `required` must all be
    there; `trained` is the array that is all zero when nothing was learnt."""
    try:
        with np.load(io.BytesIO(raw)) as z:
            arrays = {name: z[name] for name in z.files}
    except UNPACK_ERRORS as exc:
        raise unreadable(path, exc, fix) from None
    missing = [name for name in required if name not in arrays]
    if missing:
        raise unreadable(path, KeyError(missing[0]), fix)
    if not all(np.isfinite(a).all() for a in arrays.values() if a.dtype.kind == "f"):
        raise ModelError(messages.MODEL_NOT_FINITE.format(path=path, fix=fix))
    if not arrays[trained].any():
        raise ModelError(messages.MODEL_ALL_ZERO.format(path=path, fix=fix))
    return arrays
