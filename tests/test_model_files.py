"""Missing, damaged or swapped model and data files stop `check`, `moderate` and `serve`
with one clear line (which file, what is wrong, what to run), never a traceback; a content
model's npz must match the SHA-256 in its card and hold finite, non-zero weights."""

import hashlib
import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from suzgec.classifier import model as content_model
from suzgec.classifier.model import DATA_DIR, OPEN_VERSION, VERSION, ContentModel
from suzgec.cli import main
from suzgec.errors import ModelError


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def copy_model(tmp_path: Path, name: str = "kopya") -> Path:
    """The shipped open model (the smaller one) copied to tmp_path; returns the base path."""
    base = tmp_path / name
    for ext in (".npz", ".json"):
        shutil.copy(DATA_DIR / f"{OPEN_VERSION}{ext}", base.with_name(base.name + ext))
    return base


def card(base: Path) -> Path:
    return base.with_name(base.name + ".json")


def npz(base: Path) -> Path:
    return base.with_name(base.name + ".npz")


def set_card(base: Path, **fields: object) -> None:
    meta = json.loads(card(base).read_text(encoding="utf-8"))
    meta.update(fields)
    card(base).write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")


def rewrite_weights(base: Path, change) -> None:
    """Rewrite the npz with `change(weights)` and record its new hash: only the weights
    check stands between this file and the moderator."""
    with np.load(npz(base)) as z:
        arrays = {k: z[k] for k in z.files}
    arrays["weights"] = change(arrays["weights"].copy())
    np.savez_compressed(npz(base), **arrays)
    set_card(base, npz_sha256=sha(npz(base)))


def run(tmp_path: Path, base: Path | str, *args: str):
    config = tmp_path / "suzgec.toml"
    config.write_text(
        f"content_model = {json.dumps(str(base))}\n"
        f'database_url = "sqlite:///{tmp_path / "web.db"}"\n',
        encoding="utf-8",
    )
    return CliRunner().invoke(main, [*args, "--config", str(config)])


def assert_one_line(result, *parts: str) -> str:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    for part in parts:
        assert part in lines[0], lines[0]
    return lines[0]


def test_a_good_copy_works(tmp_path: Path) -> None:
    base = copy_model(tmp_path)
    result = run(tmp_path, base, "check", "Siktir git")
    assert result.exit_code == 0, result.output
    assert "Küfür" in result.output


def test_missing_npz(tmp_path: Path) -> None:
    base = copy_model(tmp_path)
    npz(base).unlink()
    assert_one_line(run(tmp_path, base, "check", "Merhaba"), str(npz(base)), "dosya yok", "train")


def test_no_artifact_at_the_path(tmp_path: Path) -> None:
    result = run(tmp_path, tmp_path / "yok", "check", "Merhaba")
    assert_one_line(result, "content_model", "yok.json", "bulunamadı")


def test_bad_json_card(tmp_path: Path) -> None:
    base = copy_model(tmp_path)
    card(base).write_text('{"version": "content-2.0.0", "heads": [', encoding="utf-8")
    line = assert_one_line(run(tmp_path, base, "check", "Merhaba"), str(card(base)), "JSON")
    assert "satır 1" in line and f"suzgec train --out {base}" in line


def test_card_with_missing_fields(tmp_path: Path) -> None:
    base = copy_model(tmp_path)
    meta = json.loads(card(base).read_text(encoding="utf-8"))
    del meta["heads"]
    card(base).write_text(json.dumps(meta), encoding="utf-8")
    assert_one_line(run(tmp_path, base, "check", "Merhaba"), str(card(base)), "heads")


