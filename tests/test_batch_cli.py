import json
import subprocess
import sys

from click.testing import CliRunner

from suzgec.batch import moderate_stream
from suzgec.cli import main

LINES = [
    b'{"id": 1, "text": "BU HABER \xc3\x87OK K\xc3\x96T\xc3\x9c", "source": "site-a"}',
    b"not json",
    b'{"id": 3}',
    b'{"id": 4, "text": "\xff\xfe broken"}',
    b'{"id": 5, "text": 42}',
    b"",
    b'["a list"]',
    b'{"id": 8, "text": "Haber i\xc3\xa7in te\xc5\x9fekk\xc3\xbcrler."}',
]


def _check_records(records: list[dict]) -> None:
    assert len(records) == len(LINES)  # one output per input line, in order
    assert records[0]["id"] == 1 and records[0]["decision"] == "reject"
    assert records[0]["source"] == "site-a"  # passed through
    assert "text" not in records[0]
    errors = {r["line"] for r in records if "error" in r}
    assert errors == {2, 3, 4, 5, 6, 7}
    assert records[7]["id"] == 8 and records[7]["decision"] == "approve"
    finding = records[0]["findings"][0]
    keys = {"clause", "action", "score", "start", "end", "message", "replacement", "spans"}
    assert set(finding) == keys


def test_moderate_stream_keeps_order_and_reports_bad_lines() -> None:
    _check_records(list(moderate_stream(LINES)))


def test_moderate_stream_in_parallel_matches_serial() -> None:
    many = LINES * 300
    serial = list(moderate_stream(many))
    parallel = list(moderate_stream(many, jobs=2))
    assert parallel == serial


def test_cli_moderate_file(tmp_path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_bytes(b"\n".join(LINES) + b"\n")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, ["moderate", str(src), "-o", str(out), "-q"])
    assert result.exit_code == 1
    assert "6/8" in result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    _check_records(records)


def test_cli_check_text_and_json() -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["check", "BU HABER ÇOK KÖTÜ"])
    assert result.exit_code == 0
    assert "Büyük harf" in result.output and "Bu haber çok kötü" in result.output
    result = runner.invoke(main, ["check", "--json", "BU HABER ÇOK KÖTÜ"])
    data = json.loads(result.output)
    assert data["decision"] == "reject"
    assert data["suggestion"] == "Bu haber çok kötü"
    result = runner.invoke(main, ["check", "   "])
    assert result.exit_code != 0 and "boş" in result.output


def test_cli_eval_reports_clause_scores(tmp_path) -> None:
    src = tmp_path / "labelled.jsonl"
    rows = [
        {"text": "BU HABER ÇOK KÖTÜ", "labels": ["capitals"]},
        {"text": "Haber için teşekkürler.", "labels": []},
        {"text": "Bu haber güzel", "labels": ["capitals"]},
    ]
    src.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", str(src)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["comments"] == 3
    assert report["clauses"]["capitals"]["precision"] == 1.0
    assert report["clauses"]["capitals"]["recall"] == 0.5
    assert report["decisions"]["matrix"]["reject"]["reject"] == 1
    assert report["decisions"]["matrix"]["reject"]["approve"] == 1


def test_core_imports_nothing_from_storage_web_or_cli() -> None:
    code = (
        "import sys, suzgec, suzgec.policy, suzgec.pipeline; "
        "bad = [m for m in sys.modules if m.split('.')[0] in {'sqlalchemy', 'fastapi', 'click'}"
        " or m.startswith(('suzgec.store', 'suzgec.web', 'suzgec.cli'))]; print(bad)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
