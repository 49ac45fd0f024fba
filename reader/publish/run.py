"""publish_post: one post's audio in its WordPress, as plain data in and out. The CLI sits on top of it.

    key      = hash of what would be spoken (the Script) + engine, voice, rate
    unchanged: the post's one reader block points at a media file named with that key, and that item exists
               -> nothing is uploaded, the post is not written
    else     : speak -> upload the MP3 (+ WebVTT) attached to the post -> put reader's block at the top of
               content.raw -> delete reader's older media of that post (force=true)
"""

from __future__ import annotations

import contextlib
import hashlib
import html
import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..errors import PublishError
from ..files import scratch_folder
from . import wordpress as wp
from .blocks import audio_block, find_reader_blocks, with_reader_block
from .rest import Rest
from .source import parse_source

log = logging.getLogger("reader.publish")
CAPTION = "Diesen Beitrag anhören ({duration})"


@dataclass
class PublishResult:
    action: str                     # "published", "replaced", "unchanged", or with dry_run "would publish"/"would replace"
    post_id: int
    post_link: str
    key: str                        # hash of what is spoken + engine/voice (its first 12 digits name the media files)
    dry_run: bool = False
    media_id: int | None = None     # the MP3's media item (None in a dry run that would upload)
    audio_url: str = ""
    vtt_media_ids: list[int] = field(default_factory=list)
    deleted_media_ids: list[int] = field(default_factory=list)  # done, or in a dry run: would be deleted
    duration_ms: int = 0
    engine: str = ""
    voice: str = ""
    audio: Path | None = None       # the local MP3 (None when the folder was temporary, or nothing was made)
    manifest: Path | None = None

    @property
    def changed(self) -> bool:
        return self.action in ("published", "replaced")


def publish_post(
    site: str,
    user: str,
    password: str,
    post_ref: str,
    *,
    audio_dir: str | Path | None = None,
    engine: str = "auto",
    voice: str | None = None,
    rate: int | None = None,
    footnotes: str = "end",
    lexicon=None,
    cache_dir: str | Path | None = None,
    use_cache: bool = True,
    dry_run: bool = False,
    force: bool = False,
    timeout: float | None = None,
    progress: Callable[[int, int], None] | None = None,
    on_engine: Callable[[str], None] | None = None,
) -> PublishResult:
    """Make POST_REF's audio and put it into its post on SITE (see the module's docstring).

    ``audio_dir``: where the MP3, its manifest and WebVTT files are kept (default: a temporary folder, removed);
    ``force``: make and upload the audio again even when the post is unchanged.
    """
    if not password:
        raise PublishError("no application password: set READER_WP_PASSWORD or give --password-file "
                           "(WordPress: Users -> Profile -> Application Passwords)")
    rest = Rest(site, user, password, timeout=(min(10.0, timeout), timeout) if timeout else (10.0, 60.0))
    try:
        base, post = wp.find_post(rest, parse_source(str(post_ref)))
        post_id, link = int(post["id"]), str(post.get("link") or "")
        raw = _raw(post)
        article = _article(post, timeout)
        key, tts_name, tts_voice, reason = content_key(article, engine=engine, voice=voice, rate=rate,
                                                       footnotes=footnotes, lexicon=lexicon)
        if reason and on_engine:
            on_engine(reason)
        blocks = find_reader_blocks(raw)
        result = PublishResult(action="", post_id=post_id, post_link=link, key=key, dry_run=dry_run,
                               engine=tts_name, voice=tts_voice)
        if not force and _unchanged(rest, blocks, post_id, key):
            result.action, result.media_id, result.audio_url = "unchanged", blocks[0].media_id, blocks[0].src
            return result
        old = _old_media(rest, post_id, blocks)
        result.action = ("would " if dry_run else "") + ("replace" if blocks or old else "publish")
        if dry_run:
            result.deleted_media_ids = sorted(old)
            return result
        speech = dict(engine=tts_name, voice=voice, rate=rate if tts_name == "espeak" else None, footnotes=footnotes,
                      lexicon=lexicon, cache_dir=cache_dir, use_cache=use_cache, progress=progress)
        _make_and_upload(rest, base, post, raw, article, speech, audio_dir, result)
        result.action = "replaced" if blocks or old else "published"
        result.deleted_media_ids = [m for m in sorted(old - {result.media_id, *result.vtt_media_ids})
                                    if wp.delete_media(rest, m)]
        return result
    finally:
        rest.close()


def _make_and_upload(rest: Rest, base: str, post: dict, raw: str, article, speech: dict, audio_dir,
                     result: PublishResult) -> None:
    """Speak the article (with the engine the key names: 'auto' was resolved once) and put it into the post."""
    post_id = int(post["id"])
    with _folder(audio_dir) as folder:
        made = _speak(article, folder / f"{wp.media_stem(post_id, result.key)}.mp3", **speech)
        result.duration_ms = made.duration_ms
        _upload_and_link(rest, base, post_id, raw, made, result)
        if audio_dir is not None:
            result.audio, result.manifest = made.audio, made.manifest


