"""publish_post: one post's audio in its WordPress, as plain data in and out. The CLI sits on top of it.

    article  = the post's title and content as WordPress renders them (REST API, context=edit), never its public
               page (caches and CDNs serve stale pages)
    key      = hash of what would be spoken (the Script) + engine, voice, rate; the media files are named
               reader-<post>-<key>-<engine>, so --engine auto keeps the engine the post's audio was made with
    unchanged: the post's one reader unit points at a media file named with that key, that item exists, and the
               unit has the player when one is asked for -> nothing is uploaded, the post is not written
    else     : speak -> upload the MP3 (+ WebVTT) attached to the post -> read the post again: edited meanwhile
               and what is spoken changed -> stop and remove the uploads; else put reader's unit at the top of
               that content.raw -> delete reader's older media of that post (force=true; a failure is a warning)
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..errors import NotAnArticleError, PublishError, ReaderError, UsageError
from ..files import scratch_folder
from . import wordpress as wp
from .blocks import find_reader_blocks, is_classic, reader_unit, with_reader_block
from .rest import Rest
from .source import check_same_site, check_site, parse_source

log = logging.getLogger("reader.publish")
CAPTION = "Diesen Beitrag anhören ({duration})"
AUTO_ENGINES = ("gtts", "espeak")  # what --engine auto chooses between


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
    leftover_media_ids: list[int] = field(default_factory=list)  # reader's old media the site did not delete
    duration_ms: int = 0
    engine: str = ""
    voice: str = ""
    player: bool = False            # reader's player is part of the post's unit
    audio: Path | None = None       # the local MP3 (None when the folder was temporary, or nothing was made)
    manifest: Path | None = None


@dataclass(frozen=True)
class _Speech:
    """How the post is spoken: the engine already chosen (auto resolved once) and the options."""

    engine: str
    voice: str | None
    rate: int | None
    footnotes: str
    lexicon: object

    def key(self, post: dict) -> tuple[str, str]:
        """(hash of what POST would make heard, the voice's name): no sound is made."""
        return content_key(article_of(post), engine=self.engine, voice=self.voice, rate=self.rate,
                           footnotes=self.footnotes, lexicon=self.lexicon)


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
    player: bool = False,
    timeout: float | None = None,
    progress: Callable[[int, int], None] | None = None,
    on_engine: Callable[[str], None] | None = None,
    prepared: str | Path | None = None,
) -> PublishResult:
    """Make POST_REF's audio and put it into its post on SITE (see the module's docstring).

    ``audio_dir``: where the MP3, its manifest and WebVTT files are kept (default: a temporary folder, removed);
    ``force``: make and upload the audio again even when the post is unchanged; ``player``: put reader embed's
    player right after the audio block (one unit, replaced together); ``prepared``: an MP3 already made for this
    post (its manifest and WebVTT files beside it, as reader batch writes them), uploaded instead of speaking again.
    """
    from .command import NO_PASSWORD

    if not password:
        raise UsageError(NO_PASSWORD)
    check_site(site)
    ref = parse_source(str(post_ref))
    check_same_site(ref, site)
    rest = Rest(site, user, password, timeout=(min(10.0, timeout), timeout) if timeout else (10.0, 60.0))
    try:
        base, post = wp.find_post(rest, ref)
        post_id, link = int(post["id"]), str(post.get("link") or "")
        raw = _raw(post)
        blocks = find_reader_blocks(raw)
        media = wp.our_media(rest, post_id)
        chosen, picked, reason = _engine(engine, voice, rate, blocks, post_id)
        if reason and on_engine:
            on_engine(reason if chosen == picked else f"{reason}; but the post's audio was made with {chosen}: "
                      f"auto keeps {chosen}")
        speech = _Speech(chosen, voice, rate if chosen == "espeak" else None, footnotes, lexicon)
        key, tts_voice = speech.key(post)
        result = PublishResult(action="", post_id=post_id, post_link=link, key=key, dry_run=dry_run,
                               engine=chosen, voice=tts_voice, player=player)
        if not force and _unchanged(rest, blocks, media, raw, post_id, key, player):
            result.action, result.media_id, result.audio_url = "unchanged", blocks[0].media_id, blocks[0].src
            return result
        if chosen == "gtts" and picked != "gtts":  # auto keeps Google's voice, which is out of reach now
            raise UsageError(f"the audio of post {post_id} was made with {chosen}, but --engine auto chose {picked} "
                             f"this time ({reason}); give --engine {chosen} to keep its voice, or --engine {picked} "
                             "to replace it")
        old = {int(m["id"]) for m in media} | {b.media_id for b in blocks if b.media_id is not None
                                               and wp.key_of(b.src, post_id)}
        result.action = ("would " if dry_run else "") + ("replace" if blocks or old else "publish")
        if dry_run:
            result.deleted_media_ids = sorted(old)
            return result
        options = dict(engine=chosen, voice=voice, rate=speech.rate, footnotes=footnotes, lexicon=lexicon,
                       cache_dir=cache_dir, use_cache=use_cache, progress=progress)
        _make_and_upload(rest, base, post, speech, options, audio_dir, result, prepared)
        result.action = "replaced" if blocks or old else "published"
        _delete_old(rest, sorted(old - {result.media_id, *result.vtt_media_ids}), result)
        return result
    finally:
        rest.close()


