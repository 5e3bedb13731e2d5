"""Variant: a character CNN over the project's normalised text (the `features.units` forms
joined by single spaces; characters seen fewer than 5 times in training → one UNK id).

char embeddings (d) → conv widths 3/4/5 (F filters each, ReLU) → max-pool → hidden (ReLU) →
1 logit. Same training rows, weights, hold-based epoch choice and outputs as train_cnn.py
(out/cnn_<tag>.npz with kind=char, out/z_cnn_<tag>.npz)."""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter

import numpy as np
import torch
from torch import nn

from common import OUT, best_threshold, cache, per_source, sigmoid
from suzgec.classifier.train import SOURCE_FACTOR, source_weights

torch.set_num_threads(1)


class CharNet(nn.Module):
    def __init__(self, vocab: int, d: int, widths, filters: int, hidden: int):
        super().__init__()
        self.emb = nn.Embedding(vocab, d, padding_idx=0)
        self.widths = widths
        self.convs = nn.ModuleList(nn.Conv1d(d, filters, k) for k in widths)
        self.hid = nn.Linear(filters * len(widths), hidden)
        self.out = nn.Linear(hidden, 1)
        self.drop_in = nn.Dropout(0.1)
        self.drop = nn.Dropout(0.3)

    def forward(self, seq: torch.Tensor, lens: torch.Tensor) -> torch.Tensor:
        x = self.drop_in(self.emb(seq)).transpose(1, 2)
        L = x.shape[2]
        pooled = []
        for k, conv in zip(self.widths, self.convs):
            h = torch.relu(conv(x))
            valid = torch.arange(L - k + 1)[None, :] < torch.clamp(lens - k + 1, min=1)[:, None]
            pooled.append(h.masked_fill(~valid[:, None, :], 0.0).max(dim=2).values)
        z = torch.relu(self.hid(self.drop(torch.cat(pooled, 1))))
        return self.out(self.drop(z)).squeeze(1)


def batch(seqs, min_len):
    lens = np.array([max(len(s), 1) for s in seqs])
    L = max(int(lens.max()), min_len)
    m = np.zeros((len(seqs), L), dtype=np.int64)
    for b, s in enumerate(seqs):
        m[b, : len(s)] = s
    return torch.from_numpy(m), torch.from_numpy(lens)


def predict(net, seqs, min_len, bs=512):
    net.eval()
    order = np.argsort([len(s) for s in seqs])
    z = np.zeros(len(seqs), dtype=np.float32)
    with torch.no_grad():
        for i in range(0, len(seqs), bs):
            idx = order[i : i + bs]
            z[idx] = net(*batch([seqs[j] for j in idx], min_len)).numpy()
    net.train()
    return z


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--tag", default="char")
    p.add_argument("--d", type=int, default=48)
    p.add_argument("--filters", type=int, default=160)
    p.add_argument("--hidden", type=int, default=128)
    p.add_argument("--widths", default="3,4,5")
    p.add_argument("--maxlen", type=int, default=240)
    p.add_argument("--epochs", type=int, default=6)
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--lr", type=float, default=2e-3)
    p.add_argument("--minutes", type=float, default=22.0)
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args()
    torch.manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)
    widths = tuple(int(w) for w in args.widths.split(","))
    t0 = time.perf_counter()
    data = cache()
    strings = {part: [" ".join(fs)[: args.maxlen] for fs in data[part]["forms"]] for part in ("fit", "hold", "dev")}
    freq = Counter(c for s in strings["fit"] for c in s)
    chars = sorted(c for c, n in freq.items() if n >= 5)
    vocab = {c: i + 2 for i, c in enumerate(chars)}  # 0 pad, 1 unk
    seqs = {part: [np.array([vocab.get(c, 1) for c in s], dtype=np.int64) for s in ss] for part, ss in strings.items()}
    fit = data["fit"]
    y = torch.from_numpy(fit["y"].astype(np.float32))
    w = torch.from_numpy(source_weights(list(fit["source"]), factor=SOURCE_FACTOR).astype(np.float32))
    net = CharNet(len(vocab) + 2, args.d, widths, args.filters, args.hidden)
    opt = torch.optim.Adam(net.parameters(), lr=args.lr)
    lossf = nn.BCEWithLogitsLoss(reduction="none")
    min_len = max(widths)
    n = len(seqs["fit"])
    lengths = np.array([len(s) for s in seqs["fit"]])
    hold = data["hold"]
    best = (-1.0, None, -1)
    log = []
    total_steps = ((n + args.batch - 1) // args.batch) * args.epochs
    step = 0
    t_train = time.perf_counter()
    print(f"vocab {len(vocab)}; prepared in {t_train-t0:.0f}s", flush=True)
    for epoch in range(args.epochs):
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
            for g in opt.param_groups:
                g["lr"] = args.lr * (1.0 - 0.9 * step / total_steps)
            z = net(*batch([seqs["fit"][j] for j in bi], min_len))
            loss = (lossf(z, y[bi]) * w[bi]).mean()
            opt.zero_grad()
            loss.backward()
            opt.step()
            tot += float(loss.detach()) * len(bi)
            step += 1
        ph = sigmoid(predict(net, seqs["hold"], min_len))
        t = best_threshold(hold["y"], ph, hold["source"])
        sc = per_source(hold["y"], ph, hold["source"], t)
        el = time.perf_counter() - t_train
        log.append({"epoch": epoch + 1, "loss": tot / n, "hold_mean": float(np.mean(list(sc.values()))), "hold": sc, "t": t, "s": el})
        print(json.dumps(log[-1]), flush=True)
        if log[-1]["hold_mean"] > best[0]:
            best = (log[-1]["hold_mean"], {k: v.detach().clone() for k, v in net.state_dict().items()}, epoch + 1)
        if el > args.minutes * 60 * (epoch + 2) / (epoch + 1):
            print("time cap", flush=True)
            break
    train_s = time.perf_counter() - t_train
    net.load_state_dict(best[1])
    z = {part: predict(net, seqs[part], min_len) for part in ("hold", "dev")}
    sd = {k: v.numpy() for k, v in net.state_dict().items()}
    np.savez_compressed(OUT / f"cnn_{args.tag}.npz", kind=np.array("char"), chars=np.array(chars), **sd)
    np.savez(OUT / f"z_cnn_{args.tag}.npz", hold=z["hold"], dev=z["dev"])
    info = {"args": vars(args), "best_epoch": best[2], "train_seconds": round(train_s),
            "wall_seconds": round(time.perf_counter() - t0), "log": log,
            "params": int(sum(q.numel() for q in net.parameters()))}
    (OUT / f"cnn_{args.tag}.json").write_text(json.dumps(info, indent=1))
    print(json.dumps({k: v for k, v in info.items() if k != "log"}), flush=True)


if __name__ == "__main__":
    main()
