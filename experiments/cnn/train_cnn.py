"""A small CNN over the project's normalised words, each word embedded from its own hashed
subword ids (the word id and its character 1–5-grams, `features.unit_features`, folded into
smaller tables), learnt here from the shared data only.

word vector = mean of its ids' embeddings (d) → conv widths 1-4 (F filters each, ReLU) over
the word sequence → max-pool → hidden layer (ReLU) → 1 logit. Trained on TRAIN minus the hold
part with BCE weighted like the shipped heads (source total ∝ √rows, UD × 0.25); the epoch
kept is the one with the best hold mean macro-F1. Writes out/cnn_<tag>.npz (numpy weights)
and adds z_cnn_<tag> to the hold and dev parts of out/cache.pkl's sibling out/z_cnn_<tag>.npz.
"""

from __future__ import annotations

import argparse
import json
import time

import numpy as np
import torch
from torch import nn

from common import OUT, best_threshold, cache, per_source, sigmoid
from suzgec.classifier import features as F
from suzgec.classifier.train import SOURCE_FACTOR, source_weights

torch.set_num_threads(1)
PAD_ID_WIDTH = 64  # ids kept per word (longer words lose their last n-grams)


def bucket_ids(form: str, word_bits: int, char_bits: int) -> np.ndarray:
    """The word's project feature ids folded into [0, 2^wb) (word) + [2^wb, 2^wb+2^cb) (chars)."""
    out = []
    wb, cb = 1 << word_bits, 1 << char_bits
    for i in F.unit_features(form):
        out.append(i & (wb - 1) if i < F.WORD_DIM else wb + (i & (cb - 1)))
    return np.array(out[:PAD_ID_WIDTH], dtype=np.int64)


class Net(nn.Module):
    def __init__(self, n_buckets: int, d: int, widths: tuple[int, ...], filters: int, hidden: int):
        super().__init__()
        self.pad = n_buckets
        self.emb = nn.EmbeddingBag(n_buckets + 1, d, mode="mean", sparse=True, padding_idx=n_buckets)
        nn.init.normal_(self.emb.weight, 0, 0.1)
        with torch.no_grad():
            self.emb.weight[n_buckets].zero_()
        self.widths = widths
        self.convs = nn.ModuleList(nn.Conv1d(d, filters, k) for k in widths)
        self.hid = nn.Linear(filters * len(widths), hidden)
        self.out = nn.Linear(hidden, 1)
        self.drop_in = nn.Dropout(0.2)
        self.drop = nn.Dropout(0.3)

    def forward(self, form_ids: torch.Tensor, seq: torch.Tensor, lens: torch.Tensor) -> torch.Tensor:
        # form_ids: (U, W) bucket ids of the batch's unique forms; seq: (B, L) indices into
        # them, -1 = padding; lens: (B,) true lengths (≥ 1).
        wv = self.emb(form_ids)  # (U, d)
        wv = torch.cat([wv, wv.new_zeros(1, wv.shape[1])])  # row U: padding vector
        x = wv[torch.where(seq < 0, wv.shape[0] - 1, seq)]  # (B, L, d)
        x = self.drop_in(x).transpose(1, 2)
        pooled = []
        L = x.shape[2]
        for k, conv in zip(self.widths, self.convs):
            h = torch.relu(conv(x))  # (B, F, L-k+1)
            valid = torch.arange(L - k + 1)[None, :] < torch.clamp(lens - k + 1, min=1)[:, None]
            h = h.masked_fill(~valid[:, None, :], 0.0)  # ReLU ≥ 0, so 0 never wins a max wrongly
            pooled.append(h.max(dim=2).values)
        z = torch.relu(self.hid(self.drop(torch.cat(pooled, 1))))
        return self.out(self.drop(z)).squeeze(1)


class GRUNet(Net):
    """Variant (--arch gru): the same subword word vectors → one bidirectional GRU layer →
    max-pool over time → hidden → 1 logit."""

    def __init__(self, n_buckets: int, d: int, widths: tuple[int, ...], filters: int, hidden: int):
        super().__init__(n_buckets, d, widths, filters, hidden)
        del self.convs
        self.gru = nn.GRU(d, filters, batch_first=True, bidirectional=True)
        self.hid = nn.Linear(2 * filters, hidden)

    def forward(self, form_ids: torch.Tensor, seq: torch.Tensor, lens: torch.Tensor) -> torch.Tensor:
        wv = self.emb(form_ids)
        wv = torch.cat([wv, wv.new_zeros(1, wv.shape[1])])
        x = self.drop_in(wv[torch.where(seq < 0, wv.shape[0] - 1, seq)])
        packed = nn.utils.rnn.pack_padded_sequence(x, lens, batch_first=True, enforce_sorted=False)
        h, _ = self.gru(packed)
        h, _ = nn.utils.rnn.pad_packed_sequence(h, batch_first=True, padding_value=-1e4)
        z = torch.relu(self.hid(self.drop(h.max(dim=1).values)))
        return self.out(self.drop(z)).squeeze(1)


