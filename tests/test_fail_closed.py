"""Fail closed: a clause check that raises holds the comment for a moderator, everywhere.

Through the pipeline, the JSON API, the moderator's queue page and `suzgec moderate`; the
log names the check and the exception type but never the comment.
"""

import json
import logging
import re

from click.testing import CliRunner

from suzgec import messages
from suzgec.clauses.form import CapitalsCheck, SpellingCheck
from suzgec.model import Action, Clause, Signal
from suzgec.pipeline import Moderator
from suzgec.web.demo import DEMO_SLUG

# A comment every check approves; SECRET is what must never reach the log.
SECRET = "Gizli kalmalı bu yorum"
CLEAN = f"{SECRET}, haber için teşekkürler."
SHOUTED = "BU HABER ÇOK KÖTÜ"
COMMENTS = f"/api/articles/{DEMO_SLUG}/comments"
HTML = {"accept": "text/html"}


class BrokenCheck:
    """A check with a bug: it raises, quoting the comment in the exception's message."""

    version = "broken-1"

    def __call__(self, comment):
        raise KeyError(f"sözcük bulunamadı: {comment.text}")


class HalfwayCheck:
    """Yields a signal, then fails: none of its signals may count."""

    version = "halfway-1"

    def __call__(self, comment):
        yield Signal(Clause.INSULT, 0.99, 0, 3, "Hakaret içeriyor.")
        raise RuntimeError("yarıda kaldı")


def broken_moderator() -> Moderator:
    return Moderator(checks=[CapitalsCheck(), BrokenCheck()])


def test_a_raising_check_holds_the_comment_for_review() -> None:
    assert Moderator(checks=[CapitalsCheck()]).moderate(CLEAN).action is Action.APPROVE
    decision = broken_moderator().moderate(CLEAN)
    assert decision.action is Action.REVIEW
    assert decision.hold == messages.SYSTEM_HOLD
    assert decision.to_dict()["hold"] == messages.SYSTEM_HOLD
    # The hold survives storage (decisions are stored as their dict).
    assert type(decision).from_dict(CLEAN, decision.to_dict()) == decision


def test_what_the_other_checks_found_still_counts() -> None:
    shouted = broken_moderator().moderate(SHOUTED)
    assert shouted.action is Action.REJECT  # stricter than a hold: not published either
    assert shouted.hold == messages.SYSTEM_HOLD
    assert [f.clause for f in shouted.findings] == [Clause.CAPITALS]
    halfway = Moderator(checks=[HalfwayCheck()]).moderate(CLEAN)
    assert halfway.action is Action.REVIEW and halfway.findings == ()


def test_the_log_names_the_check_but_never_the_text(caplog) -> None:
    with caplog.at_level(logging.ERROR, logger="suzgec.pipeline"):
        broken_moderator().moderate(CLEAN)
    assert "BrokenCheck" in caplog.text and "KeyError" in caplog.text
    assert "in __call__" in caplog.text  # the frames, to find the bug
    assert SECRET not in caplog.text


def test_recent_failures_count_within_the_window(monkeypatch) -> None:
    import suzgec.pipeline as pipeline

    now = [1000.0]
    monkeypatch.setattr(pipeline.time, "monotonic", lambda: now[0])
    moderator = broken_moderator()
    assert moderator.recent_failures(300) == 0
    moderator.moderate(CLEAN)
    assert moderator.recent_failures(300) == 1
    now[0] += 301
    assert moderator.recent_failures(300) == 0


def test_api_stores_a_held_comment_as_pending(make_client, add_moderator, caplog) -> None:
    client = make_client(moderator=broken_moderator())
    checked = client.post("/api/moderate", json={"text": CLEAN})
    assert checked.status_code == 200
    assert checked.json()["decision"] == "review"
    assert checked.json()["hold"] == messages.SYSTEM_HOLD
    r = client.post(COMMENTS, json={"text": CLEAN, "author": "Ali"})
    assert r.status_code == 201, r.text
    comment = r.json()["comment"]
    assert comment["status"] == "pending"
    assert comment["decision"]["hold"] == messages.SYSTEM_HOLD
    assert client.get(COMMENTS).json()["comments"] == []  # not published
    add_moderator(client.app.state.suzgec.store)
    auth = client.post(
        "/api/moderator/token", json={"username": "ayse", "password": "gizli-parola"}
    )
    headers = {"Authorization": f"Bearer {auth.json()['token']}"}
    queue = client.get("/api/moderator/queue", headers=headers).json()["comments"]
    assert [c["id"] for c in queue] == [comment["id"]]
    assert queue[0]["decision"]["hold"] == messages.SYSTEM_HOLD
    assert SECRET not in caplog.text


def test_the_queue_page_says_why_a_comment_is_held(make_client, add_moderator) -> None:
    client = make_client(moderator=broken_moderator())
    add_moderator(client.app.state.suzgec.store)
    client.post(COMMENTS, json={"text": CLEAN})
    page = client.get("/moderator/giris").text
    csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    client.post(
        "/moderator/giris",
        data={"csrf": csrf, "username": "ayse", "password": "gizli-parola"},
        headers=HTML,
    )
    queue = client.get("/moderator", headers=HTML).text
    assert SECRET in queue
    assert f"<strong>Sistem</strong>: {messages.SYSTEM_HOLD}" in queue


def _jsonl(*texts: str) -> str:
    return "".join(
        json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n" for i, t in enumerate(texts, 1)
    )


def test_batch_holds_the_line_a_check_fails_on_and_goes_on(tmp_path, monkeypatch, caplog) -> None:
    """The real default checks, with the spelling check failing on one comment."""
    from suzgec.cli import main

    real = SpellingCheck.__call__

    def flaky(self, comment):
        if "patlat" in comment.text:
            raise IndexError(comment.text)
        return real(self, comment)

    monkeypatch.setattr(SpellingCheck, "__call__", flaky)
    source = tmp_path / "in.jsonl"
    source.write_text(_jsonl(CLEAN, f"{SECRET} patlat", SHOUTED), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, ["moderate", str(source), "-o", str(out), "-q"])
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == [1, 2, 3]
    assert [r["decision"] for r in records] == ["approve", "review", "reject"]
    assert [r["hold"] for r in records] == [None, messages.SYSTEM_HOLD, None]
    assert result.exit_code == 1
    assert "1/3 satırda bir denetim hata verdi" in result.output
    assert "Traceback" not in result.output
    assert "SpellingCheck" in caplog.text and SECRET not in caplog.text


def test_batch_line_failing_past_the_checks_is_an_error_record(monkeypatch, caplog) -> None:
    from suzgec.batch import moderate_line
    from suzgec.policy import Policy

    real = Policy.decide

    def flaky(self, text, signals, model_versions=None):
        if "patlat" in text:
            raise ZeroDivisionError(text)
        return real(self, text, signals, model_versions)

    monkeypatch.setattr(Policy, "decide", flaky)
    moderator = Moderator(checks=[CapitalsCheck()])
    lines = _jsonl(CLEAN, f"{SECRET} patlat", SHOUTED).encode().splitlines()
    records = [moderate_line(moderator, raw, n) for n, raw in enumerate(lines, 1)]
    assert records[0]["decision"] == "approve" and records[2]["decision"] == "reject"
    assert records[1]["line"] == 2 and records[1]["id"] == 2
    assert "ZeroDivisionError" in records[1]["error"]
    assert SECRET not in records[1]["error"] and SECRET not in caplog.text
