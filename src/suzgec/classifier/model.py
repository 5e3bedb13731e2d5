"""The shipped content model: loads `data/content-<version>.npz|json` with numpy only.

`ContentModel.scores(text)` gives a score in [0, 1] per content clause; the check
`ContentModelCheck(comment)` turns them into Signals pointing at the words that pushed the
score up. Each head is linear over hashed TF-IDF features (see features.py), so a word's
share of the score is the sum of its own features' weights — that is what spans use.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import math
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from functools import cache, cached_property
from pathlib import Path

import numpy as np

from suzgec import messages
from suzgec.classifier import features as F
from suzgec.classifier.artifact import checked_arrays, unreadable
from suzgec.classifier.cnn import WordCNN, network_forms
from suzgec.comment import Comment
from suzgec.errors import ConfigError, ModelError
from suzgec.lexicon import features as lexicon_features
from suzgec.model import Clause, Signal
from suzgec.text.bounds import word_cache

VERSION = "content-2.1.0"
# The openly licensed variant, linear only (docs/models/content-open.md): unchanged in 2.1.0.
OPEN_VERSION = "content-2.0.0-open"
DATA_DIR = Path(__file__).parent / "data"
LINEAR_ARRAYS = ("ids", "idf", "weights", "lex_weights")

CLAUSES = (Clause.PROFANITY, Clause.INSULT, Clause.OFFENSIVE, Clause.BELIEF_ATTACK)
MESSAGES = messages.CONTENT
# Below this a clause is not reported at all; the policy's own thresholds (0.5 review by
# default) decide what happens to the ones that are.
SIGNAL_FLOOR = 0.3
# A neighbouring word joins the span when it carries at least this share of the top word's
# push; a span is the whole comment when no word pushes the logit up by at least MIN_PUSH.
SPAN_SHARE = 0.5
MIN_PUSH = 0.25
# Share of an identity word's own push taken off (see ContentModel._identity_push), on every
# head but belief_attack. content-1.1.0 took off half (all of it cost recall on hate at
# groups, 0.82 → 0.71). Trained on every source, Mayda's keyword-collected tweets weigh more,
# and at half the word "Yahudi" alone scored as offensive: "Yahudi cemaati bayramı kutladı."
# was rejected. With all of it, that sentence goes to review, and what is said about a group
# decides (docs/models/content.md).
IDENTITY_SHARE = 1.0


# The policy's scale: a calibrated score reaches REVIEW_AT where the head's review point
# (chosen on the dev split) lies and REJECT_AT at its reject point, the defaults of the
# content clauses' `*_review` and `*_reject` settings.
REVIEW_AT = 0.5
REJECT_AT = 0.8


def logit(p: float) -> float:
    return math.log(p / (1 - p))


def calibrate(z: np.ndarray, knots: np.ndarray) -> np.ndarray:
    """Map raw logits `z` (one per head) onto the policy's scale. `knots[h]` holds the raw
    logits of head h's review and reject points. Piecewise linear in logit space and
    monotone: slope 1 below review and above reject (a shift), stretched in between, so
    review lands on logit(REVIEW_AT) and reject on logit(REJECT_AT)."""
    lo, hi = knots[:, 0], knots[:, 1]
    a, b = logit(REVIEW_AT), logit(REJECT_AT)
    span = np.maximum(hi - lo, 1e-6)
    mid = a + (z - lo) * (b - a) / span
    return np.where(z <= lo, a + z - lo, np.where(z >= hi, b + z - hi, mid))


def _calibrate_one(z: float, lo: float, hi: float) -> float:
    """`calibrate` for one head, in the same float operations."""
    a, b = logit(REVIEW_AT), logit(REJECT_AT)
    if z <= lo:
        return a + z - lo
    if z >= hi:
        return b + z - hi
    return a + (z - lo) * (b - a) / max(hi - lo, 1e-6)


def _runs(values: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The distinct values in order, how often each occurs, and where each first occurs in
    `values` (`np.unique`, which costs several times more on the few hundred features of a
    comment)."""
    if not len(values):
        return values, np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    order = values.argsort(kind="stable")
    ranked = values[order]
    first = np.empty(len(ranked), dtype=bool)
    first[0] = True
    np.not_equal(ranked[1:], ranked[:-1], out=first[1:])
    return ranked[first], np.bincount(first.cumsum() - 1), order[first]


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