def _engine(engine: str, voice: str | None, rate: int | None, blocks, post_id: int) -> tuple[str, str, str]:
    """(engine to speak with, what auto picked, why). --engine auto keeps the engine the post's audio was made
    with (named in its file), so an unchanged post keeps its audio when Google is out of reach."""
    if engine != "auto":
        return engine, engine, ""
    from ..api import open_engine

    tts, reason = open_engine("auto", voice=voice, rate=rate)
    picked = tts.name
    tts.close()
    made = [wp.name_of(b.src, post_id) for b in blocks if b.src]
    kept = made[0][1] if len(made) == 1 and made[0] else None
    return (kept if kept in AUTO_ENGINES else picked), picked, reason


def _make_and_upload(rest: Rest, base: str, post: dict, speech: _Speech, options: dict, audio_dir,
                     result: PublishResult, prepared=None) -> None:
    """Speak the article (with the engine the key names: 'auto' was resolved once), or take the ``prepared``
    audio, and put it into the post."""
    post_id = int(post["id"])
    with _folder(audio_dir) as folder:
        out = folder / f"{wp.media_stem(post_id, result.key, speech.engine)}.mp3"
        made = _prepared(Path(prepared), out) if prepared else _speak(article_of(post), out, **options)
        result.duration_ms = made.duration_ms
        _upload_and_link(rest, base, post, speech, made, result)
        if audio_dir is not None:
            result.audio, result.manifest = made.audio, made.manifest


