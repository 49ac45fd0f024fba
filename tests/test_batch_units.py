"""Batch building blocks without a blog: folder names, the shared rate limiter, filters, the state store."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from reader.batch.folders import is_ours, swap_in
from reader.batch.polite import HostGate
from reader.batch.post import Post
from reader.batch.select import Filters, select
from reader.batch.slugs import MAX_LENGTH, slugify, unique_slug
from reader.batch.state import State
from reader.engines.ratelimit import RateLimiter
from reader.errors import OutputError

HOSTILE = ["../../etc/passwd", "/etc/passwd", "..", ".", "", "a\x00b", "x" * 500, "CON", "nul", "com1", "Über-Größe",
           "日本語", "C:\\Windows\\system32", "a/../../b", "~root", ".reader-batch", "index.json", "%2e%2e%2f"]


@pytest.mark.parametrize("text", HOSTILE)
def test_a_folder_name_is_always_one_plain_safe_name(text, tmp_path):
    name = slugify(text)
    assert name and len(name) <= MAX_LENGTH
    assert set(name) <= set("abcdefghijklmnopqrstuvwxyz0123456789-")
    assert name not in ("con", "nul", "com1", "prn", "aux")
    assert (tmp_path / name).resolve().parent == tmp_path.resolve()


def test_german_letters_are_spelled_out_and_case_is_folded():
    assert slugify("Über Größe & Maß") == "ueber-groesse-mass"
    assert slugify("Foo") == slugify("FOO") == "foo"


def test_clashing_names_get_a_stable_suffix_from_the_url():
    taken: set[str] = set()
    first = unique_slug("https://b.example/Foo/", "", taken)
    taken.add(first)
    second = unique_slug("https://b.example/foo/", "", taken)
    assert first == "foo" and second.startswith("foo-") and second != first
    assert unique_slug("https://b.example/foo/", "", {"foo"}) == second  # the same on every run


def test_the_slug_comes_from_the_source_else_the_url():
    assert unique_slug("https://b.example/2024/05/mein-beitrag/", "", set()) == "mein-beitrag"
    assert unique_slug("https://b.example/?p=5", "%c3%bcbermorgen", set()) == "uebermorgen"
    assert unique_slug("https://b.example/seite.html", "", set()) == "seite"
    assert unique_slug("https://b.example/", "", set()) == "b-example"


def test_rate_limiter_spaces_requests_and_a_pause_holds_everyone():
    now = [0.0]
    waits: list[float] = []

    def wait(seconds):
        waits.append(seconds)
        now[0] += seconds

    limiter = RateLimiter(2.0, clock=lambda: now[0])
    starts = []
    for _ in range(3):
        limiter.acquire(wait)
        starts.append(now[0])
    assert starts == [0.0, 0.5, 1.0]
    assert limiter.refused(5, backoff=lambda n: 99)  # Retry-After: 5 from t=1
    assert limiter.refused(3, backoff=lambda n: 99)  # a shorter one while paused: same pause episode
    limiter.acquire(wait)
    assert now[0] == pytest.approx(6.0)  # the pause (from t=1) wins over the next slot
    assert limiter.pauses == 1 and limiter.waits == [5, 3] and limiter.paused == pytest.approx(5)


def test_rate_limiter_wait_ends_when_stopped():
    limiter = RateLimiter(None)
    limiter.refused(60, backoff=lambda n: 0)
    stop = threading.Event()
    stop.set()
    assert limiter.acquire(lambda s: None, stop.is_set) is False


def test_the_breaker_trips_on_429s_in_a_row_a_too_long_retry_after_or_too_much_pausing():
    now = [0.0]
    limiter = RateLimiter(4.0, clock=lambda: now[0], max_strikes=3)
    backoffs = []
    assert limiter.refused(None, backoff=lambda n: backoffs.append(n) or 2.0)
    limiter.succeeded()  # an answer with audio: the count starts again
    assert limiter.refused(None, backoff=lambda n: backoffs.append(n) or 2.0)
    assert limiter.refused(None, backoff=lambda n: backoffs.append(n) or 2.0)
    assert backoffs == [0, 0, 1]  # the back-off grows with the 429s in a row, not per caller
    assert not limiter.refused(0, backoff=lambda n: 0) and limiter.tripped
    assert limiter.acquire(lambda s: None) is False  # nobody starts once it tripped
    long_wait = RateLimiter(4.0, clock=lambda: now[0])
    assert long_wait.refused(900, backoff=lambda n: 0)  # 15 minutes are honoured in full
    assert long_wait.waits == [900]
    assert not RateLimiter(4.0, clock=lambda: now[0]).refused(901, backoff=lambda n: 0)
    paused = RateLimiter(4.0, clock=lambda: now[0], max_paused=100)
    for _ in range(3):
        assert paused.refused(30, backoff=lambda n: 0)
        now[0] += 30
        paused.succeeded()
    assert not paused.refused(30, backoff=lambda n: 0) and paused.pauses == 3


def test_host_gate_spaces_requests_to_one_host_only():
    now = [0.0]
    waits: list[float] = []
    gate = HostGate(1.5, wait=lambda s: (waits.append(s), now.__setitem__(0, now[0] + s)), clock=lambda: now[0])
    with gate.visit("http://a.example/1"):
        pass
    with gate.visit("http://b.example/1"):
        pass
    with gate.visit("http://a.example/2"):
        pass
    assert waits == [1.5]


def test_filters_since_category_patterns_pages_and_limit():
    posts = [
        Post("https://b.example/alt/", published="2023-01-01T10:00:00+00:00", categories=("Wirtschaft",)),
        Post("https://b.example/neu/", published="2024-06-01T10:00:00+00:00", categories=("Künstliche Intelligenz",)),
        Post("https://b.example/mitte/", published="2024-01-01T10:00:00+00:00"),
        Post("https://b.example/impressum/", kind="page"),
    ]
    urls = lambda found: [p.url.split("/")[3] for p in found]  # noqa: E731
    assert urls(select(posts, Filters())) == ["neu", "mitte", "alt"]
    assert urls(select(posts, Filters(pages=True, limit=2))) == ["neu", "mitte"]
    assert urls(select(posts, Filters(since="2024-01-01"))) == ["neu", "mitte"]
    assert urls(select(posts, Filters(categories=("kuenstliche-intelligenz",)))) == ["neu"]
    assert urls(select(posts, Filters(include=("*/n*",), exclude=("mitte",)))) == ["neu"]


def test_state_survives_reopening_and_keeps_each_posts_folder(tmp_path):
    state = State(tmp_path)
    state.add("https://b.example/a/", "a", title="A")
    state.started("https://b.example/a/")
    state.update("https://b.example/a/", status="done", content_hash="h", duration_ms=1200)
    state.close()
    again = State(tmp_path)
    row = again.rows()["https://b.example/a/"]
    assert (row.slug, row.status, row.content_hash, row.duration_ms, row.attempts) == ("a", "done", "h", 1200, 1)
    again.add("https://b.example/a/", "other")  # a known post keeps its folder
    assert [r.slug for r in again.rows().values()] == ["a"]
    with pytest.raises(ValueError):
        again.update("https://b.example/a/", nonsense=1)


def test_a_post_folder_holding_other_files_is_never_replaced(tmp_path):
    dest = tmp_path / "post"
    dest.mkdir()
    (dest / "notes.txt").write_text("mine")
    staged = tmp_path / "staged"
    staged.mkdir()
    (staged / "article.mp3").write_bytes(b"x")
    assert not is_ours(dest)
    with pytest.raises(OutputError):
        swap_in(staged, dest)
    assert (dest / "notes.txt").read_text() == "mine"


def readers_mp3(path: Path, data: bytes = b"\xff\xfb\x90\x00" * 8) -> Path:
    from mutagen.id3 import ID3, TSSE

    path.write_bytes(data)
    tags = ID3()
    tags.add(TSSE(encoding=3, text=["reader 0.1"]))
    tags.save(path)
    return path


def test_swap_replaces_readers_own_folder_whole(tmp_path):
    dest, staged = tmp_path / "post", tmp_path / "staged"
    dest.mkdir()
    readers_mp3(dest / "article.mp3")
    (dest / "article.captions.vtt").write_text("WEBVTT - reader\n")
    (dest / "article.json").write_text('{"generator": "reader 0.1"}')
    staged.mkdir()
    (staged / "article.mp3").write_bytes(b"new")
    swap_in(staged, dest)
    assert sorted(p.name for p in dest.iterdir()) == ["article.mp3"]
    assert (dest / "article.mp3").read_bytes() == b"new" and not staged.exists()
    assert [p.name for p in Path(tmp_path).iterdir()] == ["post"]


@pytest.mark.parametrize("mine", [
    {"article.mp3": b"my own recording"},  # reader's file name, not reader's file (no manifest beside it)
    {"article.json": b'{"title": "meins"}'},
    {"article.captions.vtt": b"WEBVTT\n"},
    {"chapters.json": b'{"version": "1.2.0"}'},
])
def test_a_folder_is_readers_only_when_every_file_carries_readers_mark(tmp_path, mine):
    dest = tmp_path / "kontakt"
    dest.mkdir()
    readers_mp3(dest / "article.mp3")
    (dest / "article.json").write_text('{"generator": "reader 0.1"}')
    assert is_ours(dest)
    for name, data in mine.items():
        (dest / name).write_bytes(data)
    assert not is_ours(dest)
    staged = tmp_path / "staged"
    staged.mkdir()
    with pytest.raises(OutputError):
        swap_in(staged, dest)
    assert {p.name: p.read_bytes() for p in dest.iterdir()}[next(iter(mine))] == next(iter(mine.values()))


def test_plain_permalinks_are_named_after_the_title_else_the_id():
    assert unique_slug("https://b.example/?p=12", "", set()) == "p-12"
    assert unique_slug("https://b.example/?p=12", "", set(), title="Hallo Welt") == "hallo-welt"
    assert unique_slug("https://b.example/index.php?page_id=3", "", set()) == "page-3"
    assert unique_slug("https://b.example/?p=12", "", {"p-12"}).startswith("p-12-")
