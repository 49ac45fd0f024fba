"""The archive as a podcast: index.json -> feed.xml (RSS 2.0 with iTunes and Podcasting 2.0 tags), and a
manifest -> Podcasting 2.0 JSON chapters. Plain data in, bytes out; no network, no files read except to check
that an episode's chapters and captions exist when ``folder`` is given.

The index (written by ``outputs.build_index``) is assumed to be::

    {"source": "https://blog.example/", "base_url": "...", "posts": [
        {"url": "https://blog.example/post/", "slug": "post", "title": "...",
         "published": "2024-03-05T08:30:00+00:00", "modified": "...", "content_hash": "...",
         "audio": "post/article.mp3", "audio_bytes": 123456, "duration_ms": 61000, "status": "done",
         "chapters": "post/chapters.json", "captions": "post/article.captions.vtt"  (optional), ...}, ...]}

Paths are relative to DIR, which is served at ``base_url``. Every post with an audio file is an episode
(also when its last attempt failed: the index names the good version it still has), except a deleted one. Without a ``captions`` key the captions are looked for beside the audio
(``article.mp3`` -> ``article.captions.vtt``, as ``reader.embed.vtt`` names them). The guid of an episode is
its post's URL (``isPermaLink="false"``): stable across re-conversions, so podcast apps do not show an edited
post as a new episode. Every URL is built with ``urllib.parse.quote`` on each path segment; a path that would
leave DIR (``..``, absolute) is not an episode.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import datetime, timezone
from email.utils import format_datetime
from pathlib import Path, PurePosixPath
from urllib.parse import quote, urlsplit

from ..errors import UsageError

NAMESPACES = {
    "itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd",
    "atom": "http://www.w3.org/2005/Atom",
    "podcast": "https://podcastindex.org/namespace/1.0",
}
CHAPTERS_VERSION = "1.2.0"
CHAPTERS_TYPE = "application/json+chapters"
COVER_NAMES = ("cover.jpg", "cover.png")  # an image of the show in DIR, used when no image URL is given
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")

for _prefix, _uri in NAMESPACES.items():
    ET.register_namespace(_prefix, _uri)


def podcast_feed(index: dict, *, base_url: str, title: str | None = None, description: str | None = None,
                 link: str | None = None, language: str = "de", author: str | None = None,
                 image: str | None = None, category: str = "News", explicit: bool = False,
                 folder: str | Path | None = None, feed_name: str = "feed.xml") -> bytes:
    """The podcast RSS 2.0 feed of the archive, UTF-8 bytes."""
    base = checked_base_url(base_url)
    source = str(index.get("source") or "")
    host = urlsplit(source).hostname or urlsplit(base).hostname or "reader"
    folder = Path(folder) if folder is not None else None
    channel_title = title or f"{host} – vorgelesen"
    rss = ET.Element("rss", {"version": "2.0"})
    channel = ET.SubElement(rss, "channel")
    _text(channel, "title", channel_title)
    _text(channel, "link", link or (source if source.startswith(("http://", "https://")) else base))
    _text(channel, "description", description or f"Die Beiträge von {host}, vorgelesen.")
    _text(channel, "language", language)
    _text(channel, "generator", str(index.get("generator") or "reader"))
    _text(channel, "lastBuildDate", format_datetime(datetime.now(timezone.utc), usegmt=True))
    ET.SubElement(channel, _ns("atom", "link"), {"href": _url(base, feed_name), "rel": "self",
                                                  "type": "application/rss+xml"})
    _text(channel, _ns("itunes", "author"), author or channel_title)
    owner = ET.SubElement(channel, _ns("itunes", "owner"))
    _text(owner, _ns("itunes", "name"), author or channel_title)
    cover = image or _cover(base, folder)
    if cover:
        ET.SubElement(channel, _ns("itunes", "image"), {"href": cover})
        image_node = ET.SubElement(channel, "image")
        for name, value in (("url", cover), ("title", channel_title), ("link", base)):
            _text(image_node, name, value)
    ET.SubElement(channel, _ns("itunes", "category"), {"text": category})
    _text(channel, _ns("itunes", "explicit"), "true" if explicit else "false")
    _text(channel, _ns("itunes", "type"), "episodic")
    for post in index.get("posts") or []:
        if isinstance(post, dict):
            _item(channel, post, base, folder, language)
    ET.indent(rss, space="  ")
    return ET.tostring(rss, encoding="utf-8", xml_declaration=True) + b"\n"


def chapters_json(manifest: dict) -> dict:
    """Podcasting 2.0 JSON chapters (version 1.2.0) from a manifest's sections: start and end in seconds."""
    chapters = []
    for section in manifest.get("sections") or []:
        start, end = section.get("start_ms"), section.get("end_ms")
        if not isinstance(start, (int, float)):
            continue
        chapter = {"startTime": round(start / 1000, 3), "title": _clean(section.get("title") or "")}
        if isinstance(end, (int, float)) and end > start:
            chapter["endTime"] = round(end / 1000, 3)
        chapters.append(chapter)
    from .. import __version__

    data = {"version": CHAPTERS_VERSION, "chapters": chapters, "generator": f"reader {__version__}"}
    if manifest.get("title"):
        data["title"] = _clean(manifest["title"])
    return data


