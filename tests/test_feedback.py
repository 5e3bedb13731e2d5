"""Learning from the desk: human decisions from the store, the site model, its checks."""

from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np
import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from suzgec.classifier import feedback, site
from suzgec.classifier import sources as S
from suzgec.classifier.model import VERSION, ContentModel
from suzgec.errors import ModelError
from suzgec.model import Action, Decision, Finding, Status
from suzgec.store import Store
from suzgec.store.tables import audit_log

# --- a synthetic site ------------------------------------------------------------------------
# Comments about public figures; this site's desk also rejects touting for betting sites
# and follower shops, which the shipped model has never seen as offensive: a site model
# has something to learn.
SUBJECTS = ["belediye başkanı", "bu yazar", "hakem", "vali", "kaptan", "muhabir", "bakan"]
SLURS = [
    "bahis sitemize üye ol",
    "bedava bonus için hemen tıkla",
    "ucuza takipçi satın al",
    "kupon kodunu kaçırma",
    "canlı casino şimdi açık",
]
CLEAN = ["iyi bir iş yapmış", "bugün açıklama yaptı", "toplantıya katılacak", "haklı olabilir"]


def site_texts(n: int, seed: int = 0) -> list[tuple[str, int]]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        who = rng.choice(SUBJECTS)
        if i % 2:
            out.append((f"{who} {rng.choice(CLEAN)}, {rng.choice(SLURS)} diyorlar", 1))
        else:
            out.append((f"{who} {rng.choice(CLEAN)}, {rng.choice(SUBJECTS)} da öyle {i}", 0))
    return out


def site_rows(n: int, seed: int = 0, flip: bool = False) -> list[S.Row]:
    rows = []
    for i, (text, y) in enumerate(site_texts(n, seed)):
        y = 1 - y if flip else y
        labels = dict.fromkeys(S.HEADS, 0) if not y else {"offensive_any": 1}
        rows.append(S.Row("site", str(i), text, labels, str(y)))
    return rows


def decision(text: str, action: Action = Action.REVIEW, clause: str | None = None) -> Decision:
    findings = ()
    if clause:
        findings = (Finding(clause, action, 0.6, 0, len(text), "neden"),)  # type: ignore[arg-type]
    return Decision(text, action, findings, None, "test", {"ContentCheck": "test-model"})


# --- reading decisions -----------------------------------------------------------------------


