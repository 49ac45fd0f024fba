"""reader batch end to end: the fixture blog (tests/blog.py) over loopback HTTP, converted with espeak.

The fixture blog (30 short posts) is converted once per module; each later test works on a copy of that folder,
and whatever a test does to the blog (an edit, a deletion) is undone after it (``pristine``).
"""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path

import feedparser
import pytest

from audiocheck import decoded_seconds
from blog import serving
from reader.batch.folders import STAGING
from reader.batch.post import Post
from reader.cli import main

BASE_URL = "https://audio.example/blog/"


def batch(source: str, out: Path, *extra: str) -> int:
    return main(["batch", source, "--out", str(out), "--engine", "espeak", "--delay", "0", "-q", *extra])


def report(out: Path) -> dict:
    return json.loads((out / "report.json").read_text(encoding="utf-8"))


def index(out: Path) -> dict:
    return json.loads((out / "index.json").read_text(encoding="utf-8"))


def leftovers(out: Path) -> list[Path]:
    """Unfinished files and folders a run must not leave behind."""
    staging = out / STAGING
    return [p for p in out.rglob("*") if p.name.endswith(".part")] + (list(staging.iterdir()) if staging.exists() else [])


def snapshot(folder: Path) -> dict:
    return {p: (p.stat().st_size, p.stat().st_mtime_ns) for p in folder.rglob("*")}


@pytest.fixture(scope="module")
def blog():
    with serving(posts=30, max_sections=1) as site:
        yield site


@pytest.fixture(autouse=True)
def pristine(request):
    """The module's blog as it was before the test, whatever the test edited or deleted."""
    if "blog" not in request.fixturenames:
        yield
        return
    site = request.getfixturevalue("blog")
    entries, clock = copy.deepcopy(site.entries), site.clock
    yield
    site.entries[:], site.clock = entries, clock


@pytest.fixture(scope="module")
def converted(blog, tmp_path_factory):
    out = tmp_path_factory.mktemp("batch") / "audio"
    code = batch(blog.url("/"), out, "--base-url", BASE_URL)
    return out, code


def copy_of(converted, tmp_path) -> Path:
    out = tmp_path / "audio"
    shutil.copytree(converted[0], out)
    return out


@pytest.mark.slow
def test_the_fixture_blog_is_converted_whole(blog, converted):
    out, code = converted
    assert code == 0
    posts = blog.published()
    assert len(posts) >= 30
    entries = index(out)["posts"]
    assert sorted(e["url"] for e in entries) == sorted(blog.link(p) for p in posts)  # no pages, no drafts
    for entry in entries:
        assert entry["status"] == "done" and entry["content_hash"] and entry["published"]
        folder = out / entry["slug"]
        assert folder.parent == out
        manifest = json.loads((folder / "article.json").read_text(encoding="utf-8"))
        assert abs(decoded_seconds(out / entry["audio"]) - manifest["duration_ms"] / 1000) < 0.2
        assert entry["duration_ms"] == manifest["duration_ms"]
        assert entry["audio_bytes"] == (out / entry["audio"]).stat().st_size
        chapters = json.loads((folder / "chapters.json").read_text(encoding="utf-8"))
        assert len(chapters["chapters"]) == len(manifest["sections"])
        assert (folder / "article.captions.vtt").is_file()
    done = report(out)
    assert done["counts"] == {"converted": len(posts), "unchanged": 0, "failed": 0, "deleted": 0, "pruned": 0,
                              "pending": 0}
    assert done["audio_ms_total"] == sum(e["duration_ms"] for e in entries)
    feed = feedparser.parse((out / "feed.xml").read_bytes())
    assert not feed.bozo and len(feed.entries) == len(posts)
    assert all(e.enclosures[0].href.startswith(BASE_URL) for e in feed.entries)
    assert leftovers(out) == []


@pytest.mark.slow
def test_a_rerun_fetches_no_post_and_converts_nothing(blog, converted, tmp_path):
    out = copy_of(converted, tmp_path)
    before = len(blog.log)
    assert batch(blog.url("/"), out, "--base-url", BASE_URL) == 0
    done = report(out)
    assert done["counts"]["converted"] == 0 and done["counts"]["unchanged"] == len(blog.published())
    assert done["synthesized"] == 0
    post_paths = {f"/{p.slug}/" for p in blog.published()}
    assert not [h for h in blog.log[before:] if h.target in post_paths]  # skipped by modified date, not fetched


