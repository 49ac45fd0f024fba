"""The WordPress side of publishing, over the REST API: find the post, list, upload and delete reader's media,
write the post's raw content. Plain data in and out (dicts as WordPress sends them)."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..errors import PublishError
from .rest import Rest
from .source import PostRef

TYPES = ("posts", "pages")  # REST bases searched, in this order
STATUSES = "publish,future,draft,pending,private"
CONTENT_TYPES = {".mp3": "audio/mpeg", ".vtt": "text/vtt"}
# reader's media files: reader-<post id>-<12 hex digits of the content key>-<engine>[.kind].ext (files of older
# versions have no engine); WordPress may add -N
OUR_FILE = re.compile(r"^reader-(?P<post>\d+)-(?P<key>[0-9a-f]{12})(?:-(?P<engine>[a-z]+))?(?:-\d+)?(?:\.[a-z]+)?"
                      r"(?:-\d+)?\.(?:mp3|vtt)$")


def media_stem(post_id: int, key: str, engine: str) -> str:
    return f"reader-{post_id}-{key[:12]}-{engine}"


def name_of(url: str, post_id: int) -> tuple[str, str | None] | None:
    """(content key, engine or None) from the file name of one of reader's media URLs for POST_ID; None for any
    other file."""
    match = OUR_FILE.match(unquote(urlsplit(url).path.rsplit("/", 1)[-1]))
    return (match["key"], match["engine"]) if match and int(match["post"]) == post_id else None


def key_of(url: str, post_id: int) -> str | None:
    """The content key in the file name of one of reader's media URLs for POST_ID (None for any other file)."""
    found = name_of(url, post_id)
    return found[0] if found else None


def find_post(rest: Rest, ref: PostRef) -> tuple[str, dict]:
    """(REST base, post in context=edit) for REF; PublishError when the site has no such post."""
    fields = "id,type,link,slug,status,title,content,modified_gmt"
    for base in TYPES:
        if ref.post_id is not None:
            reply = rest.get(f"/wp/v2/{base}/{ref.post_id}", accept=(404,), context="edit", _fields=fields)
            if reply.status == 200:
                return base, reply.data
            continue
        reply = rest.get(f"/wp/v2/{base}", context="edit", slug=ref.slug, status=STATUSES, _fields=fields)
        found = [p for p in reply.data if isinstance(p, dict)] if isinstance(reply.data, list) else []
        if ref.url and len(found) > 1:
            found = [p for p in found if _same_page(p.get("link", ""), ref.url)] or found
        if found:
            return base, found[0]
    raise PublishError(f"{rest.site} has no post or page {ref} (searched posts and pages, all statuses): "
                       "check SOURCE (the post's URL, id or slug) and --site")


def _same_page(a: str, b: str) -> bool:
    return a.rstrip("/").split("://")[-1] == b.rstrip("/").split("://")[-1]


def our_media(rest: Rest, post_id: int) -> list[dict]:
    """reader's media items attached to the post (recognised by their file names)."""
    reply = rest.get("/wp/v2/media", context="edit", parent=post_id, per_page=100, _fields="id,source_url,post")
    items = reply.data if isinstance(reply.data, list) else []
    return [m for m in items if key_of(str(m.get("source_url", "")), post_id)]


def media_exists(rest: Rest, media_id: int) -> bool:
    return rest.get(f"/wp/v2/media/{media_id}", accept=(404, 410), context="edit", _fields="id").status == 200


def upload(rest: Rest, path: Path, post_id: int) -> dict:
    """Upload PATH to the media library, attached to POST_ID; the new item (id, source_url, ...)."""
    content_type = CONTENT_TYPES.get(path.suffix.lower(), "application/octet-stream")
    reply = rest.upload("/wp/v2/media", path.name, path.read_bytes(), content_type, post=post_id)
    if not isinstance(reply.data, dict) or "id" not in reply.data:
        raise PublishError(f"{rest.site} answered the upload of {path.name} without a media id: check the site's "
                           "media settings and run again with -v")
    return reply.data


def delete_media(rest: Rest, media_id: int) -> bool:
    """Delete a media item for good (force=true: attachments have no trash); False when it was already gone."""
    return rest.delete(f"/wp/v2/media/{media_id}", accept=(404, 410), force="true").status == 200


def current(rest: Rest, base: str, post_id: int) -> dict:
    """The post as it is now (context=edit): its content, title and modification time."""
    return rest.get(f"/wp/v2/{base}/{post_id}", context="edit", _fields="id,link,title,content,modified_gmt").data


def write_content(rest: Rest, base: str, post_id: int, raw: str) -> dict:
    reply = rest.post(f"/wp/v2/{base}/{post_id}", {"content": raw}, context="edit", _fields="id,content,modified_gmt")
    return reply.data if isinstance(reply.data, dict) else {}