def test_human_decisions_from_the_audit_log(store: Store) -> None:
    store.create_article("haber", "Haber", "Metin.", "Kaynak")

    def add(text: str, action: Action = Action.REVIEW, clause: str | None = None, **kw):  # type: ignore[no-untyped-def]
        return store.add_comment("haber", "Ali", decision(text, action, clause), **kw).id

    auto = add("otomatik onaylandı", Action.APPROVE)  # nobody looked: no label
    auto_rejected = add("otomatik reddedildi", Action.REJECT)  # nobody looked: no label
    approved = add("moderatör onayladı")
    store.decide(approved, "ayse", Status.APPROVED, "sorun yok")
    rejected = add("moderatör reddetti", clause="insult")
    store.decide(rejected, "ayse", Status.REJECTED, "hakaret var")
    overturned = add("yanlışlıkla reddedilmiş", Action.REJECT)
    store.decide(overturned, "mehmet", Status.APPROVED, overturn=True)
    later = add("önce onay sonra ret")
    store.decide(later, "ayse", Status.APPROVED)
    store.decide(later, "mehmet", Status.REJECTED, "küfür", overturn=True)
    undone = add("reddedildi, geri alındı")
    store.decide(undone, "ayse", Status.REJECTED)
    store.undo(undone, "ayse")
    undo_after_overturn = add("onay, bozma, geri alma")
    store.decide(undo_after_overturn, "ayse", Status.APPROVED, "temiz")
    store.decide(undo_after_overturn, "ayse", Status.REJECTED, overturn=True)
    store.undo(undo_after_overturn, "ayse")
    held = add("bekletildi", Action.APPROVE, hold="Ön denetimli haber")  # a hold: no label
    taken_down = add("yayından kaldırıldı", Action.APPROVE)
    with store.engine.begin() as conn:  # a moderator's take-down ("remove")
        conn.execute(
            sa.insert(audit_log).values(
                comment_id=taken_down,
                actor="ayse",
                action="remove",
                note="nefret söylemi",
                decision=None,
                created_at=store.get_comment(taken_down).created_at,
            )
        )

    got = {d["comment_id"]: d for d in store.human_decisions()}
    assert set(got) == {approved, rejected, overturned, later, undo_after_overturn, taken_down}
    assert not {auto, auto_rejected, undone, held} & set(got)
    assert got[approved]["verdict"] == "approved" and got[approved]["note"] == "sorun yok"
    assert got[rejected]["verdict"] == "rejected" and got[rejected]["findings"] == ["insult"]
    assert got[overturned]["verdict"] == "approved"
    assert got[later]["verdict"] == "rejected" and got[later]["actor"] == "mehmet"
    assert got[undo_after_overturn]["verdict"] == "approved"  # the undo took back the ret
    assert got[taken_down]["verdict"] == "removed"
    assert got[rejected]["model_versions"] == {"ContentCheck": "test-model"}
    assert got[approved]["text"] == "moderatör onayladı"

    rows = {int(r.id): r for r in feedback.rows_of(got.values())}
    assert rows[approved].labels == dict.fromkeys(S.HEADS, 0)
    assert rows[rejected].labels == {
        "offensive_any": 1,
        "profanity": 0,
        "insult": 1,
        "offensive": 0,
    }
    assert rows[later].labels["profanity"] == 1  # the note "küfür" names the clause
    assert rows[taken_down].labels["offensive"] == 1  # "nefret" names it
    assert rows[overturned].offensive == 0


def test_label_mapping() -> None:
    def labels(verdict: str, note: str | None = None, findings: tuple[str, ...] = ()):  # type: ignore[no-untyped-def]
        return feedback.labels_of({"verdict": verdict, "note": note, "findings": findings})

    assert labels("approved", "küfür yok") == dict.fromkeys(S.HEADS, 0)
    # A rejection names no clause: it trains the binary head only.
    assert labels("rejected") == {"offensive_any": 1}
    assert labels("rejected", findings=("insult", "profanity")) == {"offensive_any": 1}
    assert labels("removed", findings=("offensive",))["offensive"] == 1
    assert labels("rejected", "Dine hakaret, inanç saldırısı")["belief_attack"] == 1
    # Rejected for its form: no content label at all.
    assert labels("rejected", findings=("capitals",)) is None
    assert labels("rejected", "yazım hataları çok") is None
    assert labels("rejected", "BÜYÜK HARF ve küfür")["profanity"] == 1


# --- adaptation ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def base() -> ContentModel:
    return ContentModel.load(calibrated=False)


@pytest.fixture(scope="module")
def base_points() -> dict[str, dict[str, float]]:
    return site.read_card("")["decision_points"]


def test_adaptation_moves_the_model_toward_the_site(base, base_points, tmp_path: Path) -> None:
    rows = site_rows(400)
    train_rows, held = feedback.hold_back(rows)
    assert 40 < len(held) < 120 and not {r.id for r in held} & {r.id for r in train_rows}
    built = site.build(base, base_points, train_rows)
    assert "offensive_any" in built.heads and built.recalibrated
    site.export_built(base, built, tmp_path / "m", {"version": "content-2.0.0+site.1"})
    new = ContentModel.load(tmp_path / "m")
    y = np.array([r.offensive for r in held])

    def top(model: ContentModel) -> np.ndarray:
        return np.array([max(model.scores(r.text).values()) for r in held])

    old, now = top(ContentModel.load()), top(new)
    # The held-back offensive comments score higher, the clean ones lower, than before.
    assert now[y == 1].mean() > old[y == 1].mean() + 0.2
    assert now[y == 0].mean() <= old[y == 0].mean() + 0.02
    assert ((now >= 0.8) == y.astype(bool)).mean() > ((old >= 0.8) == y.astype(bool)).mean()


