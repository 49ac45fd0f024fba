"""The podcast feed of an archive: it parses (feedparser), lists every converted post as an episode with its
enclosure, duration, chapters and transcript, escapes what titles say, and builds URLs that stay under base_url."""

import json
import xml.etree.ElementTree as ET

import feedparser
import pytest

from reader.batch.feed import chapters_json, podcast_feed
from reader.errors import UsageError

BASE = "https://audio.example/blog archive/"
PODCAST = "{https://podcastindex.org/namespace/1.0}"


def entry(n: int, **extra) -> dict:
    slug = f"beitrag-{n}"
    data = {"url": f"https://blog.example/{slug}/", "slug": slug, "title": f"Beitrag {n}",
            "published": f"2024-03-{n:02d}T08:30:00+00:00", "modified": f"2024-04-{n:02d}T10:00:00+00:00",
            "content_hash": f"h{n}", "audio": f"{slug}/article.mp3", "audio_bytes": 1000 + n,
            "duration_ms": 61_000 + n * 1000, "status": "done", "chapters": f"{slug}/chapters.json"}
    data.update(extra)
    return data


def index(posts) -> dict:
    return {"generator": "reader test", "source": "https://blog.example/", "posts": posts}


def test_every_converted_post_is_an_episode_with_enclosure_duration_chapters_and_transcript():
    posts = [entry(n) for n in range(1, 13)] + [entry(20, status="failed", audio=None)]
    feed = feedparser.parse(podcast_feed(index(posts), base_url=BASE, title="Denkzettel"))
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.title == "Denkzettel" and feed.feed.language == "de"
    assert feed.feed.author == "Denkzettel" and feed.feed.tags[0].term == "News"
    assert len(feed.entries) == 12
    by_link = {e.link: e for e in feed.entries}
    for n in range(1, 13):
        episode = by_link[f"https://blog.example/beitrag-{n}/"]
        assert episode.id == f"https://blog.example/beitrag-{n}/"
        assert episode.published_parsed[:5] == (2024, 3, n, 8, 30)
        (enclosure,) = episode.enclosures
        assert enclosure.href == f"https://audio.example/blog%20archive/beitrag-{n}/article.mp3"
        assert enclosure.length == str(1000 + n) and enclosure.type == "audio/mpeg"
        seconds = 61 + n
        assert episode.itunes_duration == f"00:{seconds // 60:02d}:{seconds % 60:02d}"
    root = ET.fromstring(podcast_feed(index(posts), base_url=BASE))
    item = root.find("channel/item")
    chapters, transcript = item.find(f"{PODCAST}chapters"), item.find(f"{PODCAST}transcript")
    assert chapters.get("type") == "application/json+chapters"
    assert chapters.get("url").endswith("/beitrag-1/chapters.json")
    assert transcript.get("type") == "text/vtt" and transcript.get("url").endswith("/beitrag-1/article.captions.vtt")
    assert root.findtext("channel/{http://www.itunes.com/dtds/podcast-1.0.dtd}explicit") == "false"
    self_link = root.find("channel/{http://www.w3.org/2005/Atom}link")
    assert self_link.get("href") == "https://audio.example/blog%20archive/feed.xml" and self_link.get("rel") == "self"


def test_hostile_titles_are_escaped_and_paths_leaving_the_folder_are_no_episodes():
    hostile = 'Q&A: <script>alert("x")</script> ]]> \x00\x1b „Zitat“ & mehr'
    posts = [entry(1, title=hostile, url="https://blog.example/q&a/?x=<1>"),
             entry(2, audio="../../etc/passwd"), entry(3, audio="/abs/article.mp3"),
             entry(4, slug="leer zeichen", audio="leer zeichen/#?.mp3", chapters="leer zeichen/chapters.json")]
    data = podcast_feed(index(posts), base_url="https://audio.example", title="<b>Show</b> & Co")
    feed = feedparser.parse(data)
    assert not feed.bozo, feed.get("bozo_exception")
    root = ET.fromstring(data)  # well-formed XML: control characters dropped
    titles = [item.findtext("title") for item in root.iter("item")]
    assert titles[0] == 'Q&A: <script>alert("x")</script> ]]> „Zitat“ & mehr'
    assert root.findtext("channel/title") == "<b>Show</b> & Co"
    enclosures = [item.find("enclosure").get("url") for item in root.iter("item")]
    assert enclosures == ["https://audio.example/beitrag-1/article.mp3",
                          "https://audio.example/leer%20zeichen/%23%3F.mp3"]


def test_chapters_and_captions_only_when_the_files_exist_in_folder(tmp_path):
    (tmp_path / "beitrag-1").mkdir()
    (tmp_path / "beitrag-1" / "chapters.json").write_text("{}")
    (tmp_path / "beitrag-2").mkdir()
    (tmp_path / "beitrag-2" / "article.captions.vtt").write_text("WEBVTT\n")
    (tmp_path / "cover.jpg").write_bytes(b"\xff\xd8")
    root = ET.fromstring(podcast_feed(index([entry(1), entry(2)]), base_url=BASE, folder=tmp_path))
    items = {item.findtext("link"): item for item in root.iter("item")}
    first, second = items["https://blog.example/beitrag-1/"], items["https://blog.example/beitrag-2/"]
    assert first.find(f"{PODCAST}chapters") is not None and first.find(f"{PODCAST}transcript") is None
    assert second.find(f"{PODCAST}chapters") is None and second.find(f"{PODCAST}transcript") is not None
    image = root.find("channel/{http://www.itunes.com/dtds/podcast-1.0.dtd}image")
    assert image.get("href") == "https://audio.example/blog%20archive/cover.jpg"


def test_an_empty_archive_is_a_valid_feed_and_a_bad_base_url_a_usage_error():
    feed = feedparser.parse(podcast_feed(index([]), base_url=BASE))
    assert not feed.bozo and feed.entries == []
    for bad in ("", "ftp://x/", "/local/folder", "javascript:alert(1)"):
        with pytest.raises(UsageError):
            podcast_feed(index([]), base_url=bad)


def test_chapters_json_is_podcasting_2_chapters():
    manifest = {"title": "Beitrag\x07 1", "sections": [
        {"title": "Beitrag 1", "start_ms": 0, "end_ms": 12_500},
        {"title": "Die Zahlen", "start_ms": 12_500, "end_ms": 40_000},
        {"title": "Fußnoten", "start_ms": 40_000, "end_ms": 45_250}]}
    data = chapters_json(manifest)
    assert data.pop("generator").startswith("reader ")  # reader's mark: the file is replaced only when it is there
    assert data == {"version": "1.2.0", "title": "Beitrag 1", "chapters": [
        {"startTime": 0.0, "endTime": 12.5, "title": "Beitrag 1"},
        {"startTime": 12.5, "endTime": 40.0, "title": "Die Zahlen"},
        {"startTime": 40.0, "endTime": 45.25, "title": "Fußnoten"}]}
    json.dumps(data)  # plain JSON
