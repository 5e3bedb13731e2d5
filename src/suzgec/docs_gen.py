"""Write docs/reference/config.md from the Settings declarations: `python -m suzgec.docs_gen`.

The settings are declared once (name, type, default, help) in suzgec.config; this
renders them, so the reference cannot drift from the code. A test checks that every
setting appears in the committed file.
"""

from __future__ import annotations

import sys
from dataclasses import MISSING, fields

from suzgec.config import ENV_PREFIX, Settings

HEADER = """\
# Settings reference

Every setting, in declaration order. Generated from `suzgec.config.Settings` by
`python -m suzgec.docs_gen > docs/reference/config.md`; do not edit by hand.

Settings are read in this order, later ones winning: the defaults below, then a TOML
file (`--config FILE` or `$SUZGEC_CONFIG`) with `name = value` lines, then environment
variables `SUZGEC_<NAME>`. An unknown name is an error.

```toml
# suzgec.toml
database_url = "postgresql+psycopg://suzgec@db.internal/suzgec"
allowed_origins = "https://gazete.example"
rate_limit_per_minute = 6
```

| Setting | Environment | Type | Default | Meaning |
|---|---|---|---|---|
"""


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render() -> str:
    lines = [HEADER.rstrip("\n")]
    for f in fields(Settings):
        default = f.default if f.default is not MISSING else ""
        shown = repr(default) if isinstance(default, str) else str(default).lower()
        if isinstance(default, float | int) and not isinstance(default, bool):
            shown = str(default)
        kind = type(default).__name__
        lines.append(
            f"| `{f.name}` | `{ENV_PREFIX}{f.name.upper()}` | {kind} | `{shown}` "
            f"| {_cell(f.metadata['help'])} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    sys.stdout.write(render())


if __name__ == "__main__":
    main()