def noisy_site(n: int) -> list[S.Row]:
    """A site where "saçma" (nonsense) is offensive one time in three: no threshold on it
    is precise, so the reject point must sit where only the slurs are."""
    rng = random.Random(3)
    rows = []
    for i, (text, y) in enumerate(site_texts(n, 1)):
        if i % 5 == 0:
            text, y = f"{rng.choice(SUBJECTS)} saçma konuşmuş {i}", int(rng.random() < 1 / 3)
        labels = dict.fromkeys(S.HEADS, 0) if not y else {"offensive_any": 1}
        rows.append(S.Row("site", str(i), text, labels, str(y)))
    return rows


def test_recalibration_keeps_the_stated_precision(base, base_points) -> None:
    rows = noisy_site(600)
    train_rows, held = feedback.hold_back(rows)
    built = site.build(base, base_points, train_rows, precision=0.95)
    assert built.recalibrated and built.oof_precision is not None
    assert built.oof_precision >= 0.95
    points = built.points["offensive_any"]
    assert points != base_points["offensive_any"]
    # On the held-back rows too: what reaches the reject point is offensive.
    n = len(base.ids)
    x = site.matrix(base, [r.text for r in held])
    z = x @ built.weights[:, 0] + built.bias["offensive_any"]
    flagged = 1 / (1 + np.exp(-z)) >= points["reject"]
    y = np.array([r.offensive for r in held])
    assert flagged.sum() >= 10 and y[flagged].mean() >= 0.95
    assert x.shape[1] == built.weights.shape[0] == n + 6  # the base model's own space

    few = site.build(base, base_points, rows[:40])
    assert not few.recalibrated
    assert few.points == base_points
    assert any("eşikleri" in note for note in few.notes)


# --- compare, refuse, install ----------------------------------------------------------------