def content_key(article, *, engine: str, voice: str | None, rate: int | None, footnotes: str,
                lexicon) -> tuple[str, str, str, str]:
    """(hash of what would be spoken and by whom, engine name, voice, why 'auto' chose it): no sound is made."""
    from ..api import open_engine, script_for

    tts, reason = open_engine(engine, voice=voice, rate=rate)
    try:
        script = script_for(article, footnotes=footnotes, max_chars=tts.max_chars, lexicon=lexicon,
                            languages=getattr(tts, "languages", frozenset()))
        spoken = {"engine": tts.name, "voice": tts.voice, "rate": getattr(tts, "rate", None),
                  "script": script.to_dict()}
        name, voice_name = tts.name, tts.voice
    finally:
        tts.close()
    digest = hashlib.sha256(json.dumps(spoken, sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()
    return digest, name, voice_name, reason


def _raw(post: dict) -> str:
    content = post.get("content")
    if not isinstance(content, dict) or "raw" not in content:
        raise PublishError("WordPress sent the post without its raw content (context=edit): the user needs the "
                           "right to edit this post (Editor or Administrator)")
    return str(content["raw"])


def _article(post: dict, timeout: float | None):
    """What the post says: its public page when it is public, else its rendered content."""
    from ..api import read

    content = post.get("content") or {}
    if post.get("status") == "publish" and not content.get("protected") and post.get("link"):
        return read(post["link"], timeout=timeout)
    from ..extract import extract
    from ..page import Page

    title = (post.get("title") or {}).get("rendered", "")
    page = (f'<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>{title}</title></head><body>'
            f'<article><h1>{title}</h1><div class="entry-content">{content.get("rendered", "")}</div></article>'
            "</body></html>")
    return extract(Page(html=page, url=post.get("link") or ""))


def _unchanged(rest: Rest, blocks, post_id: int, key: str) -> bool:
    if len(blocks) != 1 or wp.key_of(blocks[0].src, post_id) != key[:12] or blocks[0].media_id is None:
        return False
    return wp.media_exists(rest, blocks[0].media_id)


def _old_media(rest: Rest, post_id: int, blocks) -> set[int]:
    """reader's media of this post: attached items named reader-<post>-..., and the ones our blocks point at."""
    old = {int(m["id"]) for m in wp.our_media(rest, post_id)}
    old |= {b.media_id for b in blocks if b.media_id is not None and wp.key_of(b.src, post_id)}
    return old


@contextlib.contextmanager
def _folder(given):
    """The audio folder: the one given (created), or a temporary one removed afterwards."""
    if given is None:
        with scratch_folder("reader-publish-") as temp:
            yield temp
        return
    folder = Path(given).expanduser()
    folder.mkdir(parents=True, exist_ok=True)
    yield folder


def _speak(article, out: Path, **options):
    from ..api import speak

    made = speak(article, out, **options)
    made.vtt_files = _vtt_files(made.manifest)
    return made


def _vtt_files(manifest: Path | None) -> list[Path]:
    """Chapters and captions WebVTT beside the MP3, when reader.embed provides them."""
    try:
        from ..embed.vtt import write_vtt_files
    except ImportError:
        return []
    return write_vtt_files(manifest) if manifest else []


def _upload_and_link(rest: Rest, base: str, post_id: int, raw: str, made, result: PublishResult) -> None:
    """Upload the MP3 and WebVTT files, then write the post with reader's block; undo the uploads on failure."""
    uploaded: list[int] = []
    try:
        audio = wp.upload(rest, made.audio, post_id)
        uploaded.append(int(audio["id"]))
        for path in made.vtt_files:
            uploaded.append(int(wp.upload(rest, path, post_id)["id"]))
        url = str(audio.get("source_url") or "")
        minutes, seconds = divmod(round(made.duration_ms / 1000), 60)
        block = audio_block(url, media_id=uploaded[0], caption=CAPTION.format(duration=f"{minutes}:{seconds:02d}"))
        written = wp.write_content(rest, base, post_id, with_reader_block(raw, block))
        if len(find_reader_blocks(str((written.get("content") or {}).get("raw", "")))) != 1:
            raise PublishError(f"{rest.site} did not keep reader's audio block in post {post_id} (a plugin may "
                               "filter the content): check the post in the editor")
    except BaseException:
        for media_id in uploaded:
            try:
                wp.delete_media(rest, media_id)
            except Exception:  # the first failure is the one to report
                log.debug("could not remove the new media item %s", media_id, exc_info=True)
        raise
    result.media_id, result.audio_url, result.vtt_media_ids = uploaded[0], url, uploaded[1:]