@pytest.mark.slow
def test_an_edited_paragraph_is_all_that_is_synthesized(blog, converted, tmp_path):
    out = copy_of(converted, tmp_path)
    post = next(p for p in blog.published() if not p.notes)
    new = "Die Giraffe wartet geduldig am Zebrastreifen. Ein Nashorn liest ihr dabei die Zeitung vor."
    blog.edit(post, paragraph=1, text=new)
    assert batch(blog.url("/"), out) == 0
    done = report(out)
    changed = [p for p in done["posts"] if p["status"] == "converted"]
    assert [p["url"] for p in changed] == [blog.link(post)]
    manifest = json.loads((out / changed[0]["slug"] / "article.json").read_text(encoding="utf-8"))
    utterances = [u for s in manifest["sections"] for u in s["utterances"]]
    from_new = [u for u in utterances if u["written"] in new]
    assert len(from_new) == 2
    assert changed[0]["synthesized"] == len(from_new) == done["synthesized"]
    assert changed[0]["cached"] == len(utterances) - len(from_new)
    assert "Giraffe" in " ".join(u["written"] for u in from_new)
    assert batch(blog.url("/"), out) == 0 and report(out)["counts"]["converted"] == 0


@pytest.mark.slow
def test_a_deleted_post_is_reported_and_pruned_on_request(blog, converted, tmp_path):
    out = copy_of(converted, tmp_path)
    gone = blog.published()[-1]
    url = blog.link(gone)
    slug = next(e["slug"] for e in index(out)["posts"] if e["url"] == url)
    blog.delete(gone)
    assert batch(blog.url("/"), out) == 0
    assert report(out)["counts"]["deleted"] == 1 and (out / slug / "article.mp3").is_file()
    assert next(e for e in index(out)["posts"] if e["url"] == url)["status"] == "deleted"
    blog.entries.append(gone)  # back again (unpublished for a while): what it was, nothing converted
    assert batch(blog.url("/"), out) == 0
    assert report(out)["counts"]["converted"] == 0
    assert next(e for e in index(out)["posts"] if e["url"] == url)["status"] == "done"
    blog.delete(gone)
    assert batch(blog.url("/"), out, "--prune") == 0
    assert report(out)["counts"]["pruned"] == 1
    assert not (out / slug).exists() and url not in [e["url"] for e in index(out)["posts"]]


@pytest.mark.slow
def test_prune_after_a_narrower_source_deletes_nothing(blog, converted, tmp_path):
    out = copy_of(converted, tmp_path)
    folders = sorted(p.name for p in out.iterdir() if p.name != "feed.xml")  # no --base-url: no feed
    one = tmp_path / "one.txt"
    one.write_text(blog.link(blog.published()[0]) + "\n")
    # a file of URLs, the sitemap (another SOURCE), the site read with --limit: none says what the blog lost
    for source, extra in ((str(one), ()), (blog.url("/wp-sitemap.xml"), ()), (blog.url("/"), ("--limit", "2"))):
        assert batch(source, out, "--prune", *extra) == 0, source
        counts = report(out)["counts"]
        assert counts["deleted"] == counts["pruned"] == 0, source
    assert sorted(p.name for p in out.iterdir()) == folders
    assert [e["status"] for e in index(out)["posts"]] == ["done"] * len(blog.published())


@pytest.mark.slow
def test_a_failed_reconversion_keeps_the_good_episode(blog, converted, tmp_path):
    out = copy_of(converted, tmp_path)
    post = blog.published()[3]
    url = blog.link(post)
    before = next(e for e in index(out)["posts"] if e["url"] == url)
    blog.edit(post, paragraph=1)
    blog.faults(error=1.0, max_in_row=1000, paths=(f"/{post.slug}/",))  # the page answers 500 from now on
    try:
        assert batch(blog.url("/"), out, "--base-url", BASE_URL) == 8
    finally:
        blog.no_faults()
    entry = next(e for e in index(out)["posts"] if e["url"] == url)
    assert entry["status"] == "failed" and entry["error"]
    assert (entry["audio"], entry["duration_ms"], entry["content_hash"]) == (
        before["audio"], before["duration_ms"], before["content_hash"])
    feed = feedparser.parse((out / "feed.xml").read_bytes())
    assert url in [e.link for e in feed.entries] and len(feed.entries) == len(blog.published())
    assert report(out)["posts_with_audio"] == len(blog.published())