def write_dev_data(folder: Path) -> Path:
    """A tiny shared-data folder: an OffensEval-shaped file whose dev split is the
    all-source dev split of these tests."""
    rows = []
    for i, (text, y) in enumerate(site_texts(300, 7)):
        if y:
            text = f"{text}, orospu çocuğu, siktir git"
        label, target = ("OFF", "ind") if y else ("NOT", "non")
        rows.append({"id": f"d{i}", "text": text, "label": label, "target": target})
    path = folder / "offensive" / "offenseval_tr_2020.train.jsonl"
    path.parent.mkdir(parents=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
    return folder


def test_refusals_name_the_reason() -> None:
    def report(site_new: float, dev_new: float) -> dict[str, object]:
        return {
            "site_held_back": {
                "running": {"macro_f1": 0.8},
                "new": {"macro_f1": site_new, "rows": 50},
            },
            "all_source_dev": {
                "running": {"mean": 0.85, "worst_value": 0.8, "worst": "a"},
                "new": {"mean": dev_new, "worst_value": dev_new - 0.05, "worst": "a"},
            },
        }

    assert site.refusals(report(0.9, 0.85)) == []
    worse_site = site.refusals(report(0.79, 0.85))
    assert len(worse_site) == 1 and "ayrılmış 50 kararında" in worse_site[0]
    worse_dev = site.refusals(report(0.9, 0.84))
    assert any("geliştirme kümesinde" in w and "0.005" in w for w in worse_dev)


def test_a_worse_model_is_refused_and_not_written(tmp_path: Path) -> None:
    from suzgec.config import Settings

    data = write_dev_data(tmp_path / "data")
    dev = S.load_splits(data, ("offenseval",)).dev
    # The desk decided backwards until now; the held-back decisions are the right ones.
    train_rows, _ = feedback.hold_back(site_rows(300, flip=True))
    _, held = feedback.hold_back(site_rows(300))
    outcome = site.make(
        running_setting="",
        train_rows=train_rows,
        held=held,
        dev=dev,
        settings=Settings(),
        out_dir=tmp_path / "models",
    )
    assert outcome.refused and any("ayrılmış" in w for w in outcome.refused)
    site_check = outcome.report["site_held_back"]
    assert site_check["new"]["macro_f1"] < site_check["running"]["macro_f1"]
    assert outcome.path is None and not (tmp_path / "models").exists()


def test_next_version(tmp_path: Path) -> None:
    assert site.next_version("content-2.0.0", tmp_path) == "content-2.0.0+site.1"
    (tmp_path / "content-2.0.0+site.4.json").write_text("{}")
    assert site.next_version("content-2.0.0", tmp_path) == "content-2.0.0+site.5"
    assert site.next_version("content-2.0.0", tmp_path / "none", "content-2.0.0+site.7") == (
        "content-2.0.0+site.8"
    )


@pytest.mark.slow
def test_train_feedback_installs_a_verified_model(tmp_path: Path) -> None:
    from suzgec.cli import main
    from suzgec.config import load_settings
    from suzgec.pipeline import Moderator

    data = write_dev_data(tmp_path / "data")
    db = tmp_path / "site.db"
    store = Store(f"sqlite:///{db}")
    store.migrate()
    store.create_article("haber", "Haber", "Metin.", "Kaynak")
    for text, y in site_texts(300, 11):
        cid = store.add_comment("haber", "Okur", decision(text)).id
        store.decide(cid, "ayse", Status.REJECTED if y else Status.APPROVED)
    store.close()
    config = tmp_path / "suzgec.toml"
    config.write_text(
        f'database_url = "sqlite:///{db}"\ndata_dir = "{tmp_path / "d"}"\ncontent_model = ""\n'
    )
    result = CliRunner().invoke(
        main,
        ["train", "--feedback", "--config", str(config), "--data", str(data), "--install"],
    )
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout[: result.stdout.rindex("}") + 1])
    assert summary["version"] == f"{VERSION}+site.1"
    settings = load_settings(config, env={})
    path = Path(settings.content_model)
    assert path == tmp_path / "d" / "models" / f"{VERSION}+site.1"
    card = json.loads(path.with_name(path.name + ".json").read_text())
    assert card["site"]["base_version"] == VERSION and card["site"]["rows"] == 300
    assert card["site"]["comparison"]["site_held_back"]["new"]["rows"] > 0
    assert card["decision_points"]["offensive_any"]["reject"] > 0
    # A decision made with the installed model names it.
    made = Moderator(settings).moderate("Vali haklı olabilir, bahis sitemize üye ol.")
    assert f"{VERSION}+site.1" in made.model_versions["ContentCheck"]
    assert made.action is not Action.APPROVE
    # The artifact is verified at load: a changed npz is refused.
    npz = path.with_name(path.name + ".npz")
    damaged = bytearray(npz.read_bytes())
    damaged[len(damaged) // 2] ^= 0xFF
    npz.write_bytes(bytes(damaged))
    with pytest.raises(ModelError):
        ContentModel.load(path)


@pytest.mark.slow
def test_the_dev_guard_strengthens_the_prior_when_other_sources_suffer(
    base, base_points, tmp_path: Path
) -> None:
    dev = S.load_splits(write_dev_data(tmp_path / "data"), ("offenseval",)).dev
    train_rows, _ = feedback.hold_back(site_rows(300, flip=True))
    free = site.build(base, base_points, train_rows)
    guarded = site.build(base, base_points, train_rows, dev=dev)
    info = guarded.heads["offensive_any"]
    tried = info["dev_guard"]["tried"]
    assert info["prior_strength"] > free.heads["offensive_any"]["prior_strength"]
    assert len(tried) > 1 and tried[-1]["prior_strength"] == info["prior_strength"]
    ref = info["dev_guard"]["base"]
    assert tried[0]["mean"] < ref["mean"] - site.GUARD_TOLERANCE  # the free fit hurt the split
    assert tried[-1]["mean"] >= ref["mean"] - site.GUARD_TOLERANCE
