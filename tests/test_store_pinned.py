"""Store.pinned: a run of store calls on one pooled connection (one checkout, one ping),
with each write block still committing or rolling back on its own."""

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import sqlalchemy as sa

from suzgec.config import Settings
from suzgec.model import Status
from suzgec.pipeline import Moderator
from suzgec.store import Conflict, Store
from suzgec.web.app import create_app

CLEAN = "Haber için teşekkürler, çok faydalı oldu."


@contextmanager
def checkouts(store: Store) -> Iterator[list[int]]:
    """Counts pool checkouts in the block: the list's one item, read after the block."""
    seen = [0]

    def count(*_args: object) -> None:
        seen[0] += 1

    sa.event.listen(store.engine.pool, "checkout", count)
    try:
        yield seen
    finally:
        sa.event.remove(store.engine.pool, "checkout", count)


@pytest.fixture
def article(store: Store):
    return store.create_article("deneme", "Deneme haberi", "Metin.", "Kaynak", "/static/x.svg")


def test_calls_in_a_pinned_block_share_one_checkout(store: Store, article) -> None:
    decision = Moderator().moderate(CLEAN)
    with checkouts(store) as loose:
        store.get_article("deneme")
        stored = store.add_comment("deneme", "Ali", decision)
        store.get_comment(stored.id)
    with checkouts(store) as pinned:
        with store.pinned():
            store.get_article("deneme")
            again = store.add_comment("deneme", "Ali", decision)
            assert store.get_comment(again.id).status is Status.APPROVED
            with store.pinned():  # a nested block keeps the same connection
                store.get_comment(stored.id)
    assert loose[0] == 3
    assert pinned[0] == 1


def test_a_write_in_a_pinned_block_commits_on_its_own(store: Store, article) -> None:
    decision = Moderator().moderate(CLEAN)
    with pytest.raises(RuntimeError), store.pinned():
        kept = store.add_comment("deneme", "Ali", decision)
        raise RuntimeError("after the write")
    # Seen from another connection: the write was committed when its block ended.
    assert store.get_comment(kept.id).text == CLEAN


def test_a_failed_write_rolls_back_alone_and_the_connection_goes_on(store: Store, article) -> None:
    decision = Moderator().moderate(CLEAN)
    with store.pinned():
        first = store.add_comment("deneme", "Ali", decision)
        with pytest.raises(Conflict):  # a unique violation inside the write block
            store.create_article("deneme", "Başka", "Metin.", "Kaynak")
        second = store.add_comment("deneme", "Ayşe", decision)
        assert store.get_comment(second.id).author == "Ayşe"
    assert [store.get_comment(c.id).author for c in (first, second)] == ["Ali", "Ayşe"]
    assert [a.title for a in store.list_articles()] == ["Deneme haberi"]


def test_reads_in_a_pinned_block_see_what_others_commit_meanwhile(store: Store, article) -> None:
    decision = Moderator().moderate(CLEAN)
    other = Store(store.engine)  # the same database, its own calls on their own connections
    with store.pinned():
        assert store.status_counts(["deneme"])["deneme"] == {}
        other.add_comment("deneme", "Ali", decision)
        assert store.status_counts(["deneme"])["deneme"] == {str(Status.APPROVED): 1}


def test_a_submission_takes_one_connection(store: Store, article) -> None:
    settings = Settings(rate_limit_per_minute=0, secret_key="test", spam_repeat_hours=24)
    state = create_app(settings, store=store).state.suzgec
    with checkouts(store) as seen:
        first = state.submit("deneme", "Ali", CLEAN, commenter_id="okur-1", address_hash="a")
        again = state.submit("deneme", "Ali", CLEAN, commenter_id="okur-1", address_hash="a")
    assert seen[0] == 2
    # The reads on that one connection still did their work: the repeat is held.
    assert (first.status, again.status) == (Status.APPROVED, Status.PENDING)