# ---------------------------------------------------------------- items


def _item(channel, post: dict, base: str, folder: Path | None, language: str) -> None:
    audio = _inside(post.get("audio"))
    if audio is None or post.get("status") == "deleted":  # a failed re-conversion keeps its good version
        return
    url = str(post.get("url") or "")
    title = _clean(post.get("title") or url)
    item = ET.SubElement(channel, "item")
    _text(item, "title", title)
    if url.startswith(("http://", "https://")):
        _text(item, "link", url)
    _text(item, "guid", url or audio, isPermaLink="false")
    when = _date(post.get("published")) or _date(post.get("modified")) or _date(post.get("converted"))
    if when:
        _text(item, "pubDate", format_datetime(when, usegmt=True))
    _text(item, "description", _clean(post.get("description") or f"{title} – vorgelesen."))
    length = post.get("audio_bytes") if isinstance(post.get("audio_bytes"), int) else 0
    ET.SubElement(item, "enclosure", {"url": _url(base, audio), "length": str(max(length, 0)),
                                      "type": "audio/mpeg"})
    duration = post.get("duration_ms")
    if isinstance(duration, (int, float)) and duration > 0:
        _text(item, _ns("itunes", "duration"), _clock(duration))
    _text(item, _ns("itunes", "title"), title)
    _text(item, _ns("itunes", "episodeType"), "full")
    _text(item, _ns("itunes", "explicit"), "false")
    chapters = _inside(post.get("chapters"))
    if chapters and _exists(folder, chapters):
        ET.SubElement(item, _ns("podcast", "chapters"), {"url": _url(base, chapters), "type": CHAPTERS_TYPE})
    captions = _inside(post.get("captions")) or _captions_beside(audio)
    if captions and _exists(folder, captions):
        ET.SubElement(item, _ns("podcast", "transcript"), {"url": _url(base, captions), "type": "text/vtt",
                                                           "language": language, "rel": "captions"})


def _captions_beside(audio: str) -> str | None:
    path = PurePosixPath(audio)
    return str(path.with_name(f"{path.stem}.captions.vtt")) if path.suffix else None


# ---------------------------------------------------------------- small things


def checked_base_url(base_url: str) -> str:
    """The public address of DIR, ending in '/'; UsageError for anything but a plain http(s) folder address
    (no query, fragment or user:password: the feed's every link is built under it)."""
    text = str(base_url or "").strip()
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UsageError(f"--base-url {base_url}: give the http(s) address where DIR is served")
    if parts.query or parts.fragment or "?" in text or "#" in text or "@" in parts.netloc:
        raise UsageError(f"--base-url {base_url}: give a plain folder address, without ?query, #fragment or "
                         "user:password")
    url = parts._replace(path=quote(parts.path, safe="/%~!$&'()*+,;=:@")).geturl()
    return url if url.endswith("/") else url + "/"


def _inside(path) -> str | None:
    """A relative POSIX path that stays inside DIR, or None."""
    if not isinstance(path, str) or not path or "\\" in path or "\0" in path:
        return None
    parts = PurePosixPath(path).parts
    if PurePosixPath(path).is_absolute() or any(p in ("..", ".") for p in parts) or not parts:
        return None
    return "/".join(parts)


def _url(base: str, path: str) -> str:
    return base + "/".join(quote(segment, safe="") for segment in path.split("/"))


def _exists(folder: Path | None, path: str) -> bool:
    return folder is None or (folder / path).is_file()


def _cover(base: str, folder: Path | None) -> str | None:
    if folder is None:
        return None
    return next((_url(base, name) for name in COVER_NAMES if (folder / name).is_file()), None)


def _clean(text) -> str:
    """Text XML 1.0 can carry: control characters and lone surrogates dropped, spaces collapsed."""
    return " ".join(_NOT_XML.sub("", str(text)).split())


def _text(parent, tag: str, text: str, **attrs) -> None:
    ET.SubElement(parent, tag, attrs).text = _clean(text)


def _ns(prefix: str, name: str) -> str:
    return f"{{{NAMESPACES[prefix]}}}{name}"


def _date(value) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)


def _clock(ms: float) -> str:
    seconds = int(round(ms / 1000))
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