class Encoder:
    """Forms → per-form padded id rows (cached), texts → sequences of form indices."""

    def __init__(self, word_bits: int, char_bits: int, maxlen: int):
        self.wb, self.cb, self.maxlen = word_bits, char_bits, maxlen
        self.n_buckets = (1 << word_bits) + (1 << char_bits)
        self.index: dict[str, int] = {}
        self.rows: list[np.ndarray] = []

    def idx(self, form: str) -> int:
        i = self.index.get(form)
        if i is None:
            i = self.index[form] = len(self.rows)
            self.rows.append(bucket_ids(form, self.wb, self.cb))
        return i

    def encode(self, forms_list: list[list[str]]) -> list[np.ndarray]:
        return [np.array([self.idx(f) for f in fs[: self.maxlen]], dtype=np.int64) for fs in forms_list]

    def table(self) -> np.ndarray:
        t = np.full((len(self.rows), PAD_ID_WIDTH), self.n_buckets, dtype=np.int64)
        for i, r in enumerate(self.rows):
            t[i, : len(r)] = r
        return t


def batch(seqs: list[np.ndarray], table: np.ndarray, min_len: int):
    lens = np.array([max(len(s), 1) for s in seqs])
    L = max(int(lens.max()), min_len)
    allf = np.concatenate([s for s in seqs if len(s)] or [np.zeros(0, np.int64)])
    uniq, inv = np.unique(allf, return_inverse=True)
    seq = np.full((len(seqs), L), -1, dtype=np.int64)
    pos = 0
    for b, s in enumerate(seqs):
        seq[b, : len(s)] = inv[pos : pos + len(s)]
        pos += len(s)
    if len(uniq) == 0:
        uniq = np.zeros(1, np.int64)
    return torch.from_numpy(table[uniq]), torch.from_numpy(seq), torch.from_numpy(lens)


