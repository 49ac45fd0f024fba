"""SOURCE of ``reader publish`` -> which post to look for: a numeric id, a slug, or the post's URL; and the
checks of --site (https, or plain http on this machine only) and of a SOURCE URL against it."""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from urllib.parse import parse_qs, unquote

from ..errors import UsageError
from ..sniff import split_url

_SLUG = re.compile(r"^[^\s/?#]+$")
ID_PARAMS = ("p", "page_id", "post")  # ?p=5 (posts), ?page_id=5 (pages), wp-admin's post.php?post=5


@dataclass(frozen=True)
class PostRef:
    post_id: int | None = None
    slug: str | None = None
    url: str | None = None  # as given, when SOURCE was a URL

    def __str__(self) -> str:
        return self.url or (str(self.post_id) if self.post_id is not None else self.slug or "")


def parse_source(source: str) -> PostRef:
    text = source.strip()
    if text.isdigit():
        return PostRef(post_id=int(text))
    if re.match(r"^https?://", text, re.IGNORECASE):
        parts = split_url(text)
        if parts is None:
            raise UsageError(f"SOURCE {text} is not a valid address: check the brackets and the port")
        query = parse_qs(parts.query)
        for name in ID_PARAMS:
            if query.get(name, [""])[0].isdigit():
                return PostRef(post_id=int(query[name][0]), url=text)
        segments = [unquote(s) for s in parts.path.split("/") if s]
        if not segments:
            raise UsageError(f"{text} is a site's front page, not a post: give the post's URL, id or slug")
        return PostRef(slug=segments[-1].lower(), url=text)
    if _SLUG.match(text):
        return PostRef(slug=text.lower())
    raise UsageError(f"SOURCE {source!r} is neither a post's URL, nor its numeric id, nor its slug")


def check_site(site: str) -> None:
    """--site is an http(s) address; plain http only on this machine (the password would cross the network)."""
    parts = split_url(site.strip())
    if parts is None or parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise UsageError(f"--site {site!r} is not a web address: give the site's address, e.g. https://blog.example")
    if parts.scheme.lower() == "http" and not is_loopback(parts.hostname):
        raise UsageError(f"--site {site} is plain http: the application password would cross the network unencrypted "
                         f"(and WordPress refuses it there); use https://{parts.netloc}")


def is_loopback(host: str) -> bool:
    host = host.lower().rstrip(".")
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_same_site(ref: PostRef, site: str) -> None:
    """A SOURCE URL must be on --site's host (with or without www.): a slug alone would find another post."""
    if not ref.url:
        return
    source_host, site_host = (_host(u) for u in (ref.url, site))
    if source_host != site_host:
        raise UsageError(f"SOURCE {ref.url} is on {source_host}, but --site is {site_host}: give the post's address "
                         "on the site, or its id or slug")


def _host(url: str) -> str:
    parts = split_url(url.strip())  # both were checked before: None only for a caller that did not
    host = ((parts.hostname if parts else "") or "").rstrip(".")
    return host[4:] if host.startswith("www.") else host
