"""The word CNN of the binary head: its numpy forward computes the network as defined (windows
of k words, ReLU, max over positions, hidden layer), the card's `cnn` entry is verified at
load, and the model averages the two logits with the card's weight."""

import hashlib
import io
import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from suzgec.classifier import cnn
from suzgec.classifier.model import DATA_DIR, OPEN_VERSION, VERSION, ContentModel
from suzgec.errors import ModelError


def tiny_arrays(seed: int = 0) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    d, filters, hidden, word_bits, char_bits = 4, 3, 5, 6, 7
    arrays = {
        "emb": rng.normal(size=((1 << word_bits) + (1 << char_bits), d)).astype(np.float16),
        "hid_w": rng.normal(size=(hidden, 2 * filters)).astype(np.float32),
        "hid_b": rng.normal(size=hidden).astype(np.float32),
        "out_w": rng.normal(size=(1, hidden)).astype(np.float32),
        "out_b": rng.normal(size=1).astype(np.float32),
        "widths": np.array([1, 3]),
        "bits": np.array([word_bits, char_bits]),
        "maxlen": np.array(6),
    }
    for k in (1, 3):  # torch's Conv1d layout: (filters, d, k)
        arrays[f"conv{k}_w"] = rng.normal(size=(filters, d, k)).astype(np.float32)
        arrays[f"conv{k}_b"] = rng.normal(size=filters).astype(np.float32)
    return arrays


def by_hand(arrays: dict[str, np.ndarray], forms: list[str]) -> float:
    """The network written out loop by loop, as torch defines Conv1d."""
    emb = arrays["emb"].astype(np.float32)
    word_bits, char_bits = (int(b) for b in arrays["bits"])
    forms = forms[: int(arrays["maxlen"])]
    x = [emb[cnn.bucket_ids(f, word_bits, char_bits)].mean(axis=0) for f in forms]
    pooled = []
    for k in (int(w) for w in arrays["widths"]):
        w, b = arrays[f"conv{k}_w"], arrays[f"conv{k}_b"]
        rows = x + [np.zeros_like(x[0])] * max(0, k - len(x))  # zero padding when too short
        outputs = []
        for start in range(max(len(x) - k + 1, 1)):
            out = b.copy()
            for j in range(k):
                out = out + w[:, :, j] @ rows[start + j]
            outputs.append(np.maximum(out, 0.0))
        pooled.append(np.max(outputs, axis=0))
    h = np.maximum(arrays["hid_w"] @ np.concatenate(pooled) + arrays["hid_b"], 0.0)
    return float(arrays["out_w"][0] @ h + arrays["out_b"][0])


@pytest.mark.parametrize(
    "forms",
    [
        ["bu", "bir", "deneme", "cumlesi", "uzun", "mu", "kisa", "mi"],  # past maxlen
        ["tek"],  # shorter than the widest window
        ["iki", "kelime"],
        ["aynı", "aynı", "aynı"],
    ],
)
def test_the_forward_pass_is_the_network_as_defined(forms: list[str]) -> None:
    arrays = tiny_arrays()
    net = cnn.WordCNN(arrays)
    assert net.logit(forms) == pytest.approx(by_hand(arrays, forms), rel=1e-5, abs=1e-5)


def test_word_order_matters_to_the_network() -> None:
    net = cnn.WordCNN(tiny_arrays(1))
    assert net.logit(["cok", "iyi", "degil"]) != pytest.approx(net.logit(["degil", "iyi", "cok"]))


def test_bucket_ids_stay_in_their_tables() -> None:
    ids = cnn.bucket_ids("serefsiz", 6, 7)
    assert ids[0] < 1 << 6  # the word id first
    assert all((1 << 6) <= i < (1 << 6) + (1 << 7) for i in ids[1:])
    assert len(cnn.bucket_ids("a" * 200, 6, 7)) == cnn.IDS_PER_WORD


def _npz(arrays: dict[str, np.ndarray]) -> bytes:
    buf = io.BytesIO()
    np.savez(buf, **arrays)
    return buf.getvalue()


