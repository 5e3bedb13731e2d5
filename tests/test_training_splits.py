"""The BOUN dev rows: a fixed, genre-stratified tenth that no form model learns from."""

import csv
from pathlib import Path

from suzgec.training import diacritics, spelling_lexicon
from suzgec.training.splits import BOUN, boun_dev_ids, split_of

GENRES = ("ess", "bio", "news", "ins", "pop")


def _rows(n: int = 200) -> list[tuple[str, str]]:
    rows = [(BOUN, f"boun:{g}_{i}") for g in GENRES for i in range(n)]
    return rows + [("UD_Turkish-Kenet", f"kenet:{i}.train") for i in range(n)]


def test_a_tenth_of_every_boun_genre_and_nothing_else() -> None:
    dev = boun_dev_ids(_rows())
    for g in GENRES:
        assert sum(s.startswith(f"boun:{g}_") for s in dev) == 20
    assert not any(s.startswith("kenet:") for s in dev)


def test_the_choice_is_fixed_whatever_the_row_order() -> None:
    rows = _rows()
    assert boun_dev_ids(rows) == boun_dev_ids(reversed(rows))


def test_split_of_moves_only_held_out_rows() -> None:
    dev = boun_dev_ids(_rows())
    held = next(iter(dev))
    assert split_of("train", held, dev) == "dev"
    assert split_of("train", "boun:none_0", dev) == "train"
    assert split_of("dev", "kenet:1.train", dev) == "dev"


def _write(path: Path, rows: list[tuple[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", quoting=csv.QUOTE_NONE, lineterminator="\n")
        w.writerow(["treebank", "split", "sent_id", "text"])
        for treebank, sid in rows:
            w.writerow([treebank, "train", sid, "Bu bir cümle"])


def test_both_trainers_leave_the_boun_dev_rows_out(tmp_path: Path) -> None:
    rows = _rows(20)
    path = tmp_path / "ud.tsv"
    _write(path, rows)
    dev = boun_dev_ids(rows)
    assert len(dev) == 10
    assert spelling_lexicon.train_sentence_ids(path) == {sid for _, sid in rows} - dev
    read = diacritics.read_sentences(path)
    assert {s.sent_id for s in read if s.split == "dev"} == dev