def test_truncated_npz_fails_its_hash(tmp_path: Path) -> None:
    base = copy_model(tmp_path)
    raw = npz(base).read_bytes()
    npz(base).write_bytes(raw[: len(raw) // 2])
    assert_one_line(run(tmp_path, base, "check", "Merhaba"), str(npz(base)), "SHA-256")


def test_truncated_npz_of_a_card_without_hash(tmp_path: Path) -> None:
    """A card written before `suzgec train` recorded hashes: the unpacking itself fails."""
    base = copy_model(tmp_path)
    meta = json.loads(card(base).read_text(encoding="utf-8"))
    del meta["npz_sha256"]
    card(base).write_text(json.dumps(meta), encoding="utf-8")
    raw = npz(base).read_bytes()
    npz(base).write_bytes(raw[: len(raw) // 2])
    assert_one_line(run(tmp_path, base, "check", "Merhaba"), str(npz(base)), "okunamadı")


def test_a_card_without_hash_is_still_accepted_for_a_custom_model(tmp_path: Path) -> None:
    base = copy_model(tmp_path)
    meta = json.loads(card(base).read_text(encoding="utf-8"))
    del meta["npz_sha256"]
    card(base).write_text(json.dumps(meta), encoding="utf-8")
    assert ContentModel.load(base).version == OPEN_VERSION


def test_swapped_npz_fails_its_hash(tmp_path: Path) -> None:
    base = copy_model(tmp_path)
    shutil.copy(DATA_DIR / f"{VERSION}.npz", npz(base))  # a valid model, but not this one
    line = assert_one_line(run(tmp_path, base, "check", "Merhaba"), "SHA-256", str(card(base)))
    assert line.startswith(f"Error: {npz(base)}")


@pytest.mark.parametrize("value", [np.nan, np.inf])
def test_non_finite_weights(tmp_path: Path, value: float) -> None:
    base = copy_model(tmp_path)

    def spoil(w: np.ndarray) -> np.ndarray:
        w[::7] = value
        return w

    rewrite_weights(base, spoil)
    assert_one_line(run(tmp_path, base, "check", "Merhaba"), str(npz(base)), "NaN")


def test_all_zero_weights(tmp_path: Path) -> None:
    base = copy_model(tmp_path)
    rewrite_weights(base, np.zeros_like)
    assert_one_line(run(tmp_path, base, "check", "Merhaba"), str(npz(base)), "sıfır")


def test_moderate_stops_with_one_line_serial_and_parallel(tmp_path: Path) -> None:
    base = copy_model(tmp_path)
    npz(base).write_bytes(b"PK bozuk")
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": 1, "text": "Merhaba"}\n', encoding="utf-8")
    for jobs in ("1", "2"):
        result = run(tmp_path, base, "moderate", str(source), "-q", "-j", jobs)
        assert_one_line(result, str(npz(base)), "SHA-256")


def test_serve_stops_with_one_line(tmp_path: Path) -> None:
    base = copy_model(tmp_path)
    rewrite_weights(base, lambda w: w * np.nan)
    assert_one_line(run(tmp_path, base, "serve"), str(npz(base)), "NaN")


def test_shipped_model_cards_carry_the_hash_and_it_is_required(tmp_path: Path, monkeypatch) -> None:
    for name in (VERSION, OPEN_VERSION):
        meta = json.loads((DATA_DIR / f"{name}.json").read_text(encoding="utf-8"))
        assert meta["npz_sha256"] == sha(DATA_DIR / f"{name}.npz")
    # The shipped folder as a copy: a shipped card without its hash is refused, and the
    # fix for a shipped file is to reinstall, not to train.
    shipped = tmp_path / "data"
    shipped.mkdir()
    base = copy_model(shipped, VERSION)
    meta = json.loads(card(base).read_text(encoding="utf-8"))
    del meta["npz_sha256"]
    card(base).write_text(json.dumps(meta), encoding="utf-8")
    monkeypatch.setattr(content_model, "DATA_DIR", shipped)
    with pytest.raises(ModelError, match=r"npz_sha256.*pip install --force-reinstall suzgec"):
        ContentModel.load()


def test_train_writes_the_hash_of_what_it_wrote(tmp_path: Path) -> None:
    from suzgec.classifier import features as F
    from suzgec.classifier import train
    from suzgec.lexicon import features as lexicon_features

    rng = np.random.default_rng(0)
    idf = np.zeros(F.WORD_DIM + F.CHAR_DIM)
    idf[rng.choice(len(idf), 50, replace=False)] = 1.5
    heads = train.HEADS
    model = {
        "idf": idf,
        "coef": {h: rng.normal(size=len(idf)) for h in heads},
        "lex_coef": {h: rng.normal(size=len(lexicon_features.KEYS)) for h in heads},
        "bias": {h: -1.0 for h in heads},
    }
    out = tmp_path / "content-test"
    written, js = train.export(model, out, {"version": "content-test"})
    assert json.loads(js.read_text(encoding="utf-8"))["npz_sha256"] == sha(written)
    assert ContentModel.load(out).version == "content-test"


# --- the text data files (diacritics, spelling) ------------------------------------


@pytest.fixture
def text_data(tmp_path: Path, monkeypatch):
    """A copy of src/suzgec/text/data the loaders read instead; caches cleared around."""
    from suzgec.clauses import form
    from suzgec.text import diacritics, manifest, spelling

    folder = tmp_path / "text-data"
    shutil.copytree(Path(manifest.__file__).parent / "data", folder)

    def clear() -> None:
        manifest.expected.cache_clear()
        diacritics.default_restorer.cache_clear()
        spelling.default_checker.cache_clear()

    clear()
    monkeypatch.setattr(manifest, "_file", lambda name: folder / name)
    yield folder
    monkeypatch.undo()
    clear()
    assert form  # the form checks load both at construction, which `check` does


def test_the_manifest_is_current_and_lists_every_generated_file() -> None:
    from suzgec.text import manifest

    folder = Path(manifest.__file__).parent / "data"
    generated = {p.name for p in folder.iterdir()} - {manifest.MANIFEST, "spelling_corrections.tsv"}
    assert set(manifest.ARTIFACTS) == generated
    assert set(manifest.expected()) == generated
    for name in manifest.ARTIFACTS:
        manifest.data_bytes(name)  # raises on a stale hash
    assert json.loads(manifest.render()) == json.loads((folder / manifest.MANIFEST).read_text())


@pytest.mark.parametrize(
    ("name", "damage", "says"),
    [
        ("diacritics.json.gz", "delete", "dosya yok"),
        ("diacritics.json.gz", "truncate", "SHA-256"),
        ("spelling_lexicon.tsv.gz", "truncate", "SHA-256"),
        ("spelling_suffixes.txt", "append", "SHA-256"),
        ("MANIFEST.json", "truncate", "JSON"),
    ],
)
def test_damaged_text_data(text_data: Path, tmp_path: Path, name, damage, says) -> None:
    path = text_data / name
    if damage == "delete":
        path.unlink()
    elif damage == "truncate":
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    else:
        path.write_bytes(path.read_bytes() + b"fazla\n")
    line = assert_one_line(CliRunner().invoke(main, ["check", "Merhaba"]), str(path), says)
    assert "python -m suzgec.text.manifest" in line


def test_gzip_that_matches_its_hash_but_does_not_unpack(text_data: Path) -> None:
    from suzgec.text import manifest

    path = text_data / "diacritics.json.gz"
    path.write_bytes(path.read_bytes()[:1000])
    (text_data / manifest.MANIFEST).write_text(
        json.dumps({"sha256": {**manifest.expected(), path.name: sha(path)}}), encoding="utf-8"
    )
    manifest.expected.cache_clear()
    result = CliRunner().invoke(main, ["check", "Merhaba"])
    assert_one_line(result, str(path), "okunamadı", "EOFError")
