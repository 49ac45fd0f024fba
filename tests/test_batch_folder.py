"""reader batch and the user's own files in DIR, runs that fail before any work, the filters and the feed's
channel, all through the command line against small fixture blogs (espeak)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from blog import serving
from reader.cli import main

ITUNES = "{http://www.itunes.com/dtds/podcast-1.0.dtd}"


def batch(source: str, out: Path, *extra: str) -> int:
    try:
        return main(["batch", source, "--out", str(out), "--engine", "espeak", "--delay", "0", "-q", *extra])
    except SystemExit as stop:
        return stop.code


def index(out: Path) -> dict:
    return json.loads((out / "index.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def small():
    with serving(posts=2, max_sections=1) as site:
        yield site


def test_the_users_index_feed_and_report_are_never_replaced(small, tmp_path, capsys):
    for name in ("index.json", "feed.xml", "report.json"):
        out = tmp_path / name.replace(".", "-")
        out.mkdir()
        (out / name).write_text("meins\n")
        assert batch(small.url("/"), out, "--base-url", "https://a.example/") == 6, name
        assert f"{out / name} exists and was not made by reader" in capsys.readouterr().err
        assert (out / name).read_text() == "meins\n"
        assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == [name]  # no work done
    mine = tmp_path / "json-without-generator"
    mine.mkdir()
    (mine / "report.json").write_text('{"counts": 1}')
    assert batch(small.url("/"), mine) == 6 and (mine / "report.json").read_text() == '{"counts": 1}'


def test_a_users_folder_with_a_post_name_is_kept_and_the_post_gets_another(small, tmp_path):
    out = tmp_path / "audio"
    post = small.published()[0]
    mine = out / post.slug
    mine.mkdir(parents=True)
    (mine / "article.mp3").write_bytes(b"my own recording")  # reader's file name, not reader's file
    (out / ".staging").mkdir()
    (out / ".staging" / "mine.txt").write_text("meins")  # the old staging name: the user's now
    assert batch(small.url("/"), out) == 0
    assert (mine / "article.mp3").read_bytes() == b"my own recording" and sorted(mine.iterdir()) == [
        mine / "article.mp3"]
    assert (out / ".staging" / "mine.txt").read_text() == "meins"
    entry = next(e for e in index(out)["posts"] if e["url"] == small.link(post))
    assert entry["slug"].startswith(post.slug + "-") and (out / entry["audio"]).is_file()
    assert batch(small.url("/"), out) == 0  # and on every run after
    assert (mine / "article.mp3").read_bytes() == b"my own recording"


def test_runs_that_fail_before_any_work_leave_no_folder(tmp_path):
    out = tmp_path / "audio"
    assert batch("http://127.0.0.1:9/", out, "--timeout", "2") == 3  # nothing listens there
    assert batch(str(tmp_path / "no-such-list.txt"), out) == 2
    assert not out.exists()


def test_the_filters_apply_once_and_as_the_readme_says(small, tmp_path, capsys):
    out = tmp_path / "audio"
    for source, said in ((small.url("/"), "no category nichtda on this site"),
                         (small.url("/feed/"), "no category nichtda on this site"),
                         (small.url("/wp-sitemap.xml"), "the sitemap listing names no categories")):
        assert batch(source, out, "--category", "nichtda") == 2, source
        assert said in capsys.readouterr().err
    assert not out.exists()
    with serving(posts=4, max_sections=1, rest="off") as site:  # a sitemap: dates are last changes only
        newest = site.published()[0]
        since = newest.modified.date().isoformat()
        assert batch(site.url("/"), out, "--since", since) == 0
        report = json.loads((out / "report.json").read_text(encoding="utf-8"))
        assert report["discovery"]["method"] == "wp-sitemap"
        expected = {site.link(e) for e in site.published() if e.modified.date().isoformat() >= since}
        assert {p["url"] for p in report["posts"]} == expected and site.link(newest) in expected
        assert report["discovery"]["selected"] == len(expected) < len(site.published())


def test_plain_permalinks_are_named_after_their_title_or_id(small, tmp_path):
    urls = tmp_path / "urls.txt"
    urls.write_text("".join(f"{small.url('/')}?p={e.id}\n" for e in small.published()))
    out = tmp_path / "audio"
    assert batch(str(urls), out) == 0
    assert sorted(e["slug"] for e in index(out)["posts"]) == sorted(f"p-{e.id}" for e in small.published())


def test_the_feed_names_the_blog_has_its_cover_and_leads_and_goes_without_base_url(small, tmp_path):
    out = tmp_path / "audio"
    cover = tmp_path / "bild.png"
    cover.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    assert batch(small.url("/"), out, "--base-url", "https://a.example/hoeren/", "--cover", str(cover)) == 0
    channel = ET.parse(out / "feed.xml").getroot().find("channel")
    assert channel.findtext("title") == "Denkzettel"  # the site's name (its home page's <title>)
    assert channel.find(f"{ITUNES}owner/{ITUNES}name").text == "Denkzettel"
    assert channel.find(f"{ITUNES}image").get("href") == "https://a.example/hoeren/cover.png"
    assert (out / "cover.png").read_bytes() == cover.read_bytes()
    first = small.published()[0]
    item = next(i for i in channel.iter("item") if i.findtext("link") == small.link(first))
    assert item.findtext("description").startswith(first.paragraphs[0][:60])
    assert batch(small.url("/"), out, "--base-url", "https://a.example/hoeren/", "--title", "Zum Hören") == 0
    assert ET.parse(out / "feed.xml").getroot().findtext("channel/title") == "Zum Hören"
    assert batch(small.url("/"), out) == 0  # no --base-url: reader's old feed (stale links) is removed
    assert not (out / "feed.xml").exists()
    no_cover = tmp_path / "plain"
    assert batch(small.url("/"), no_cover, "--base-url", "https://a.example/") == 0
    assert ET.parse(no_cover / "feed.xml").getroot().find(f"channel/{ITUNES}image") is None
