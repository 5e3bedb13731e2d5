"""Train the word CNN (`cnn.py`) that the content model's binary head is averaged with.

    python -m suzgec.classifier.train --data ../shared/data --cnn \
        --out src/suzgec/classifier/data/content-2.1.0

Needs torch at training time only (`pip install 'suzgec[cnn]'`); serving runs the
network with numpy. The recipe is the one measured in experiments/cnn/ ("CNN small"): word
vectors of 32 floats from 2^14 word and 2^15 character-n-gram buckets, windows of 1–4 words
with 128 filters each, a hidden layer of 128, dropout 0.2 on the input and 0.3 after.
Three epochs, Adam (2e-3) for the dense layers and sparse Adam (5e-3) for the embeddings,
both decayed linearly to a tenth. The loss weighs rows like the linear heads (a source's
total weight ∝ √rows, UD × 0.25). The epoch kept is the one with the best mean macro-F1 of
the four scored sources on a seeded tenth of the training rows held out from the network's
fit (`HOLD_SEED`); the dev split is not used here.

One torch thread: the result then does not depend on the machine's core count.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from suzgec import messages
from suzgec.classifier import features as F
from suzgec.classifier import sources as S
from suzgec.classifier.cnn import IDS_PER_WORD, bucket_ids, network_forms
from suzgec.metrics import best_mean_point

HOLD_SEED = "cnn-hold-1"
HOLD_FRACTION = 0.10
# The share of the network's logit in the binary head's (model.ContentModel): chosen in
# experiments/cnn/ on the held-out tenth of the training rows, with the linear head refit
# without it (0.40 for this recipe; 0.35–0.45 for the others measured).
ENSEMBLE_WEIGHT = 0.40


@dataclass(frozen=True)
class Recipe:
    d: int = 32
    word_bits: int = 14
    char_bits: int = 15
    widths: tuple[int, ...] = (1, 2, 3, 4)
    filters: int = 128
    hidden: int = 128
    maxlen: int = 80
    epochs: int = 3
    batch: int = 128
    lr: float = 2e-3
    emb_lr: float = 5e-3
    seed: int = 0


def _torch() -> Any:
    try:
        import torch
    except ImportError:
        raise SystemExit(messages.CNN_NEEDS_TORCH) from None
    return torch


class _Encoder:
    """Unit forms → one padded row of bucket ids per distinct form; texts → form indices."""

    def __init__(self, recipe: Recipe) -> None:
        self.recipe = recipe
        self.buckets = (1 << recipe.word_bits) + (1 << recipe.char_bits)
        self.index: dict[str, int] = {}
        self.rows: list[list[int]] = []

    def encode(self, texts: Sequence[str]) -> list[np.ndarray]:
        out = []
        for text in texts:
            idx = []
            for form in network_forms(text, F.units(text))[: self.recipe.maxlen]:
                i = self.index.get(form)
                if i is None:
                    i = self.index[form] = len(self.rows)
                    self.rows.append(bucket_ids(form, self.recipe.word_bits, self.recipe.char_bits))
                idx.append(i)
            out.append(np.array(idx, dtype=np.int64))
        return out

    def table(self) -> np.ndarray:
        """(forms × IDS_PER_WORD) bucket ids, padded with the padding bucket (`buckets`)."""
        t = np.full((len(self.rows), IDS_PER_WORD), self.buckets, dtype=np.int64)
        for i, row in enumerate(self.rows):
            t[i, : len(row)] = row
        return t


def _network(torch: Any, recipe: Recipe, buckets: int) -> Any:
    nn = torch.nn

    class Net(nn.Module):  # type: ignore[misc, name-defined]
        def __init__(self) -> None:
            super().__init__()
            self.emb = nn.EmbeddingBag(
                buckets + 1, recipe.d, mode="mean", sparse=True, padding_idx=buckets
            )
            nn.init.normal_(self.emb.weight, 0, 0.1)
            with torch.no_grad():
                self.emb.weight[buckets].zero_()
            convs = (nn.Conv1d(recipe.d, recipe.filters, k) for k in recipe.widths)
            self.convs = nn.ModuleList(convs)
            self.hid = nn.Linear(recipe.filters * len(recipe.widths), recipe.hidden)
            self.out = nn.Linear(recipe.hidden, 1)
            self.drop_in = nn.Dropout(0.2)
            self.drop = nn.Dropout(0.3)

        def forward(self, form_ids: Any, seq: Any, lens: Any) -> Any:
            # form_ids (U, W): the batch's distinct forms; seq (B, L): indices into them,
            # -1 for padding; lens (B,): true lengths, at least 1.
            wv = self.emb(form_ids)
            wv = torch.cat([wv, wv.new_zeros(1, wv.shape[1])])  # last row: padding
            x = wv[torch.where(seq < 0, wv.shape[0] - 1, seq)]
            x = self.drop_in(x).transpose(1, 2)
            length = x.shape[2]
            pooled = []
            for k, conv in zip(recipe.widths, self.convs, strict=True):
                h = torch.relu(conv(x))
                positions = torch.arange(length - k + 1)[None, :]
                valid = positions < torch.clamp(lens - k + 1, min=1)[:, None]
                # After ReLU every value is ≥ 0, so a masked 0 never wins a max wrongly.
                pooled.append(h.masked_fill(~valid[:, None, :], 0.0).max(dim=2).values)
            z = torch.relu(self.hid(self.drop(torch.cat(pooled, 1))))
            return self.out(self.drop(z)).squeeze(1)

    return Net()


def _batch(torch: Any, seqs: Sequence[np.ndarray], table: np.ndarray, min_len: int) -> Any:
    lens = np.array([max(len(s), 1) for s in seqs])
    width = max(int(lens.max()), min_len)
    every = np.concatenate([s for s in seqs if len(s)] or [np.zeros(0, np.int64)])
    distinct, inverse = np.unique(every, return_inverse=True)
    seq = np.full((len(seqs), width), -1, dtype=np.int64)
    at = 0
    for b, s in enumerate(seqs):
        seq[b, : len(s)] = inverse[at : at + len(s)]
        at += len(s)
    if len(distinct) == 0:
        distinct = np.zeros(1, np.int64)
    return torch.from_numpy(table[distinct]), torch.from_numpy(seq), torch.from_numpy(lens)


def _predict(torch: Any, net: Any, seqs: Sequence[np.ndarray], table: np.ndarray, min_len: int):
    net.eval()
    order = np.argsort([len(s) for s in seqs])
    z = np.zeros(len(seqs), dtype=np.float32)
    with torch.no_grad():
        for i in range(0, len(seqs), 512):
            idx = order[i : i + 512]
            z[idx] = net(*_batch(torch, [seqs[j] for j in idx], table, min_len)).numpy()
    net.train()
    return z


def _hold_quality(y: np.ndarray, z: np.ndarray, sources: np.ndarray) -> float:
    """The best mean macro-F1 of the scored sources over one global threshold."""
    names = [s for s in S.SCORED if (sources == s).any()]
    return best_mean_point(1 / (1 + np.exp(-z)), y, sources, names)[1] if names else 0.0


def train(
    rows: Sequence[S.Row],
    weigh: Callable[[list[str]], np.ndarray],
    recipe: Recipe = Recipe(),
    *,
    log: bool = True,
) -> dict:
    """Fit the network on `rows` less a held-out tenth; return the arrays `cnn.WordCNN`
    reads, and what the card records. `weigh`: the rows' sources → their loss weights (the
    linear heads' `train.source_weights`)."""
    torch = _torch()
    torch.set_num_threads(1)
    torch.manual_seed(recipe.seed)
    rng = np.random.default_rng(recipe.seed)
    fit: list[S.Row] = []
    hold: list[S.Row] = []
    for name in sorted({r.source for r in rows}):
        a, b = S.carve([r for r in rows if r.source == name], HOLD_SEED, HOLD_FRACTION)
        fit.extend(a)
        hold.extend(b)
    t0 = time.perf_counter()
    enc = _Encoder(recipe)
    fit_seqs, hold_seqs = enc.encode([r.text for r in fit]), enc.encode([r.text for r in hold])
    table = enc.table()
    y = torch.from_numpy(np.array([r.offensive for r in fit], dtype=np.float32))
    w = torch.from_numpy(np.asarray(weigh([r.source for r in fit]), dtype=np.float32))
    hold_y = np.array([r.offensive for r in hold])
    hold_src = np.array([r.source for r in hold])
    net = _network(torch, recipe, enc.buckets)
    dense = [p for n, p in net.named_parameters() if not n.startswith("emb.")]
    opt = torch.optim.Adam(dense, lr=recipe.lr)
    opt_emb = torch.optim.SparseAdam(list(net.emb.parameters()), lr=recipe.emb_lr)
    loss_of = torch.nn.BCEWithLogitsLoss(reduction="none")
    min_len = max(recipe.widths)
    lengths = np.array([len(s) for s in fit_seqs])
    n = len(fit_seqs)
    total = ((n + recipe.batch - 1) // recipe.batch) * recipe.epochs
    step = 0
    best: tuple[float, dict | None, int] = (-1.0, None, 0)
    epochs = []
    for epoch in range(recipe.epochs):
        # Batches of similar lengths (less padding): sorted within chunks of 50 batches.
        perm = rng.permutation(n)
        chunk = recipe.batch * 50
        batches: list[np.ndarray] = []
        for c in range(0, n, chunk):
            part = perm[c : c + chunk]
            part = part[np.argsort(lengths[part], kind="stable")]
            batches.extend(part[i : i + recipe.batch] for i in range(0, len(part), recipe.batch))
        rng.shuffle(batches)
        for rows_of_batch in batches:
            frac = 1.0 - 0.9 * step / total
            for g in opt.param_groups:
                g["lr"] = recipe.lr * frac
            for g in opt_emb.param_groups:
                g["lr"] = recipe.emb_lr * frac
            z = net(*_batch(torch, [fit_seqs[j] for j in rows_of_batch], table, min_len))
            loss = (loss_of(z, y[rows_of_batch]) * w[rows_of_batch]).mean()
            opt.zero_grad()
            opt_emb.zero_grad()
            loss.backward()
            opt.step()
            opt_emb.step()
            step += 1
        quality = _hold_quality(hold_y, _predict(torch, net, hold_seqs, table, min_len), hold_src)
        epochs.append({"epoch": epoch + 1, "hold_mean_macro_f1": round(quality, 4)})
        if log:
            print(f"cnn epoch {epoch + 1}: hold mean macro-F1 {quality:.4f}", file=sys.stderr)
        if quality > best[0]:
            state = {k: v.detach().clone() for k, v in net.state_dict().items()}
            best = (quality, state, epoch + 1)
    assert best[1] is not None
    sd = best[1]
    arrays = {
        "emb": sd["emb.weight"].numpy()[: enc.buckets].astype(np.float16),
        **{f"conv{k}_w": sd[f"convs.{i}.weight"].numpy() for i, k in enumerate(recipe.widths)},
        **{f"conv{k}_b": sd[f"convs.{i}.bias"].numpy() for i, k in enumerate(recipe.widths)},
        "hid_w": sd["hid.weight"].numpy(),
        "hid_b": sd["hid.bias"].numpy(),
        "out_w": sd["out.weight"].numpy(),
        "out_b": sd["out.bias"].numpy(),
        "widths": np.array(recipe.widths),
        "bits": np.array([recipe.word_bits, recipe.char_bits]),
        "maxlen": np.array(recipe.maxlen),
    }
    info = {
        "recipe": {k: list(v) if isinstance(v, tuple) else v for k, v in recipe.__dict__.items()},
        "fit_rows": len(fit),
        "hold_rows": len(hold),
        "hold_seed": HOLD_SEED,
        "epochs": epochs,
        "best_epoch": best[2],
        "train_seconds": round(time.perf_counter() - t0),
        "torch": str(torch.__version__),
    }
    return {"arrays": arrays, "info": info}


def export(trained: dict, out: Path) -> Path:
    """Write `<out>-cnn.npz` beside the linear artifact; the card names it (train.main)."""
    path = out.with_name(out.name + "-cnn.npz")
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(path, **trained["arrays"])
    return path
