"""Write docs/reference/cli.md from the `suzgec` command itself: `python -m suzgec.cli_doc`.

Rendered from click's own help, so the reference cannot drift from the code; a test checks
that the committed file is current.
"""

from __future__ import annotations

import sys

import click

from suzgec.cli import main

HEADER = """\
# CLI reference

Generated from the commands' help by `python -m suzgec.cli_doc > docs/reference/cli.md`; do not
edit by hand. Every command reads settings as described in [config.md](config.md).
"""


def _commands(group: click.Group, prefix: str) -> list[tuple[str, click.Command]]:
    out: list[tuple[str, click.Command]] = []
    for name in sorted(group.commands):
        command = group.commands[name]
        path = f"{prefix} {name}"
        out.append((path, command))
        if isinstance(command, click.Group):
            out.extend(_commands(command, path))
    return out


def render() -> str:
    parts = [HEADER]
    for path, command in _commands(main, "suzgec"):
        ctx = click.Context(command, info_name=path, terminal_width=100, max_content_width=100)
        parts.append(f"\n## `{path}`\n\n```\n{command.get_help(ctx)}\n```\n")
    return "".join(parts)


if __name__ == "__main__":
    sys.stdout.write(render())
