"""--publish: each converted post's audio into its WordPress, with the publisher of ``reader publish``.

``publish_post`` finds the post (by its WordPress id when discovery had one, else by its URL), uploads the MP3
and WebVTT files the batch made for it (nothing is spoken again) and puts reader's block at the top of the
post; an unchanged post is left alone.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Site:
    url: str
    user: str
    password: str


def publisher(site: Site, *, engine: str, voice, lexicon, cache_dir, timeout: float | None):
    """publish(post, audio) -> what WordPress now has ('<action>:<key>'); raises a ReaderError (PublishError ...).
    ``audio`` is the post's MP3 in DIR, its manifest and WebVTT files beside it."""
    from ..publish.run import publish_post

    def publish(post, audio) -> str:
        ref = str(post.post_id) if post.post_id else post.url
        result = publish_post(site.url, site.user, site.password, ref, engine=engine, voice=voice.voice,
                              rate=voice.rate, footnotes=voice.footnotes, lexicon=lexicon, cache_dir=cache_dir,
                              timeout=timeout, prepared=audio)
        return f"{result.action}:{result.key[:16]}"

    return publish
