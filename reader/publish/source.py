"""SOURCE of ``reader publish`` -> which post to look for: a numeric id, a slug, or the post's URL."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, unquote, urlsplit

from ..errors import UsageError

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
        parts = urlsplit(text)
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
