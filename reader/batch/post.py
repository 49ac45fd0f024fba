"""What discovery hands to the runner: one post of the blog, as plain data."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Post:
    url: str                        # the post's public page (absolute http(s) URL): what is fetched and read
    title: str = ""                 # as the source lists it (may be empty; the article's own title wins)
    slug: str = ""                  # as the source says it: NOT safe as a path; the runner makes folder names
    published: str | None = None    # ISO 8601 with time zone when the source has one
    modified: str | None = None     # ISO 8601; an unchanged value lets the runner skip the post without fetching
    categories: tuple[str, ...] = ()
    kind: str = "post"              # "post" or "page"
    post_id: int | None = None      # WordPress id when the REST API gave one