# The clauses OffensEval's targets label. The binary head (trained on all OffensEval rows,
# the most data) decides whether a comment is offensive at all; these heads only decide
# which clause it breaks. belief_attack has its own data and head and is only capped.
GATED = ("profanity", "insult", "offensive")


def _gate(raw: dict[str, float], belief_open: bool = False) -> dict[str, float]:
    """Clause score = P(offensive) × (clause head / strongest of the gated heads): the most
    likely clause gets the binary score, the others their share of it. Measured on the dev
    split: the policy's "any clause ≥ 0.5" then equals the binary decision (macro-F1 0.78
    instead of 0.75 for independent heads) at the same per-clause F1."""
    top = max(raw[h] for h in GATED)
    out = dict(raw)
    for h in GATED:
        out[h] = raw["offensive_any"] * raw[h] / top if top > 0 else 0.0
    # An attack on beliefs is a hostile comment about a belief. The belief head alone
    # learned Mayda's keywords ("yahudi", "hristiyan") and flags clean tweets naming a faith,
    # so it is capped by the binary head, unless that head's raw score reaches the belief
    # floor (`belief_open`): "dinleri yalan" is an attack the binary head scores only
    # moderately. The floor is chosen on Mayda's dev rows (train.belief_points).
    if not belief_open:
        out["belief_attack"] = min(raw["belief_attack"], raw["offensive_any"])
    return out


class Scored:
    """Scores of one text, plus what is needed to explain them.

    `pushes` (per head, each unit's contribution to the logit, in `units` order) is worked
    out only when a span is asked for: most comments are clean and need none.
    """

    def __init__(
        self,
        scores: dict[str, float],
        units: list[F.Unit],
        pushes: Callable[[], dict[str, np.ndarray]],
    ) -> None:
        self.scores = scores
        self.units = units
        self._pushes = pushes

    @cached_property
    def pushes(self) -> dict[str, np.ndarray]:
        return self._pushes()


def _is_shipped(path: Path) -> bool:
    return path.parent.resolve() == DATA_DIR.resolve()


def _fix(base: Path) -> str:
    """What to do about an unusable artifact: a shipped one comes with the package, any other
    from `suzgec train`."""
    if _is_shipped(base):
        return messages.FIX_REINSTALL
    return messages.FIX_TRAIN.format(base=base.with_suffix("") if base.suffix == ".npz" else base)


def _read(path: Path, fix: str) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise ModelError(messages.MODEL_MISSING.format(path=path, fix=fix)) from None
    except OSError as exc:
        raise unreadable(path, exc, fix) from None


def _read_card(path: Path, fix: str) -> dict[str, object]:
    try:
        meta = json.loads(_read(path, fix).decode("utf-8"))
    except json.JSONDecodeError as exc:
        reason = f"satır {exc.lineno}, sütun {exc.colno}: {exc.msg}"
        raise ModelError(
            messages.MODEL_BAD_JSON.format(path=path, reason=reason, fix=fix)
        ) from None
    except UnicodeDecodeError as exc:
        reason = f"UTF-8 değil, bayt {exc.start}"
        raise ModelError(
            messages.MODEL_BAD_JSON.format(path=path, reason=reason, fix=fix)
        ) from None
    if not isinstance(meta, dict):
        reason = "bir JSON nesnesi olmalı"
        raise ModelError(messages.MODEL_BAD_JSON.format(path=path, reason=reason, fix=fix))
    return meta


def _load_cnn(card: Path, meta: dict[str, object], fix: str) -> tuple[WordCNN, float] | None:
    """The network the card's `cnn` entry names, checked against its SHA-256, and its weight
    in the binary head. It is looked up beside the card, then among the shipped models: a
    site model (`suzgec train --feedback`) adapts the linear heads and keeps its base
    model's network."""
    entry = meta.get("cnn")
    if entry is None:
        return None
    assert isinstance(entry, dict)
    name = str(entry["file"])
    path = card.with_name(name)
    if not path.exists() and (DATA_DIR / name).exists():
        path = DATA_DIR / name
    raw = _read(path, fix)
    if hashlib.sha256(raw).hexdigest() != entry["sha256"]:
        raise ModelError(messages.MODEL_HASH_MISMATCH.format(path=path, card=card, fix=fix))
    return WordCNN.from_bytes(raw, path, fix), float(entry["weight"])


