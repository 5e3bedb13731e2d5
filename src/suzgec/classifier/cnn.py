"""A small convolutional network over the comment's words, served with numpy only.

The content model's binary head (`offensive_any`) averages its logit with this network's
(`ContentModel`, the card's `cnn` entry). The linear head sees words and n-grams without
their order beyond bigrams; the network reads windows of one to four words. Alone it is no
better than the linear head, but the two err differently, and their average raised the
mean dev macro-F1 of the four sources (docs/models/content.md, experiments/cnn/).

Input: the same units as the linear model (`features.units`: folded, asciified words),
less the lexicon's innocent look-alikes (`network_forms`).
Each word's vector is the mean of the embeddings of its own feature ids (the word id and
its character 1–5-grams, `features.unit_features`), folded into two smaller tables, so a
misspelt or unseen word still gets a vector from its pieces. Then, per window width k,
filters over k consecutive word vectors (ReLU, max over positions), one hidden layer
(ReLU) and one logit. Trained by `classifier/train_cnn.py` (torch, at training only).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

import numpy as np
from threadpoolctl import threadpool_limits

from suzgec.classifier import features as F
from suzgec.classifier.artifact import checked_arrays, unreadable
from suzgec.lexicon.matcher import is_allowed
from suzgec.text.bounds import word_cache

# Feature ids kept per word: a word's ids are its word id then its character n-grams, so a
# word of more than ~20 letters loses only its last n-grams.
IDS_PER_WORD = 64
# Arrays every network file has; the filters `conv{k}_w`/`conv{k}_b` follow `widths`.
NETWORK_ARRAYS = ("emb", "widths", "bits", "maxlen", "hid_w", "hid_b", "out_w", "out_b")


def network_forms(text: str, units: Sequence[F.Unit]) -> list[str]:
    """The unit forms the network reads: every unit but the lexicon's innocent look-alikes
    (sikke, amca, şikayet; `lexicon.matcher.is_allowed`). Their character n-grams are those
    of swear words, so with them the network rejected "Eski bir sikke koleksiyonu müzeye
    bağışlandı." The same in training (train_cnn) and serving."""
    return [u.form for u in units if not is_allowed(text[u.start : u.end])]


def bucket_ids(form: str, word_bits: int, char_bits: int) -> list[int]:
    """A unit's feature ids folded into the network's tables: word ids into [0, 2^word_bits),
    character n-grams into the 2^char_bits rows after them. Training uses the same."""
    word_mask, char_mask = (1 << word_bits) - 1, (1 << char_bits) - 1
    base = 1 << word_bits
    ids = F.unit_features(form)[:IDS_PER_WORD]
    return [i & word_mask if i < F.WORD_DIM else base + (i & char_mask) for i in ids]


@cache
def one_blas_thread() -> None:
    """Limit numpy's BLAS to one thread in this process, once.

    The network multiplies small matrices for one comment at a time, which a second BLAS
    thread does not speed up; and OpenBLAS's idle threads spin while they wait for work,
    so each moderating process burned a second core beside its own (`python -m
    benchmarks.throughput`: 161 comments per CPU second with numpy's default of one
    thread per core on 2 cores, 289 with one)."""
    threadpool_limits(limits=1, user_api="blas")


class WordCNN:
    """The forward pass. Arrays as `train_cnn.export` writes them: `emb` (buckets × d),
    per width k `conv{k}_w` (filters × d × k, as torch stores them) and `conv{k}_b`,
    `hid_w`/`hid_b`, `out_w`/`out_b`, and `widths`, `bits`, `maxlen`."""

    def __init__(self, arrays: dict[str, np.ndarray]) -> None:
        one_blas_thread()
        self.emb = arrays["emb"].astype(np.float32)
        self.d = int(self.emb.shape[1])
        self.widths = [int(k) for k in arrays["widths"]]
        self.word_bits, self.char_bits = (int(b) for b in arrays["bits"])
        self.maxlen = int(arrays["maxlen"])
        # A window [x_i; …; x_{i+k-1}] times one (k·d × filters) matrix: torch's (F, d, k)
        # weight turned so that the window's rows, laid end to end, meet it.
        self.conv = []
        for k in self.widths:
            w = arrays[f"conv{k}_w"].astype(np.float32)
            self.conv.append((w.transpose(2, 1, 0).reshape(k * self.d, -1), arrays[f"conv{k}_b"]))
        self.hid_w = arrays["hid_w"].astype(np.float32).T.copy()
        self.hid_b = arrays["hid_b"].astype(np.float32)
        self.out_w = arrays["out_w"].astype(np.float32).ravel()
        self.out_b = float(arrays["out_b"].ravel()[0])
        self._kmax = max(self.widths)
        # Per word form (forms repeat): 32 floats a form, bounded.
        self.vector = word_cache(maxsize=1 << 15)(self._vector)
        # The last comment's forms and logit, in one tuple (swapped whole, so threads never
        # see a key with another comment's value): a suggestion is moderated right after
        # its comment, and restoring letters or case leaves the folded forms as they were.
        self._last: tuple[tuple[str, ...], float] = ((), 0.0)

    @classmethod
    def from_bytes(cls, raw: bytes, path: object, fix: str) -> WordCNN:
        """From the npz's bytes (already checked against the card's hash); a file that does
        not unpack, lacks a width's filters or holds no finite, trained weights is a
        ModelError naming it (`artifact.checked_arrays`)."""
        arrays = checked_arrays(raw, path, fix, required=NETWORK_ARRAYS, trained="out_w")
        try:
            return cls(arrays)
        except (KeyError, ValueError) as exc:
            raise unreadable(path, exc, fix) from None

    def _vector(self, form: str) -> np.ndarray:
        return self.emb[bucket_ids(form, self.word_bits, self.char_bits)].mean(axis=0)

    def logit(self, forms: Sequence[str]) -> float:
        """The network's logit for a comment's unit forms (only the first `maxlen` count,
        as in training: the cost per comment is bounded)."""
        key = tuple(forms[: self.maxlen])
        last = self._last
        if last[0] == key and key:
            return last[1]
        z = self._logit(key)
        self._last = (key, z)
        return z

    def _logit(self, forms: tuple[str, ...]) -> float:
        n = len(forms)
        # At least as many rows as the widest window; padding rows are zero vectors.
        x = np.zeros((max(n, self._kmax), self.d), dtype=np.float32)
        for i, form in enumerate(forms):
            x[i] = self.vector(form)
        pooled = []
        for k, (w, b) in zip(self.widths, self.conv, strict=True):
            m = max(n - k + 1, 1)
            windows = np.lib.stride_tricks.sliding_window_view(x, (k, self.d))[:m, 0]
            pooled.append(np.maximum((windows.reshape(m, -1) @ w).max(axis=0) + b, 0.0))
        hidden = np.maximum(np.concatenate(pooled) @ self.hid_w + self.hid_b, 0.0)
        return float(hidden @ self.out_w + self.out_b)