def predict(net: Net, seqs: list[np.ndarray], table: np.ndarray, min_len: int, bs: int = 512) -> np.ndarray:
    net.eval()
    order = np.argsort([len(s) for s in seqs])
    z = np.zeros(len(seqs), dtype=np.float32)
    with torch.no_grad():
        for i in range(0, len(seqs), bs):
            idx = order[i : i + bs]
            z[idx] = net(*batch([seqs[j] for j in idx], table, min_len)).numpy()
    net.train()
    return z


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--tag", default="a")
    p.add_argument("--d", type=int, default=64)
    p.add_argument("--filters", type=int, default=128)
    p.add_argument("--hidden", type=int, default=128)
    p.add_argument("--widths", default="1,2,3,4")
    p.add_argument("--word-bits", type=int, default=15)
    p.add_argument("--char-bits", type=int, default=16)
    p.add_argument("--maxlen", type=int, default=80)
    p.add_argument("--epochs", type=int, default=8)
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--lr", type=float, default=2e-3)
    p.add_argument("--emb-lr", type=float, default=1e-2)
    p.add_argument("--minutes", type=float, default=22.0)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--arch", choices=("cnn", "gru"), default="cnn")
    args = p.parse_args()
    torch.manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)
    widths = tuple(int(w) for w in args.widths.split(","))
    t0 = time.perf_counter()
    data = cache()
    enc = Encoder(args.word_bits, args.char_bits, args.maxlen)
    seqs = {part: enc.encode(data[part]["forms"]) for part in ("fit", "hold", "dev")}
    table = enc.table()
    fit = data["fit"]
    y = torch.from_numpy(fit["y"].astype(np.float32))
    w = torch.from_numpy(source_weights(list(fit["source"]), factor=SOURCE_FACTOR).astype(np.float32))
    print(f"encoded {len(enc.rows)} forms in {time.perf_counter()-t0:.0f}s", flush=True)
    net = (GRUNet if args.arch == "gru" else Net)(enc.n_buckets, args.d, widths, args.filters, args.hidden)
    dense = [q for n, q in net.named_parameters() if not n.startswith("emb.")]
    opt = torch.optim.Adam(dense, lr=args.lr)
    opt_e = torch.optim.SparseAdam(list(net.emb.parameters()), lr=args.emb_lr)
    lossf = nn.BCEWithLogitsLoss(reduction="none")
    min_len = max(widths)
    n = len(seqs["fit"])
    lengths = np.array([len(s) for s in seqs["fit"]])
    best = (-1.0, None, -1)
    log = []
    t_train = time.perf_counter()
    hold = data["hold"]
    steps_per_epoch = (n + args.batch - 1) // args.batch
    total_steps = steps_per_epoch * args.epochs
    step = 0
    for epoch in range(args.epochs):
        # Length-bucketed batches: shuffle, sort chunks of 50 batches by length, shuffle batches.
        perm = rng.permutation(n)
        chunk = args.batch * 50
        batches = []
        for c in range(0, n, chunk):
            part = perm[c : c + chunk]
            part = part[np.argsort(lengths[part], kind="stable")]
            batches.extend(part[i : i + args.batch] for i in range(0, len(part), args.batch))
        rng.shuffle(batches)
        tot = 0.0
        for bi in batches:
            # Linear decay of both learning rates to 10 %.
            frac = 1.0 - 0.9 * step / total_steps
            for g in opt.param_groups:
                g["lr"] = args.lr * frac
            for g in opt_e.param_groups:
                g["lr"] = args.emb_lr * frac
            fids, seq, lens = batch([seqs["fit"][j] for j in bi], table, min_len)
            z = net(fids, seq, lens)
            loss = (lossf(z, y[bi]) * w[bi]).mean()
            opt.zero_grad()
            opt_e.zero_grad()
            loss.backward()
            opt.step()
            opt_e.step()
            tot += float(loss) * len(bi)
            step += 1
        zh = predict(net, seqs["hold"], table, min_len)
        ph = sigmoid(zh)
        t = best_threshold(hold["y"], ph, hold["source"])
        sc = per_source(hold["y"], ph, hold["source"], t)
        mean = float(np.mean(list(sc.values())))
        el = time.perf_counter() - t_train
        log.append({"epoch": epoch + 1, "loss": tot / n, "hold_mean": mean, "hold": sc, "t": t, "s": el})
        print(json.dumps(log[-1]), flush=True)
        if mean > best[0]:
            best = (mean, {k: v.detach().clone() for k, v in net.state_dict().items()}, epoch + 1)
        if el > args.minutes * 60 * (epoch + 2) / (epoch + 1):  # next epoch would overrun
            print("time cap", flush=True)
            break
    train_s = time.perf_counter() - t_train
    net.load_state_dict(best[1])
    z = {part: predict(net, seqs[part], table, min_len) for part in ("hold", "dev")}
    sd = net.state_dict()
    if args.arch == "gru":  # no numpy export for the variant
        torch.save(sd, OUT / f"cnn_{args.tag}.pt")
    arrays = {} if args.arch == "gru" else {
        "emb": sd["emb.weight"].numpy()[: enc.n_buckets].astype(np.float16),
        **{f"conv{k}_w": sd[f"convs.{i}.weight"].numpy() for i, k in enumerate(widths)},
        **{f"conv{k}_b": sd[f"convs.{i}.bias"].numpy() for i, k in enumerate(widths)},
        "hid_w": sd["hid.weight"].numpy(), "hid_b": sd["hid.bias"].numpy(),
        "out_w": sd["out.weight"].numpy(), "out_b": sd["out.bias"].numpy(),
        "widths": np.array(widths), "bits": np.array([args.word_bits, args.char_bits]),
        "maxlen": np.array(args.maxlen),
    }
    if arrays:
        np.savez_compressed(OUT / f"cnn_{args.tag}.npz", **arrays)
    np.savez(OUT / f"z_cnn_{args.tag}.npz", hold=z["hold"], dev=z["dev"])
    info = {"args": vars(args), "best_epoch": best[2], "train_seconds": round(train_s),
            "wall_seconds": round(time.perf_counter() - t0), "log": log,
            "params": int(sum(q.numel() for q in net.parameters()))}
    (OUT / f"cnn_{args.tag}.json").write_text(json.dumps(info, indent=1))
    print(json.dumps({k: v for k, v in info.items() if k != "log"}), flush=True)


if __name__ == "__main__":
    main()
