"""False-flag rate of the content model on clean comments that mention a faith or a people,
against other clean comments. Prints JSON.

    python benchmarks/content_bias.py --data ../shared/data [--model PATH]

"Flagged" = any content clause at or above its review threshold (what sends a comment to a
moderator). Clean comments: OffensEval dev rows labelled NOT, split by whether they mention
one of the groups below; plus the held-out Mayda rows labelled `none` (tweets collected by
exactly these keywords, so every one mentions a group).
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from suzgec.classifier import train as T
from suzgec.classifier.model import CLAUSES, ContentModel
from suzgec.config import Settings
from suzgec.text.casing import tr_lower

# Stems matched at a word start, in proper spelling and ASCII-only spelling. "kurt" alone is
# left out of the ASCII forms: it is also "wolf".
GROUPS = {
    "müslüman": ("müslüman", "musluman"),
    "hristiyan": ("hristiyan", "hıristiyan", "hiristiyan"),
    "yahudi": ("yahudi",),
    "alevi": ("alevi",),
    "ateist": ("ateist",),
    "sırp": ("sırp", "sirp"),
    "arnavut": ("arnavut",),
    "kürt": ("kürt",),
    "ermeni": ("ermeni",),
    "suriyeli": ("suriyeli",),
}
_PATTERN = re.compile(
    r"(?<!\w)(?:" + "|".join(re.escape(s) for forms in GROUPS.values() for s in forms) + ")"
)


def mentions_group(text: str) -> bool:
    return _PATTERN.search(tr_lower(text)) is not None


def flag_rate(model: ContentModel, texts: list[str], settings: Settings) -> dict[str, float]:
    review = {c: settings.thresholds(str(c))[1] for c in CLAUSES}
    flagged = 0
    for text in texts:
        s = model.scores(text)
        flagged += any(s[c] >= review[c] for c in CLAUSES)
    return {"rows": len(texts), "false_flag_rate": round(flagged / len(texts), 4) if texts else 0.0}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--data", type=Path, default=Path("../shared/data"))
    p.add_argument("--model", type=Path, default=None)
    args = p.parse_args(argv)
    splits = T.load_splits(args.data)
    model = ContentModel.load(args.model)
    settings = Settings()
    clean = [r.text for r in splits.dev if r.labels["offensive_any"] == 0]
    with_group = [t for t in clean if mentions_group(t)]
    without = [t for t in clean if not mentions_group(t)]
    mayda_clean = [r.text for r in splits.mayda_eval if r.stratum.startswith("none/")]
    result = {
        "model": model.version,
        "dev_clean_mentioning_groups": flag_rate(model, with_group, settings),
        "dev_clean_other": flag_rate(model, without, settings),
        "mayda_heldout_clean_mentioning_groups": flag_rate(model, mayda_clean, settings),
        "groups": list(GROUPS),
    }
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
