"""Accuracy and speed of the shipped diacritic restorer on UD Turkish dev sentences.

    python -m benchmarks.diacritics [--data PATH]

Prints JSON. Dev rows (split == "dev") without Tourism, which is all capitals:
- `ascii`: restore(asciify(sentence)) against the sentence, per word token and per sentence;
  `turkish_letter_word_accuracy` counts only words whose asciified form differs;
- `mixed`: the same with only about half the words asciified (fixed seed);
- `no_harm_changed_word_rate`: words changed when restoring the already correct sentence;
- `latency`: `restore_words` on ~20-word comments (the clause's call) and whole-text
  `restore` (tokenizing included), single thread.
"""

from __future__ import annotations

import argparse
import json
import platform
import time
from pathlib import Path

from suzgec.text.diacritics import ARTIFACT, VERSION, Restorer
from suzgec.text.tokenize import Kind, tokenize
from suzgec.training.diacritics import (
    DEFAULT_DATA,
    UD_FILE,
    dev_sentences,
    evaluate,
    read_sentences,
)


def latency(restorer: Restorer, texts: list[str], words_per_comment: int = 20) -> dict[str, float]:
    """Per-comment cost: dev words regrouped into comments of `words_per_comment` words."""
    words = [t.text for text in texts for t in tokenize(text) if t.kind is Kind.WORD]
    comments = [
        words[i : i + words_per_comment]
        for i in range(0, len(words) - words_per_comment + 1, words_per_comment)
    ]
    joined = [" ".join(c) for c in comments]
    start = time.perf_counter()
    for c in comments:
        restorer.restore_words(c)
    per_words = (time.perf_counter() - start) / len(comments)
    start = time.perf_counter()
    for text in joined:
        restorer.restore(text)
    per_text = (time.perf_counter() - start) / len(joined)
    return {
        "comments": len(comments),
        "words_per_comment": words_per_comment,
        "restore_words_ms_per_comment": round(per_words * 1000, 4),
        "restore_text_ms_per_comment": round(per_text * 1000, 4),
    }


def run(data: Path) -> dict[str, object]:
    texts = dev_sentences(read_sentences(data / UD_FILE))
    start = time.perf_counter()
    restorer = Restorer.load()
    load_s = time.perf_counter() - start
    path = Path(__file__).resolve().parents[1] / "src" / "suzgec" / "text" / "data" / ARTIFACT
    report: dict[str, object] = {
        "version": VERSION,
        "artifact_bytes": path.stat().st_size if path.exists() else None,
        "load_s": round(load_s, 3),
        "machine": f"{platform.machine()} {platform.python_implementation()} "
        f"{platform.python_version()}",
    }
    report.update(evaluate(restorer, texts))
    report["latency"] = latency(restorer, texts)
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args(argv)
    print(json.dumps(run(args.data), indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
