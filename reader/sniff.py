"""What is it? A source (web address, file URL or path) and a fetched body (HTML or not).

``local_path`` tells a web address from a file and refuses other URLs; ``split_url`` parses an address
without raising. ``check_html`` accepts an article page and refuses everything else (PDF, images, audio,
archives, JSON, feeds ...) with a one-line message naming what was found. The rules are tables: URL schemes,
magic bytes, the Content-Types that are HTML or may hold it, and the names used in messages.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import SplitResult, urlsplit

from .errors import NotAnArticleError, UsageError

HTTP_SCHEMES = ("http", "https")
# Schemes that name no file even when written without "//" ("mailto:x"); any other "name:" is a path.
URL_SCHEMES = {"ftp", "ftps", "sftp", "ssh", "mailto", "javascript", "data", "about", "tel", "urn", "news",
               "irc", "magnet", "blob", "ws", "wss", "chrome", "view-source"}


# ---------------------------------------------------------------- web address or file?


def local_path(source: str) -> Path | None:
    """The file a source names, or None for an http(s) URL. Other URLs are a usage error."""
    parts = split_url(source)
    if parts is None:
        raise UsageError(f"not a valid web address: {source}; check it (brackets, port, characters)")
    scheme = parts.scheme.lower()
    if scheme in HTTP_SCHEMES:
        return None
    if scheme == "file":
        if parts.netloc not in ("", "localhost"):
            raise UsageError(f"file URL on another host is not supported: {source}; copy the file here first")
        from urllib.request import url2pathname  # pulls in http.client and ssl: only when needed

        return Path(url2pathname(parts.path))
    if (scheme in URL_SCHEMES or "://" in source) and not Path(source).exists():
        raise UsageError(f"unsupported address {source}: give an http(s):// URL or the path of an HTML file")
    return Path(source).expanduser()


def check_http_url(url: str) -> None:
    if not is_web_address(url):
        raise UsageError(f"not a web address: {url}; give a URL that starts with https:// or http://")


def split_url(url: str) -> SplitResult | None:
    """urlsplit, or None for an address that cannot be parsed ("http://[::1")."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018  (raises ValueError for a bad port or bracket)
    except ValueError:
        return None
    return parts


def is_web_address(url: str) -> bool:
    parts = split_url(url)
    return parts is not None and parts.scheme.lower() in HTTP_SCHEMES and bool(parts.hostname)


def host_of(url: str) -> str:
    parts = split_url(url)
    return (parts.hostname if parts else None) or url


_LOOKS_LIKE_HOST = re.compile(r"^[\w-]+(\.[\w-]+)*\.[a-z]{2,}(/|$)", re.I)


def looks_like_host(path: str) -> bool:
    """True for a path such as "example.org/post" that was probably meant as a web address."""
    return bool(_LOOKS_LIKE_HOST.match(path))


# ---------------------------------------------------------------- is it HTML?


# Magic bytes: what a body is, whatever its Content-Type says.
MAGIC = (
    (rb"%PDF-", "a PDF document"),
    (rb"\x89PNG\r\n\x1a\n", "a PNG image"),
    (rb"GIF8[79]a", "a GIF image"),
    (rb"\xff\xd8\xff", "a JPEG image"),
    (rb"RIFF....WEBP", "a WebP image"),
    (rb"RIFF....WAVE", "a WAV audio file"),
    (rb"ID3|\xff[\xfb\xf3\xf2\xe3]", "an MP3 audio file"),
    (rb"OggS", "an Ogg audio or video file"),
    (rb"fLaC", "a FLAC audio file"),
    (rb"....ftyp", "an MP4 audio or video file"),
    (rb"\x1a\x45\xdf\xa3", "a WebM video"),
    (rb"PK\x03\x04", "a ZIP archive (or an Office or EPUB document)"),
    (rb"\x1f\x8b", "a gzip archive"),
    (rb"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (rb"Rar!\x1a\x07", "a RAR archive"),
    (rb"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a Microsoft Office document"),
    (rb"%!PS", "a PostScript document"),
    (rb"\{\\rtf", "an RTF document"),
    (rb"\s*(\{\s*(\"|\})|\[\s*[\[{\"\d\]])", "JSON data"),
)
_MAGIC = tuple((re.compile(rb"\A(?:" + pattern + rb")", re.S), what) for pattern, what in MAGIC)

HTML_TYPES = {"text/html", "application/xhtml+xml"}
MAYBE_HTML_TYPES = {"", "text/plain", "text/xml", "application/xml", "application/octet-stream",
                    "binary/octet-stream"}  # accepted when the body looks like HTML
# Content-Type (prefix or suffix) -> what to call it in a message.
TYPE_NAMES = (
    ("application/pdf", "a PDF document"), ("image/", "an image"), ("audio/", "an audio file"),
    ("video/", "a video"), ("application/json", "JSON data"), ("+json", "JSON data"),
    ("application/rss+xml", "an RSS feed"), ("application/atom+xml", "an Atom feed"),
    ("application/zip", "a ZIP archive"), ("font/", "a font"), ("text/css", "a style sheet"),
    ("javascript", "a script"), ("text/plain", "plain text"), ("xml", "an XML document"),
)
_HTML_LOOK = re.compile(rb"<(!doctype\s+html|html|head|body|meta|title|article|main|div|h[1-6]|p)[\s>/]", re.I)


def check_html(body: bytes, content_type: str, where: str) -> None:
    """Raise NotAnArticleError unless the body is an HTML page (Content-Type and magic bytes agree)."""
    mime = content_type.split(";", 1)[0].strip().lower()
    head = body[:2048]
    for pattern, what in _MAGIC:
        if pattern.match(head):
            raise _not_html(where, what, f" (served as {mime})" if mime else "")
    if mime in HTML_TYPES or (mime in MAYBE_HTML_TYPES and _HTML_LOOK.search(head)):
        return
    what = next((name for key, name in TYPE_NAMES if mime.startswith(key) or mime.endswith(key)), None)
    if what is None:
        what = "content that does not look like HTML" if mime in MAYBE_HTML_TYPES else "content of type"
    raise _not_html(where, what, f" ({mime})" if mime else "")


def _not_html(where: str, what: str, shown: str) -> NotAnArticleError:
    return NotAnArticleError(f"{where} is {what}{shown}, not an HTML page; give the address of the article's web page")