def _arrays(npz: Path, raw: bytes) -> dict[str, np.ndarray]:
    """The linear heads' arrays, checked (`artifact.checked_arrays`) and in the dtypes
    scoring uses."""
    arrays = checked_arrays(raw, npz, _fix(npz), required=LINEAR_ARRAYS, trained="weights")
    return {
        "ids": arrays["ids"].astype(np.int64),
        "idf": arrays["idf"].astype(np.float32),
        "weights": arrays["weights"].astype(np.float32),
        "lex_weights": arrays["lex_weights"].astype(np.float32),
    }


class ContentModel:
    def __init__(
        self,
        npz: Path,
        meta: dict[str, object],
        *,
        calibrated: bool = True,
        raw: bytes | None = None,
        cnn: tuple[WordCNN, float] | None = None,
    ) -> None:
        """`raw`: the npz's bytes when the caller has read them already (`load` has, to check
        their hash). `cnn`: the network the binary head is averaged with and its weight (the
        card's `cnn` entry; `load` reads it)."""
        arrays = _arrays(npz, _read(npz, _fix(npz)) if raw is None else raw)
        order = np.argsort(arrays["ids"], kind="stable")  # already sorted when trained here
        self.ids = arrays["ids"][order]
        self.idf = arrays["idf"][order]
        self.weights = arrays["weights"][order]
        self.lex_weights = arrays["lex_weights"]
        # Feature id → row, as one dense table over the whole hashed space (8 MB): a lookup
        # is then a single gather instead of a binary search per comment.
        self.rows = np.full(F.WORD_DIM + F.CHAR_DIM, -1, dtype=np.int32)
        self.rows[self.ids] = np.arange(len(self.ids), dtype=np.int32)
        # Rows follow the ids' order (sorted, as training writes them): the word block's rows
        # come first, up to this one.
        self._word_rows = int(np.searchsorted(self.ids, F.WORD_DIM))
        # Per word form (forms repeat, Zipf): bounded (about 1 KB a form, so 30 MB at most),
        # and per model, as rows are.
        self._unit = word_cache(maxsize=1 << 15)(self._unit_of)
        heads = meta["heads"]
        assert isinstance(heads, list)
        self.heads: list[str] = [str(h) for h in heads]
        bias = meta["bias"]
        assert isinstance(bias, dict)
        self.bias = np.array([float(bias[h]) for h in self.heads], dtype=np.float32)
        # Decision points chosen on the dev split (train.decision_points); without them, or
        # with `calibrated=False` (what the trainer uses to choose them), raw scores.
        points = meta.get("decision_points") if calibrated else None
        self.knots: np.ndarray | None = None
        if points:
            assert isinstance(points, dict)
            self.knots = np.array(
                [[logit(points[h]["review"]), logit(points[h]["reject"])] for h in self.heads]
            )
        self.version = str(meta.get("version", VERSION))
        # Debiasing at inference (see _identity_push); off reproduces the raw linear model.
        self.neutral_identity = True
        self.identity_share = IDENTITY_SHARE
        self._belief_head = self.heads.index("belief_attack")
        self._binary_head = self.heads.index("offensive_any")
        # Raw binary score from which a belief attack no longer needs the binary head's
        # verdict (see _gate); None: always capped.
        self.belief_floor: float | None = None
        belief_points = points.get("belief_attack", {}) if isinstance(points, dict) else {}
        if "offensive_floor" in belief_points:
            self.belief_floor = float(belief_points["offensive_floor"])
        lex = meta.get("lexicon", {})
        assert isinstance(lex, dict)
        if tuple(lex.get("features", ())) != lexicon_features.KEYS:
            what = f"sözlük öznitelikleri ({lex.get('features')})"
            raise ModelError(messages.MODEL_MISMATCH.format(path=npz, what=what, fix=_fix(npz)))
        self.lexicon_version = str(lex.get("version", ""))
        self.cnn: WordCNN | None = cnn[0] if cnn is not None else None
        self.cnn_weight = cnn[1] if cnn is not None else 0.0
        feats = meta.get("features", {})
        assert isinstance(feats, dict)
        if feats.get("word_bits") != F.WORD_BITS or feats.get("char_bits") != F.CHAR_BITS:
            what = f"öznitelik boyutları ({feats.get('word_bits')}, {feats.get('char_bits')} bit)"
            raise ModelError(messages.MODEL_MISMATCH.format(path=npz, what=what, fix=_fix(npz)))

    @classmethod
    def load(cls, path: Path | str | None = None, *, calibrated: bool = True) -> ContentModel:
        """Load `<path>.npz` + `<path>.json`; default: the shipped VERSION.

        The npz must have the SHA-256 its card records (`npz_sha256`; a card written before
        `suzgec train` recorded it is accepted without, but not for a shipped model). Any
        problem is a ModelError naming the file and what to do."""
        base = Path(path) if path is not None else DATA_DIR / VERSION
        base = base.with_suffix("") if base.suffix in (".npz", ".json") else base
        card = base.with_name(base.name + ".json")
        npz = base.with_name(base.name + ".npz")
        fix = _fix(base)
        meta = _read_card(card, fix)
        raw = _read(npz, fix)
        expected = meta.get("npz_sha256")
        if expected is None and _is_shipped(base):
            raise ModelError(messages.MODEL_NO_HASH.format(card=card, fix=fix))
        if expected is not None and hashlib.sha256(raw).hexdigest() != expected:
            raise ModelError(messages.MODEL_HASH_MISMATCH.format(path=npz, card=card, fix=fix))
        try:
            cnn = _load_cnn(card, meta, fix)
            return cls(npz, meta, calibrated=calibrated, raw=raw, cnn=cnn)
        except (KeyError, TypeError, ValueError, AssertionError) as exc:  # fields of the card
            what = f"model kartı ({type(exc).__name__}: {exc})"
            raise ModelError(
                messages.MODEL_MISMATCH.format(path=card, what=what, fix=fix)
            ) from None

    def _unit_of(self, form: str) -> tuple[np.ndarray, np.ndarray, bool]:
        """A unit's own feature rows the model knows (in order, repeats kept), their values
        (`_values`), and whether it names a people or believers. Features the model does not
        know weigh nothing, in the score and in every push, so they are left out."""
        rows = self.rows[np.asarray(F.unit_features(form), dtype=np.int64)]
        rows = rows[rows >= 0]
        return rows, self._values(rows), F.is_identity(form)

    def _values(self, rows: np.ndarray) -> np.ndarray:
        """Per row its IDF, then its weight per head (float32, as stored). Kept beside a
        form's rows: gathering them from the whole tables (14 MB) per comment missed the
        CPU caches on most rows and was the costliest step of scoring."""
        return np.column_stack((self.idf[rows], self.weights[rows]))

    def explain(
        self,
        text: str,
        *,
        gate: bool = True,
        comment: Comment | None = None,
        lexicon_signals: Sequence[Signal] | None = None,
    ) -> Scored:
        """Scores of every head and each word's push; pass `comment` when it exists already
        (saves the lexicon a second tokenisation)."""
        # The same units and features as `F.features`, with each form's rows cached.
        units = F.units(text, comment.tokens if comment else None)
        lex_values, lex_spans = lexicon_features.evidence(comment or text, lexicon_signals)
        lex_contrib = np.asarray(lex_values, dtype=np.float32)[:, None] * self.lex_weights
        lex_logits = lex_contrib.sum(axis=0)
        if not units:
            return Scored(
                self._scores(self._with_cnn(self.bias + lex_logits, text, units), gate),
                units,
                lambda: {h: np.zeros(0) for h in self.heads},
            )
        own = [self._unit(u.form) for u in units]
        bigram_ids = np.fromiter(
            (F.bigram_feature(a.form, b.form) for a, b in itertools.pairwise(units)),
            dtype=np.int64,
            count=len(units) - 1,
        )
        bigram_rows = self.rows[bigram_ids]
        # A bigram's owner is its left unit (its push is split with the right one).
        bigram_owner = (bigram_rows >= 0).nonzero()[0]
        sizes = [len(rows) for rows, _, _ in own]
        n_own = sum(sizes)
        bigram_rows = bigram_rows[bigram_owner]
        # Every feature occurrence: the units' own, in unit order, then the bigrams.
        occurrences = np.concatenate([*(rows for rows, _, _ in own), bigram_rows])
        values = np.concatenate([*(v for _, v, _ in own), self._values(bigram_rows)])
        uniq, counts, first = _runs(occurrences)
        values = values[first]
        tfidf = (1.0 + np.log(counts)) * values[:, 0]
        # Each block (words, characters) is L2-normalised on its own, as in training. Rows are
        # in id order, so the word block is the front of `uniq`.
        split = int(np.searchsorted(uniq, self._word_rows))
        for block in (tfidf[:split], tfidf[split:]):
            norm = math.sqrt(float(np.dot(block, block)))
            if norm > 0:
                block /= norm
        weights = values[:, 1:]
        logits = tfidf @ weights + self.bias + lex_logits

        def occurrence() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
            """Per unique feature and head its contribution to the logit; per occurrence its
            owner unit and unique feature. Only explanations need them, at most twice per
            comment (not worth a `functools.cache`, whose making costs more per comment)."""
            owner = np.concatenate([np.repeat(np.arange(len(units)), sizes), bigram_owner])
            return tfidf[:, None] * weights, owner, np.searchsorted(uniq, occurrences)

        identity = [u for u, (_, _, named) in enumerate(own) if named]
        if self.neutral_identity and identity:
            contrib, owner, inverse = occurrence()
            logits -= self._identity_push(identity, contrib, inverse, counts, owner, n_own)
        scores = self._scores(self._with_cnn(logits, text, units), gate)

        def pushes() -> dict[str, np.ndarray]:
            contrib, owner, inverse = occurrence()
            return self._pushes(
                units,
                contrib,
                inverse,
                counts,
                owner,
                n_own,
                lex_contrib,
                lex_values,
                lex_spans,
            )

        return Scored(scores, units, pushes)

    def _with_cnn(self, logits: np.ndarray, text: str, units: list[F.Unit]) -> np.ndarray:
        """The binary head's logit averaged with the network's (weight `cnn_weight`, chosen
        in training, train_cnn.ENSEMBLE_WEIGHT); the clause heads stay linear, and spans
        come from them."""
        if self.cnn is None:
            return logits
        z = self.cnn.logit(network_forms(text, units))
        b = self._binary_head
        logits[b] = (1.0 - self.cnn_weight) * logits[b] + self.cnn_weight * z
        return logits

    def _scores(self, logits: np.ndarray, gate: bool) -> dict[str, float]:
        """Raw logits → scores: calibrated onto the policy's scale, then gated. In Python
        floats: for five heads numpy's per-call cost was most of the time."""
        z = logits.tolist()
        belief_open = (
            self.belief_floor is not None and _sigmoid(z[self._binary_head]) >= self.belief_floor
        )
        if self.knots is not None:
            knots = self.knots.tolist()
            z = [_calibrate_one(v, lo, hi) for v, (lo, hi) in zip(z, knots, strict=True)]
        scores = {h: _sigmoid(v) for h, v in zip(self.heads, z, strict=True)}
        return _gate(scores, belief_open) if gate else scores

    def _identity_push(
        self,
        identity: list[int],
        contrib: np.ndarray,
        inverse: np.ndarray,
        counts: np.ndarray,
        owner: np.ndarray,
        n_own: int,
    ) -> np.ndarray:
        """Per head, how far the words naming a people or faith push the logit up by their
        own features (word and character n-grams; bigrams such as "pis yahudi" keep their
        weight), times IDENTITY_SHARE. Subtracted, so naming a group is not offensive in
        itself: clean sentences naming one were flagged three times as often as others."""
        mine = np.isin(owner[:n_own], identity)
        feat = inverse[:n_own][mine]
        push = np.maximum((contrib[feat] / counts[feat][:, None]).sum(axis=0), 0.0)
        push *= self.identity_share
        # The belief head keeps its push: an attack on believers names them ("yahudi" is
        # most of the evidence in Mayda's `dini` rows; neutralised there too, recall on Mayda
        # dev `dini` rows fell 0.76 → 0.55). Naming alone still does not flag: the belief
        # score needs the neutralised binary head's raw score at the floor (see _gate).
        push[self._belief_head] = 0.0
        return push

    def _pushes(
        self,
        units: list[F.Unit],
        contrib: np.ndarray,
        inverse: np.ndarray,
        counts: np.ndarray,
        owner: np.ndarray,
        n_own: int,
        lex_contrib: np.ndarray,
        lex_values: list[float],
        lex_spans: list[list[tuple[int, int]]],
    ) -> dict[str, np.ndarray]:
        n_heads = len(self.heads)
        # Spread each unique feature's contribution over its occurrences, then sum per unit.
        per_occ = contrib[inverse] / counts[inverse][:, None]
        pushes_m = np.zeros((len(units), n_heads))
        np.add.at(pushes_m, owner[:n_own], per_occ[:n_own])
        if len(owner) > n_own:  # bigrams
            half = per_occ[n_own:] / 2
            np.add.at(pushes_m, owner[n_own:], half)
            np.add.at(pushes_m, owner[n_own:] + 1, half)
        # Lexicon evidence is credited to the words its matches cover. Units are in text order
        # and never overlap, so a span covers one slice of them, found by bisection (testing
        # every unit against every span was quadratic in a comment of many matches).
        unit_starts = [unit.start for unit in units]
        unit_ends = [unit.end for unit in units]
        for k, spans in enumerate(lex_spans):
            covered = sorted(
                {
                    u
                    for start, end in spans
                    for u in range(bisect_right(unit_ends, start), bisect_left(unit_starts, end))
                }
            )
            if covered and lex_values[k]:
                pushes_m[covered] += lex_contrib[k] / len(covered)
        return {h: pushes_m[:, i] for i, h in enumerate(self.heads)}

    def score_all(self, text: str, *, gate: bool = True) -> dict[str, float]:
        """Every head, including `offensive_any` (the binary offensive-vs-not head);
        `gate=False` gives the clause heads' own scores (what calibration tunes)."""
        return self.explain(text, gate=gate).scores

    def scores(self, text: str) -> dict[Clause, float]:
        s = self.explain(text).scores
        return {c: s[str(c)] for c in CLAUSES}

    def span(self, scored: Scored, head: str, text_len: int) -> tuple[int, int]:
        """The word that pushed `head` up most, widened to neighbours that pushed nearly as
        hard; the whole comment when no single word stands out."""
        push = scored.pushes[head]
        if len(push) == 0:
            return 0, text_len
        top = int(np.argmax(push))
        if push[top] < MIN_PUSH:
            return 0, text_len
        lo = hi = top
        while lo > 0 and push[lo - 1] >= SPAN_SHARE * push[top]:
            lo -= 1
        while hi + 1 < len(push) and push[hi + 1] >= SPAN_SHARE * push[top]:
            hi += 1
        return scored.units[lo].start, scored.units[hi].end


