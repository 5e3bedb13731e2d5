"""The reader thread in each order (issue 11): oldest, newest, most replied; paging
finds every published comment once; a deep link opens the page of its thread."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pytest

from suzgec.model import Status
from suzgec.store import Store, ThreadSort
from suzgec.web.demo import DEMO_SLUG

CLEAN = "Haber için teşekkürler, çok faydalı oldu."
SLUG = "deneme"


@dataclass
class Thread:
    """What was stored: top comments (by id), the replies under each, the rest."""

    tops: list[int] = field(default_factory=list)
    replies: dict[int, list[int]] = field(default_factory=dict)
    hidden: list[int] = field(default_factory=list)  # not published

    @property
    def published(self) -> set[int]:
        return set(self.tops) | {r for rs in self.replies.values() for r in rs}

    def order(self, sort: ThreadSort) -> list[int]:
        if sort is ThreadSort.OLDEST:
            return sorted(self.tops)
        if sort is ThreadSort.NEWEST:
            return sorted(self.tops, reverse=True)
        return sorted(self.tops, key=lambda t: (-len(self.replies.get(t, [])), -t))

    def top_of(self, comment_id: int) -> int:
        return next((t for t, rs in self.replies.items() if comment_id in rs), comment_id)


def build(store: Store, moderator, slug: str = SLUG) -> Thread:
    """Nine top comments with 0 to 3 replies (one nested), a pending comment, and a top
    comment taken down, whose reply is then shown as a top comment of its own."""
    clean = moderator.moderate(CLEAN)
    out = Thread()

    def add(parent: int | None = None) -> int:
        return store.add_comment(slug, "Okur", clean, parent_id=parent).id

    out.tops = [add() for _ in range(9)]
    plan = {out.tops[2]: 3, out.tops[5]: 2, out.tops[0]: 1, out.tops[7]: 2}
    for top, n in plan.items():
        first = add(top)
        out.replies[top] = [first]
        for _ in range(n - 1):
            out.replies[top].append(add(first))  # a reply to a reply: same thread
    out.hidden.append(store.add_comment(slug, "Okur", moderator.moderate("Bu incelensin.")).id)
    gone = out.tops[8]
    orphan = add(gone)
    store.decide(gone, "ayse", Status.REJECTED, overturn=True)
    out.tops.remove(gone)
    out.hidden.append(gone)
    out.tops.append(orphan)  # its thread top is gone: a top comment now
    return out


def pages(store: Store, sort: ThreadSort, limit: int, slug: str = SLUG) -> list:
    found, cursor = [], None
    while True:
        page = store.thread_page(slug, after=cursor, limit=limit, sort=sort)
        found.append(page)
        if page.next_cursor is None:
            return found
        cursor = page.next_cursor


@pytest.mark.parametrize("sort", list(ThreadSort))
@pytest.mark.parametrize("limit", [1, 2, 4, 50])
def test_paging_each_order_finds_every_comment_once(
    store: Store, review_moderator, sort: ThreadSort, limit: int
) -> None:
    store.create_article(SLUG, "Deneme", "Metin.", "Kaynak")
    made = build(store, review_moderator)
    found = pages(store, sort, limit)
    ids = [c.id for p in found for c in p.items]
    assert sorted(ids) == sorted(made.published)  # each once, nothing unpublished
    assert all(p.total == len(made.published) for p in found)  # exact on every page
    tops = [c.id for p in found for c in p.items if made.top_of(c.id) == c.id]
    assert tops == made.order(sort)
    # Thread by thread: each top comment, then its replies oldest first.
    for page in found:
        ordered = [c.id for c in page.items]
        expected = [
            x
            for t in [c.id for c in page.items if c.id in made.tops]
            for x in [t, *sorted(made.replies.get(t, []))]
        ]
        assert ordered == expected
    assert len(found) == -(-len(made.tops) // limit)


def test_most_replied_counts_only_published_replies(store: Store, review_moderator) -> None:
    store.create_article(SLUG, "Deneme", "Metin.", "Kaynak")
    clean = review_moderator.moderate(CLEAN)
    a = store.add_comment(SLUG, "A", clean).id
    b = store.add_comment(SLUG, "B", clean).id
    store.add_comment(SLUG, "Yanıt", clean, parent_id=a)
    for _ in range(2):
        late = store.add_comment(SLUG, "Yanıt", clean, parent_id=b).id
    assert store.thread_page(SLUG, sort=ThreadSort.REPLIES).items[0].id == b
    store.decide(late, "ayse", Status.REJECTED, overturn=True)
    # b and a have one reply each now: equal counts, the newer first
    page = store.thread_page(SLUG, sort=ThreadSort.REPLIES, limit=1)
    assert page.items[0].id == b and page.next_cursor == 1
    rest = store.thread_page(SLUG, sort=ThreadSort.REPLIES, limit=1, after=page.next_cursor)
    assert rest.items[0].id == a and rest.next_cursor is None


@pytest.mark.parametrize("sort", list(ThreadSort))
def test_a_deep_link_opens_the_page_of_its_thread(
    store: Store, review_moderator, sort: ThreadSort
) -> None:
    store.create_article(SLUG, "Deneme", "Metin.", "Kaynak")
    made = build(store, review_moderator)
    for comment_id in sorted(made.published):
        cursor = store.thread_cursor(SLUG, comment_id, sort)
        assert cursor is not None
        page = store.thread_page(SLUG, after=cursor, limit=2, sort=sort)
        assert comment_id in [c.id for c in page.items]
        assert page.items[0].id == made.top_of(comment_id)  # the page starts at its thread
    for hidden in made.hidden:  # pending, or taken down: the first page instead
        assert store.thread_cursor(SLUG, hidden, sort) is None
    store.create_article("baska", "Başka", "Metin.", "Kaynak")
    assert store.thread_cursor("baska", made.tops[0], sort) is None
    assert store.thread_cursor(SLUG, 999_999, sort) is None


def test_the_api_sorts_and_links_to_one_comment(
    make_client, store: Store, review_moderator
) -> None:
    client = make_client(store=store, moderator=review_moderator)
    made = build(store, review_moderator, DEMO_SLUG)
    url = f"/api/articles/{DEMO_SLUG}/comments"
    for sort in ThreadSort:
        seen, cursor = [], None
        while True:
            params = {"sort": str(sort), "limit": 3, **({"after": cursor} if cursor else {})}
            body = client.get(url, params=params).json()
            assert body["total"] == len(made.published)
            seen += [c["id"] for c in body["comments"]]
            cursor = body["next_cursor"]
            if cursor is None:
                break
        assert sorted(seen) == sorted(made.published)
        assert [i for i in seen if i in made.tops] == made.order(sort)
        reply = made.replies[made.tops[7]][-1]
        linked = client.get(url, params={"sort": str(sort), "limit": 1, "comment": reply}).json()
        assert [c["id"] for c in linked["comments"]] == [made.tops[7], *made.replies[made.tops[7]]]
    bad = client.get(url, params={"sort": "karışık"})
    assert bad.status_code == 422
    assert "sort" in bad.json()["error"]["message"]


def _more(html: str) -> str | None:
    found = re.search(r'class="more" href="([^"]*)"', html)
    return found.group(1).replace("&amp;", "&") if found else None


def _shown(html: str) -> list[int]:
    return [int(i) for i in re.findall(r'<li class="comment[^"]*" id="yorum-(\d+)"', html)]


def test_the_widget_keeps_the_order_in_its_links(make_client, review_moderator) -> None:
    client = make_client(moderator=review_moderator, comments_per_page=2)
    store = client.app.state.suzgec.store
    made = build(store, review_moderator, DEMO_SLUG)
    embed = f"/embed/{DEMO_SLUG}"
    first = client.get(embed, params={"sirala": "yanit"}).text
    assert 'class="current" aria-current="true">En çok yanıtlanan' in first
    assert 'href="?sirala=yeni"' in first and 'href="?sirala=eski"' in first
    assert "?sirala=yanit&amp;yanit=" in first  # "Yanıtla" keeps the order
    assert 'name="sirala" value="yanit"' in first  # so does the comment form
    seen = _shown(first)
    link = _more(first)
    while link:
        assert link.startswith("?sirala=yanit&sonra=")
        assert "Daha fazla yorum" in first
        first = client.get(embed + link).text
        seen += _shown(first)
        link = _more(first)
    assert sorted(seen) == sorted(made.published)
    assert [i for i in seen if i in made.tops] == made.order(ThreadSort.REPLIES)
    # Without a choice the thread reads oldest first, as before.
    assert _shown(client.get(embed).text)[0] == min(made.tops)
    assert _shown(client.get(embed, params={"sirala": "bilinmez"}).text)[0] == min(made.tops)


@pytest.mark.parametrize("sirala", ["eski", "yeni", "yanit"])
def test_a_widget_deep_link_opens_and_marks_a_reply(
    make_client, review_moderator, sirala: str
) -> None:
    client = make_client(moderator=review_moderator, comments_per_page=1)
    store = client.app.state.suzgec.store
    made = build(store, review_moderator, DEMO_SLUG)
    reply = made.replies[made.tops[5]][-1]  # a reply to a reply, deep in the thread
    html = client.get(f"/embed/{DEMO_SLUG}", params={"sirala": sirala, "yorum": reply}).text
    assert _shown(html)[0] == made.tops[5]
    assert f'<li class="comment linked" id="yorum-{reply}">' in html
    assert "İlk yorumlara dön" in html
    # Switching the order keeps the link to the comment.
    assert f'href="?sirala=yeni&amp;yorum={reply}"' in html
    orphan = made.tops[-1]  # a reply whose thread top was taken down
    html = client.get(f"/embed/{DEMO_SLUG}", params={"sirala": sirala, "yorum": orphan}).text
    assert _shown(html) == [orphan]
