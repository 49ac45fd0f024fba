"""Post addresses as discovery sees them: one spelling per post, http(s) only, on the site or not.

``normalize`` gives the spelling used to find duplicates (scheme and host lower case, default port and
fragment dropped, the path's percent-escapes as the source wrote them, the query kept: ``/?p=12`` is a post);
``same_site`` tells whether a URL belongs to the site being crawled (``www.`` or not, http or https);
``read_url_file`` reads a file of URLs (one per line, ``#`` comments).
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from ..errors import UsageError
from ..sniff import split_url

DEFAULT_PORTS = {"http": 80, "https": 443}
MAX_URL_LENGTH = 2000  # longer ones are not post addresses (and would make file names and logs unwieldy)
MAX_FILE_BYTES = 20 * 1024 * 1024
_SPACE_OR_CONTROL = re.compile(r"[\x00-\x20\x7f\s]")


def normalize(url: str) -> str | None:
    """The canonical spelling of an absolute http(s) URL, or None for anything else."""
    url = url.strip()
    parts = split_url(url)
    if parts is None or parts.scheme.lower() not in DEFAULT_PORTS or not parts.hostname:
        return None
    if len(url) > MAX_URL_LENGTH or _SPACE_OR_CONTROL.search(url):
        return None
    scheme, host = parts.scheme.lower(), parts.hostname.lower()
    if ":" in host:
        host = f"[{host}]"
    port = parts.port
    netloc = host if port in (None, DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    return urlunsplit((scheme, netloc, parts.path or "/", parts.query, ""))


def site_host(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


def same_site(url: str, hosts: set[str]) -> bool:
    """True if ``url``'s host (with or without ``www.``) and port are among ``hosts`` (``site_key`` values)."""
    return site_key(url) in hosts


def site_key(url: str) -> str:
    parts = urlsplit(url)
    port = parts.port if parts.port not in (None, DEFAULT_PORTS.get(parts.scheme.lower())) else None
    return site_host(url) + (f":{port}" if port else "")


def read_url_file(path: Path) -> list[str]:
    """The URL of every line that is not blank or a ``#`` comment; a line that is not an http(s) URL is a
    usage error naming the file and line."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise UsageError(f"cannot read the list of URLs {path}: {exc.strerror or exc}") from exc
    if len(data) > MAX_FILE_BYTES:
        raise UsageError(f"the list of URLs {path} is larger than 20 MB; split it")
    if b"\0" in data[:4096]:
        raise UsageError(f"{path} is not a text file: give a site URL, a sitemap or feed URL, or a file of URLs")
    urls = []
    for number, line in enumerate(data.decode("utf-8", "replace").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        url = normalize(line)
        if url is None:
            raise UsageError(f"{path}:{number}: not an http(s) URL: {line[:100]}; one post address per line, "
                             "# starts a comment")
        urls.append(url)
    return urls