# The openly licensed variant shipped beside the default (docs/models/content-open.md).
OPEN = "open"


@cache
def shipped(name: str = "") -> ContentModel:
    """A model in the package, loaded once per process: "" the default, OPEN the variant
    trained on openly licensed data only; anything else is an artifact's base path."""
    if not name:
        return ContentModel.load()
    path = DATA_DIR / OPEN_VERSION if name == OPEN else Path(name)
    card = path.with_suffix("") if path.suffix in (".npz", ".json") else path
    card = card.with_name(card.name + ".json")
    if name != OPEN and not card.exists():  # most likely a wrong path in the settings
        raise ConfigError(messages.CONTENT_MODEL_NOT_FOUND.format(name=name, path=card, open=OPEN))
    return ContentModel.load(path)


class ContentModelCheck:
    """Clause check: one Signal per content clause whose score reaches the floor."""

    def __init__(self, model: ContentModel | None = None, floor: float = SIGNAL_FLOOR) -> None:
        self.model = model or shipped()
        self.floor = floor

    @property
    def version(self) -> str:
        share = self.model.identity_share
        suffix = f"+identity-neutral-{share:g}" if self.model.neutral_identity else ""
        return self.model.version + suffix

    def __call__(
        self, comment: Comment, lexicon_signals: Sequence[Signal] | None = None
    ) -> list[Signal]:
        """`lexicon_signals`: the lexicon's unfloored signals if already computed."""
        scored = self.model.explain(comment.text, comment=comment, lexicon_signals=lexicon_signals)
        signals = []
        for clause in CLAUSES:
            score = scored.scores[str(clause)]
            if score >= self.floor:
                start, end = self.model.span(scored, str(clause), len(comment.text))
                signals.append(Signal(clause, score, start, end, MESSAGES[clause]))
        return signals
