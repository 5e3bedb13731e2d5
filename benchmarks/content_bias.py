"""False-flag rate of the content model on clean comments that mention a faith or a people,
against other clean comments. Prints JSON.

    python -m benchmarks.content_bias --data ../shared/data [--model PATH]

"Flagged" = any content clause at or above its review threshold (what sends a comment to a
moderator). Clean comments: the dev rows of every source but Mayda labelled clean, split by
whether they mention one of the groups below; plus the Mayda dev rows labelled `none` (tweets
collected by exactly these keywords, so every one mentions a group); UD dev sentences; and
`benchmarks/data/faith_respectful.txt`, our own sentences that discuss faith and peoples
respectfully, every one of which must be approved.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from benchmarks.ud import sentences
from suzgec.classifier import sources as S
from suzgec.classifier.model import CLAUSES, ContentModel
from suzgec.config import Settings
from suzgec.text.normalize import fold
from suzgec.text.tokenize import tokenize

# The groups the issue names, folded (Turkish letters kept, so "kurt", a wolf, is not "kürt");
# a word names a group when it is the stem plus at most a plural and a case ending:
# "Kürtler", "Ermenilerden", not "kürtaj".
GROUPS = (
    "müslüman", "musluman", "hristiyan", "hıristiyan", "hiristiyan", "yahudi", "alevi",
    "ateist", "sırp", "sirp", "arnavut", "kürt", "ermeni", "suriyeli",
)  # fmt: skip
_ENDINGS = (
    r"(?:lar|ler)?(?:ı|i|u|ü|ın|in|un|ün|nın|nin|nun|nün|yı|yi|yu|yü|a|e|ya|ye|da|de|ta|te"
    r"|dan|den|tan|ten|la|le|yla|yle|ca|ce|dır|dir|dur|dür)?"
)
_PATTERN = re.compile(rf"(?:{'|'.join(GROUPS)}){_ENDINGS}")


def mentions_group(text: str) -> bool:
    return any(_PATTERN.fullmatch(fold(t.stem, keep=2)) for t in tokenize(text))


def flag_rate(model: ContentModel, texts: list[str], settings: Settings) -> dict[str, float]:
    review = {c: settings.thresholds(str(c))[1] for c in CLAUSES}
    flagged = 0
    for text in texts:
        s = model.scores(text)
        flagged += any(s[c] >= review[c] for c in CLAUSES)
    return {"rows": len(texts), "false_flag_rate": round(flagged / len(texts), 4) if texts else 0.0}


def step_flag_rate(texts: list[str], settings: Settings) -> dict[str, float]:
    """The same rate for what the pipeline runs: lexicon + model + belief gate, via the policy."""
    from suzgec.clauses.content import ContentCheck
    from suzgec.comment import Comment
    from suzgec.model import Action
    from suzgec.policy import Policy

    check, policy = ContentCheck(), Policy(settings)
    flagged = rejected = 0
    for text in texts:
        actions = {policy.action_for(s) for s in check(Comment.of(text))}
        flagged += bool(actions - {Action.APPROVE})
        rejected += Action.REJECT in actions
    n = len(texts) or 1
    return {
        "rows": len(texts),
        "flagged": round(flagged / n, 4),
        "rejected": round(rejected / n, 4),
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--data", type=Path, default=Path("../shared/data"))
    p.add_argument("--model", type=Path, default=None)
    args = p.parse_args(argv)
    splits = S.load_splits(args.data)
    model = ContentModel.load(args.model)
    settings = Settings()
    clean = [
        r.text
        for name, rows in splits.dev.items()
        if name != "mayda"
        for r in rows
        if not r.offensive
    ]
    with_group = [t for t in clean if mentions_group(t)]
    without = [t for t in clean if not mentions_group(t)]
    mayda_clean = [r.text for r in splits.dev["mayda"] if r.stratum.startswith("none/")]
    result = {
        "model": model.version,
        "dev_clean_mentioning_groups": flag_rate(model, with_group, settings),
        "dev_clean_other": flag_rate(model, without, settings),
        "mayda_heldout_clean_mentioning_groups": flag_rate(model, mayda_clean, settings),
        "groups": list(GROUPS),
    }
    # UD dev sentences: edited, clean prose the content model never saw (it trains on the
    # treebanks' train split as clean examples).
    ud = [text for _, text in sentences(args.data, split="dev")]
    ud_group = [t for t in ud if mentions_group(t)]
    ud_other = [t for t in ud if not mentions_group(t)]
    respectful = [
        line
        for line in (Path(__file__).parent / "data" / "faith_respectful.txt")
        .read_text(encoding="utf-8")
        .splitlines()
        if line.strip() and not line.startswith("#")
    ]
    result["content_step"] = {
        "faith_respectful": step_flag_rate(respectful, settings),
        "dev_clean_mentioning_groups": step_flag_rate(with_group, settings),
        "dev_clean_other": step_flag_rate(without, settings),
        "mayda_heldout_clean_mentioning_groups": step_flag_rate(mayda_clean, settings),
        "ud_sentences_mentioning_groups": step_flag_rate(ud_group, settings),
        "ud_sentences_other": step_flag_rate(ud_other, settings),
    }
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