def content_key(article, *, engine: str, voice: str | None, rate: int | None, footnotes: str,
                lexicon) -> tuple[str, str]:
    """(hash of what would be spoken and by whom, the voice's name): no sound is made. ENGINE is a name, not auto."""
    from ..api import open_engine, script_for

    tts, _ = open_engine(engine, voice=voice, rate=rate)
    try:
        script = script_for(article, footnotes=footnotes, max_chars=tts.max_chars, lexicon=lexicon,
                            languages=getattr(tts, "languages", frozenset()))
        spoken = {"engine": tts.name, "voice": tts.voice, "rate": getattr(tts, "rate", None),
                  "script": script.to_dict()}
        voice_name = tts.voice
    finally:
        tts.close()
    digest = hashlib.sha256(json.dumps(spoken, sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()
    return digest, voice_name


def _raw(post: dict) -> str:
    content = post.get("content")
    if not isinstance(content, dict) or "raw" not in content:
        raise PublishError("WordPress sent the post without its raw content (context=edit): the user needs the "
                           "right to edit this post (Editor or Administrator)")
    return str(content["raw"])


def article_of(post: dict):
    """What the post says: its title and content as WordPress renders them (filters and shortcodes applied),
    with the post's link as its address. A post is an article: only an empty one is refused."""
    from ..extract import extract
    from ..page import Page

    content = post.get("content") or {}
    title = (post.get("title") or {}).get("rendered", "")
    page = (f'<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>{title}</title></head><body>'
            f'<article><h1>{title}</h1><div class="entry-content">{content.get("rendered", "")}</div></article>'
            "</body></html>")
    article = extract(Page(html=page, url=post.get("link") or ""), check=False)
    if not article.blocks:
        raise NotAnArticleError(f"post {post.get('id')} ({post.get('link') or 'no link'}) has nothing to read: "
                                "its content has no text; write the post first")
    return article


def _unchanged(rest: Rest, blocks, media: list[dict], raw: str, post_id: int, key: str, player: bool) -> bool:
    if len(blocks) != 1 or wp.key_of(blocks[0].src, post_id) != key[:12] or blocks[0].player != player:
        return False
    if blocks[0].classic != is_classic(raw):  # e.g. a classic post that an older reader gave block markup
        return False
    if blocks[0].media_id is None:
        return any(m.get("source_url") == blocks[0].src for m in media)
    return wp.media_exists(rest, blocks[0].media_id)


def _delete_old(rest: Rest, old: list[int], result: PublishResult) -> None:
    """Delete reader's older media of the post; the ones the site refuses to delete are listed, not fatal."""
    for media_id in old:
        try:
            if wp.delete_media(rest, media_id):
                result.deleted_media_ids.append(media_id)
        except ReaderError as err:
            log.warning("could not delete reader's old media item %s: %s", media_id, err.message)
            result.leftover_media_ids.append(media_id)


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


def _prepared(audio: Path, out: Path):
    """Audio made for this post elsewhere: the MP3, its manifest and WebVTT files, copied under the media's names
    (they carry the key that tells an unchanged post next time)."""
    import shutil
    from types import SimpleNamespace

    from ..api import manifest_path_for
    from ..embed.vtt import KINDS, vtt_path

    manifest = manifest_path_for(out)
    shutil.copyfile(audio, out)
    shutil.copyfile(manifest_path_for(audio), manifest)
    vtt_files = []
    for kind in KINDS:
        if vtt_path(audio, kind).is_file():
            vtt_files.append(vtt_path(out, kind))
            shutil.copyfile(vtt_path(audio, kind), vtt_files[-1])
    duration_ms = int(json.loads(manifest.read_text(encoding="utf-8"))["duration_ms"])
    return SimpleNamespace(audio=out, manifest=manifest, duration_ms=duration_ms, vtt_files=vtt_files)


def _speak(article, out: Path, **options):
    from ..api import speak
    from ..embed.vtt import write_vtt_files

    made = speak(article, out, **options)
    made.vtt_files = write_vtt_files(made.manifest) if made.manifest else []
    return made


def _unit(url: str, media_id: int, made, *, player: bool, classic: bool) -> str:
    """Reader's unit for the post: the audio block, and the player of reader embed when asked for."""
    from ..embed.snippet import clock

    snippet = None
    if player:
        from ..embed.load import load_recording
        from ..embed.snippet import player_html

        snippet = player_html(load_recording(made.manifest), audio_url=url, own_audio=False)
    return reader_unit(url, media_id=media_id, caption=CAPTION.format(duration=clock(made.duration_ms)),
                       player=snippet, classic=classic)


def _fresh_content(rest: Rest, base: str, post: dict, speech: _Speech, key: str) -> str:
    """The post's content.raw as it is now. Edited since it was read (minutes ago: speaking and uploading take
    time): still fine when what is spoken is the same (the author's other changes are kept), else stop."""
    post_id = int(post["id"])
    now = wp.current(rest, base, post_id)
    raw = _raw(now)
    if raw == _raw(post) and now.get("modified_gmt") == post.get("modified_gmt"):
        return raw
    if speech.key({**post, **now})[0] != key:
        raise PublishError(f"post {post_id} was edited while its audio was being made (last change "
                           f"{now.get('modified_gmt') or '?'} UTC) and its text is no longer what was spoken; the "
                           "post was left as the author saved it and the new media removed: run reader publish again")
    return raw


def _upload_and_link(rest: Rest, base: str, post: dict, speech: _Speech, made, result: PublishResult) -> None:
    """Upload the MP3 and WebVTT files, then write the post with reader's unit; undo the uploads on failure."""
    post_id = int(post["id"])
    uploaded: list[int] = []
    try:
        audio = wp.upload(rest, made.audio, post_id)
        uploaded.append(int(audio["id"]))
        for path in made.vtt_files:
            uploaded.append(int(wp.upload(rest, path, post_id)["id"]))
        url = str(audio.get("source_url") or "")
        raw = _fresh_content(rest, base, post, speech, result.key)
        unit = _unit(url, uploaded[0], made, player=result.player, classic=is_classic(raw))
        written = wp.write_content(rest, base, post_id, with_reader_block(raw, unit))
        kept = find_reader_blocks(str((written.get("content") or {}).get("raw", "")))
        if len(kept) != 1 or kept[0].player != result.player:
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