@pytest.mark.slow
def test_dry_run_writes_nothing(blog, converted, tmp_path, capsys):
    fresh = tmp_path / "new"
    assert main(["batch", blog.url("/"), "--out", str(fresh), "--engine", "espeak", "--delay", "0", "--dry-run",
                 "--limit", "3"]) == 0
    plan = capsys.readouterr().out
    assert not fresh.exists()
    assert "3 to convert" in plan and "engine requests" in plan and "minutes of audio" in plan
    out = copy_of(converted, tmp_path)
    before = snapshot(out)
    assert main(["batch", blog.url("/"), "--out", str(out), "--engine", "espeak", "--dry-run"]) == 0
    plan = capsys.readouterr().out
    assert snapshot(out) == before
    assert batch(blog.url("/"), out) == 0  # the plan says what a run then does (other tests may have edited a post)
    done = report(out)
    assert f"{done['counts']['converted']} to convert" in plan
    assert f"{done['synthesized']} engine requests" in plan


@pytest.mark.slow
def test_pages_faults_are_retried_and_each_host_is_asked_politely(tmp_path):
    with serving(posts=4, max_sections=1) as site:
        site.faults(seed=3, error=0.2, rate_limit=0.15, reset=0.15, slow=0.2, retry_after=1)
        out = tmp_path / "audio"
        assert main(["batch", site.url("/"), "--out", str(out), "--engine", "espeak", "--delay", "0.3", "-q",
                     "--concurrency", "3", "--cache-dir", str(tmp_path / "cache")]) == 0
        assert report(out)["counts"]["converted"] == 4
        assert (tmp_path / "cache" / "utterances").is_dir() and not (out / ".cache").exists()
        kinds = {h.fault for h in site.log}
        assert {"error", "rate_limit", "reset", "slow"} <= kinds  # (the spacing itself: test_batch_units)


def test_hostile_slugs_stay_inside_the_folder_and_apart(tmp_path):
    from reader.batch.runner import Job, Listing, convert_all
    from reader.batch.speakers import Speakers, Voice
    from reader.batch.state import State

    hostile = ["../../boese", "/etc/passwd", "CON", "Foo", "foo", "a\x00b" + "x" * 300]
    with serving(posts=len(hostile), max_sections=1) as site:
        posts = [Post(url=site.link(e), slug=s) for e, s in zip(site.published(), hostile)]
        out = tmp_path / "deep" / "audio"
        out.mkdir(parents=True)
        speakers = Speakers(Voice(engine="espeak"))
        state = State(out)
        try:
            outcomes = convert_all(Job(out=out, speakers=speakers, delay=0), state, posts, Listing(None))
        finally:
            speakers.close()
            state.close()
    assert [o.status for o in outcomes] == ["converted"] * len(hostile)
    slugs = [o.slug for o in outcomes]
    assert len(set(slugs)) == len(hostile)
    assert all((out / s).resolve().parent == out.resolve() and (out / s / "article.mp3").is_file() for s in slugs)
    assert sorted(p.name for p in (tmp_path / "deep").iterdir()) == ["audio"]
    assert "con" not in slugs and not any(s.startswith(".") for s in slugs)


def exit_code(argv: list[str]) -> int:
    try:
        return main(argv)
    except SystemExit as stop:  # argparse ends the process on a bad command line
        return stop.code


def test_bad_options_are_usage_errors(tmp_path, capsys):
    for extra in (["--since", "gestern"], ["--limit", "0"], ["--tts-rate", "-1"], ["--base-url", "ftp://x/"],
                  ["--base-url", "https://a.example/audio/?x=1"], ["--base-url", "https://a.example/audio/#top"],
                  ["--base-url", "https://user:secret@a.example/audio/"], ["--cover", "no-such-cover.png"]):
        assert exit_code(["batch", "urls.txt", "--out", str(tmp_path / "o"), *extra]) == 2
        assert "reader: error:" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()
