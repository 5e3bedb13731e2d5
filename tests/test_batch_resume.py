"""`suzgec moderate` at scale: resuming an interrupted run, and workers that die with it."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from suzgec import batch
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
    b'{"id": 9, "text": "Bu haber \xc3\xa7ok k\xc3\xb6t\xc3\xbc olmu\xc5\x9f."}',
]
FAILED = "6/9 satır işlenemedi: 2, 3, 4, 5, 6, 7"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["moderate", *args, "-q"])
    return result.exit_code, result.output


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "in.jsonl"
    path.write_bytes(b"\n".join(LINES) + b"\n")
    return path


@pytest.fixture
def complete(source: Path, tmp_path: Path) -> bytes:
    """The output of one uninterrupted run."""
    out = tmp_path / "complete.jsonl"
    code, output = run(str(source), "-o", str(out))
    assert code == 1 and FAILED in output
    return out.read_bytes()


def count_moderated(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Line numbers that go through moderation in this process (the --jobs 1 path)."""
    seen: list[int] = []
    real = batch.moderate_line

    def counting(moderator, raw, line_no):  # type: ignore[no-untyped-def]
        seen.append(line_no)
        return real(moderator, raw, line_no)

    monkeypatch.setattr(batch, "moderate_line", counting)
    return seen


@pytest.mark.parametrize(
    ("kept", "torn"),
    [
        (0, 0),  # nothing written yet
        (0, 7),  # killed inside the first line
        (3, 0),  # killed between two lines
        (3, 12),  # a torn line after three whole ones
        (8, -1),  # the last record written whole but for its newline
        (9, 0),  # already finished
    ],
)
def test_resume_keeps_whole_lines_and_redoes_the_torn_one(
    source: Path, complete: bytes, tmp_path: Path, monkeypatch, kept: int, torn: int
) -> None:
    whole = complete.splitlines(keepends=True)
    partial = b"".join(whole[:kept])
    if torn:
        partial += whole[kept][:torn]  # torn == -1: everything but the newline
    out = tmp_path / "out.jsonl"
    out.write_bytes(partial)
    moderated = count_moderated(monkeypatch)
    code, output = run(str(source), "-o", str(out), "--resume")
    assert out.read_bytes() == complete  # whole lines, in order, none twice
    assert moderated == list(range(kept + 1, len(LINES) + 1))  # kept lines are not redone
    # Error lines of the earlier run still count: the same summary and exit status.
    assert code == 1 and FAILED in output


def test_resume_without_an_output_file_starts_from_the_beginning(
    source: Path, complete: bytes, tmp_path: Path
) -> None:
    out = tmp_path / "new.jsonl"
    code, _ = run(str(source), "-o", str(out), "--resume")
    assert code == 1 and out.read_bytes() == complete