def test_damaged_network_files_are_refused() -> None:
    def refused(arrays: dict[str, np.ndarray], says: str) -> None:
        with pytest.raises(ModelError, match=says):
            cnn.WordCNN.from_bytes(_npz(arrays), "x-cnn.npz", "yeniden eğitin")

    good = tiny_arrays()
    assert np.isfinite(cnn.WordCNN.from_bytes(_npz(good), "x.npz", "eğitin").logit(["iyi"]))
    refused({**good, "hid_w": good["hid_w"] * np.nan}, "NaN")
    refused({**good, "out_w": good["out_w"] * 0}, "sıfır")
    refused({k: v for k, v in good.items() if k != "emb"}, r"x-cnn\.npz.*KeyError")
    # A width the file names without its filters.
    refused({k: v for k, v in good.items() if not k.startswith("conv3")}, "KeyError")
    with pytest.raises(ModelError, match=r"x-cnn\.npz"):
        cnn.WordCNN.from_bytes(b"not a zip", "x-cnn.npz", "yeniden eğitin")


def _copy_with_cnn(tmp_path: Path, weight: float) -> Path:
    """The open model (linear only) given the tiny network through its card."""
    base = tmp_path / "m"
    for ext in (".npz", ".json"):
        shutil.copy(DATA_DIR / f"{OPEN_VERSION}{ext}", tmp_path / f"m{ext}")
    net = tmp_path / "m-cnn.npz"
    np.savez(net, **tiny_arrays())
    meta = json.loads((tmp_path / "m.json").read_text(encoding="utf-8"))
    meta["cnn"] = {
        "file": net.name,
        "sha256": hashlib.sha256(net.read_bytes()).hexdigest(),
        "weight": weight,
    }
    (tmp_path / "m.json").write_text(json.dumps(meta), encoding="utf-8")
    return base


def test_the_binary_head_averages_the_two_logits_with_the_cards_weight(tmp_path: Path) -> None:
    linear = ContentModel.load(DATA_DIR / OPEN_VERSION, calibrated=False)
    both = ContentModel.load(_copy_with_cnn(tmp_path, 0.4), calibrated=False)
    net = cnn.WordCNN(tiny_arrays())
    from suzgec.classifier import features as F

    text = "Bu ne biçim iş, hepiniz rezilsiniz"
    z_lin = float(np.log(linear.score_all(text)["offensive_any"]))
    z_lin -= float(np.log1p(-linear.score_all(text)["offensive_any"]))
    z_net = net.logit(cnn.network_forms(text, F.units(text)))
    p = both.score_all(text)["offensive_any"]
    assert np.log(p / (1 - p)) == pytest.approx(0.6 * z_lin + 0.4 * z_net, abs=1e-4)
    # The clause heads stay linear.
    assert both.score_all(text, gate=False)["insult"] == pytest.approx(
        linear.score_all(text, gate=False)["insult"]
    )


def test_a_network_that_does_not_match_its_card_is_refused(tmp_path: Path) -> None:
    base = _copy_with_cnn(tmp_path, 0.4)
    net = tmp_path / "m-cnn.npz"
    np.savez(net, **tiny_arrays(seed=5))  # another network, same file name
    with pytest.raises(ModelError, match=r"m-cnn\.npz"):
        ContentModel.load(base)
    net.unlink()
    with pytest.raises(ModelError, match="dosya yok"):
        ContentModel.load(base)


def test_the_shipped_model_carries_its_network() -> None:
    meta = json.loads((DATA_DIR / f"{VERSION}.json").read_text(encoding="utf-8"))
    entry = meta["cnn"]
    path = DATA_DIR / entry["file"]
    assert hashlib.sha256(path.read_bytes()).hexdigest() == entry["sha256"]
    assert 0 < entry["weight"] < 1
    assert ContentModel.load().cnn is not None


def test_the_network_does_not_read_innocent_look_alikes() -> None:
    from suzgec.classifier import features as F

    text = "Eski bir sikke koleksiyonu, siktir git"
    forms = cnn.network_forms(text, F.units(text))
    assert [u.form for u in F.units(text)] != forms
    assert "koleksiyonu" in forms and "siktir" in forms
    assert not any(f.startswith("sik") and f != "siktir" for f in forms)


def test_loading_the_network_leaves_numpy_one_blas_thread() -> None:
    from threadpoolctl import threadpool_info, threadpool_limits

    threadpool_limits(limits=2, user_api="blas")  # as numpy starts on a machine of 2+ cores
    cnn.one_blas_thread.cache_clear()
    cnn.WordCNN(tiny_arrays())
    blas = [pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"]
    assert blas and set(blas) == {1}
