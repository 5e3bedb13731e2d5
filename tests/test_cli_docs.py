"""Every CLI command is documented: docs/reference/cli.md is rendered from the commands
(regenerate with `python -m suzgec.cli_doc > docs/reference/cli.md`)."""

from pathlib import Path

import pytest

from suzgec.cli import main
from suzgec.cli_doc import _commands, render

DOC = Path(__file__).parents[1] / "docs" / "reference" / "cli.md"


@pytest.mark.parametrize("path", [path for path, _ in _commands(main, "suzgec")])
def test_command_is_in_the_reference(path: str) -> None:
    assert f"## `{path}`" in DOC.read_text(encoding="utf-8")


def test_reference_is_current() -> None:
    assert DOC.read_text(encoding="utf-8") == render(), (
        "docs/reference/cli.md is stale; run `python -m suzgec.cli_doc > docs/reference/cli.md`"
    )