def test_a_run_without_resume_starts_over(source: Path, complete: bytes, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_bytes(complete + complete)
    run(str(source), "-o", str(out))
    assert out.read_bytes() == complete


def test_resume_refuses_what_it_cannot_continue(source: Path, complete: bytes, tmp_path) -> None:
    code, output = run(str(source), "--resume")  # stdout
    assert code == 2 and "--resume" in output and "-o" in output
    longer = tmp_path / "longer.jsonl"
    longer.write_bytes(complete + complete)
    code, output = run(str(source), "-o", str(longer), "--resume")
    assert code == 1 and "18 satır" in output and "9 satır" in output
    assert longer.read_bytes() == complete + complete  # left as it was
    other = tmp_path / "other.jsonl"
    other.write_bytes(complete[:40] + b"\n" + complete)
    code, output = run(str(source), "-o", str(other), "--resume")
    assert code == 1 and "1. satırı" in output
    assert other.read_bytes() == complete[:40] + b"\n" + complete


def test_a_passed_through_error_field_is_not_a_failed_line(tmp_path: Path) -> None:
    source = tmp_path / "labelled.jsonl"
    source.write_text(
        '{"id": 1, "text": "Haber için teşekkürler.", "error": "etiket"}\n', encoding="utf-8"
    )
    out = tmp_path / "out.jsonl"
    for resume in ([], ["--resume"]):  # counted alike in a new and in a resumed run
        code, output = run(str(source), "-o", str(out), *resume)
        assert code == 0, output
    [record] = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert record["decision"] == "approve" and record["error"] == "etiket"


# --- real runs killed with SIGKILL ------------------------------------------------

TEXTS = [
    ("Haber için teşekkürler, çok faydalı oldu.", "approve"),
    ("BU HABER ÇOK KÖTÜ", "reject"),
    ("Bu haber çok kötü olmuş.", "approve"),
]
CLI = [sys.executable, "-c", "from suzgec.cli import main; main()", "moderate", "-q"]
needs_proc = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")


def _stat(pid: int) -> list[str]:
    """/proc/PID/stat after the command name: state, ppid, ... ([] once it is gone)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text(encoding="utf-8").rsplit(")", 1)[1].split()
    except OSError:
        return []


def _children(pid: int) -> list[int]:
    return [int(e) for e in os.listdir("/proc") if e.isdigit() and _stat(int(e))[1:2] == [str(pid)]]


def _alive(pid: int) -> bool:
    """Gone, or a zombie nobody has reaped yet, counts as dead."""
    return _stat(pid)[:1] not in ([], ["Z"])


def _kill_when(parent: subprocess.Popen, ready) -> list[int]:  # type: ignore[no-untyped-def]
    """SIGKILL `parent` once ready(children) has held for half a second; its children."""
    deadline = time.monotonic() + 120
    held = 0
    while held < 5:
        assert parent.poll() is None, "the run ended before it could be killed"
        assert time.monotonic() < deadline, "the run never got to the point of the test"
        time.sleep(0.1)
        children = _children(parent.pid)
        held = held + 1 if len(children) >= 3 and ready(children) else 0
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait()
    return children  # two workers and multiprocessing's resource tracker


def _wait_gone(pids: list[int], seconds: float) -> list[int]:
    deadline = time.monotonic() + seconds
    while any(map(_alive, pids)) and time.monotonic() < deadline:
        time.sleep(0.05)
    alive = [p for p in pids if _alive(p)]
    for pid in alive:  # never leave a stray worker behind
        os.kill(pid, signal.SIGKILL)
    return alive


@pytest.mark.slow
@needs_proc
def test_workers_die_with_a_killed_parent(tmp_path: Path) -> None:
    """Kill -9 the parent of a `--jobs 2` run while its workers are busy: each used to
    finish its share of the batch (seconds here, long comments) before noticing."""
    short = json.dumps({"text": TEXTS[0][0]}, ensure_ascii=False).encode() + b"\n"
    text = "Bu haber çok kötü olmuş, yazarın anlattıkları hiç inandırıcı değil. " * 300
    long = json.dumps({"text": text}, ensure_ascii=False).encode() + b"\n"
    # A batch of short lines, then long ones: once the first batch is written, the
    # workers are past their start-up and deep in the second.
    source = tmp_path / "in.jsonl"
    source.write_bytes(short * batch.BATCH_LINES + long * (batch.BATCH_LINES // 4))
    out = tmp_path / "out.jsonl"
    env = {**os.environ, "SUZGEC_MAX_COMMENT_CHARS": str(len(text))}
    parent = subprocess.Popen([*CLI, str(source), "-o", str(out), "--jobs", "2"], env=env)
    try:

        def busy(pids: list[int]) -> bool:
            written = out.exists() and out.stat().st_size > 0
            return written and sum(_stat(p)[:1] == ["R"] for p in pids) >= 2

        children = _kill_when(parent, busy)
    finally:
        if parent.poll() is None:
            parent.kill()
    assert _wait_gone(children, 2.0) == [], "workers outlived their parent"


@pytest.mark.slow
@needs_proc
def test_a_killed_run_resumes_where_it_stopped(tmp_path: Path) -> None:
    """A real SIGKILL (output cut wherever the write buffer was), then --resume."""
    lines = [
        json.dumps({"id": i + 1, "text": TEXTS[i % 3][0]}, ensure_ascii=False).encode() + b"\n"
        for i in range(3 * batch.BATCH_LINES)
    ]
    out = tmp_path / "out.jsonl"
    # Two batches on stdin, which stays open: the parent writes the first one and waits.
    parent = subprocess.Popen([*CLI, "-", "-o", str(out), "--jobs", "2"], stdin=subprocess.PIPE)
    assert parent.stdin is not None
    try:
        parent.stdin.write(b"".join(lines[: 2 * batch.BATCH_LINES]))
        parent.stdin.flush()
        written = lambda _: out.read_bytes().count(b"\n") > batch.BATCH_LINES // 2  # noqa: E731
        _wait_gone(_kill_when(parent, written), 5.0)
    finally:
        parent.stdin.close()
        if parent.poll() is None:
            parent.kill()
    cut = out.read_bytes()
    assert 0 < cut.count(b"\n") <= batch.BATCH_LINES  # cut short, after some lines
    source = tmp_path / "in.jsonl"
    source.write_bytes(b"".join(lines))
    done = subprocess.run([*CLI, str(source), "-o", str(out), "--resume"], timeout=300)
    assert done.returncode == 0
    resumed = out.read_bytes()
    assert resumed.startswith(cut[: cut.rindex(b"\n") + 1])  # whole lines kept as they were
    records = [json.loads(line) for line in resumed.splitlines()]
    assert [r["id"] for r in records] == list(range(1, len(lines) + 1))
    assert [r["decision"] for r in records] == [TEXTS[i % 3][1] for i in range(len(lines))]
