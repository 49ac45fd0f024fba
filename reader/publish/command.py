"""`reader publish`: argparse only at import time; the work is in reader.publish.run."""

from __future__ import annotations

import os
import sys

from ..options import add_speech_options

PASSWORD_ENV = "READER_WP_PASSWORD"
NO_PASSWORD = (f"no application password: set {PASSWORD_ENV} or give --password-file FILE "
               "(WordPress: Users -> Profile -> Application Passwords)")


def add_parser(sub, common) -> None:
    parser = sub.add_parser(
        "publish", parents=[common], help="put a post's audio into its WordPress (media library + audio block)",
        description="Find the post SOURCE on the WordPress site through its REST API, speak it, upload the MP3 "
        "(and WebVTT files) to the media library and put one audio block of reader's own at the top of the post. "
        "An unchanged post is left alone; an edited one gets its block and media replaced. The application password "
        f"comes from ${PASSWORD_ENV} or --password-file; --site must be https (plain http only for this machine).",
    )
    parser.add_argument("source", metavar="SOURCE", help="the post's URL, its numeric id or its slug")
    parser.add_argument("--site", required=True, metavar="URL", help="the WordPress site, e.g. https://blog.example")
    parser.add_argument("--user", required=True, metavar="USER", help="the WordPress user name")
    parser.add_argument("--password-file", metavar="FILE",
                        help=f"file holding the user's application password (default: ${PASSWORD_ENV})")
    add_speech_options(parser)
    parser.add_argument("--audio-dir", metavar="DIR", help="keep the MP3, its manifest and WebVTT files in DIR "
                        "(default: a temporary folder, removed afterwards)")
    parser.add_argument("--cache-dir", metavar="DIR", help="where synthesized utterances are cached")
    parser.add_argument("--no-cache", action="store_true", help="neither read nor write the utterance cache")
    parser.add_argument("--player", action="store_true", help="also put reader embed's player (chapters, transcript, "
                        "speed) right after the audio block; the two are replaced together")
    parser.add_argument("--dry-run", action="store_true", help="say what would be done, change nothing")
    parser.add_argument("--force", action="store_true", help="make and upload the audio again even if the post is unchanged")
    parser.set_defaults(func=run)


def read_password(password_file: str | None) -> str:
    from ..errors import UsageError

    if password_file:
        try:
            with open(os.path.expanduser(password_file), encoding="utf-8") as file:
                text = file.read()
        except OSError as err:
            raise UsageError(f"cannot read --password-file {password_file}: {err.strerror}; check the path") from None
        password = text.strip()
        if not password:
            raise UsageError(f"--password-file {password_file} is empty: put the application password in it")
        return password
    password = os.environ.get(PASSWORD_ENV, "").strip()
    if not password:
        raise UsageError(NO_PASSWORD)
    return password


def run(args) -> int:
    from ..cli import Progress, note
    from ..lexicon import lexicon_for
    from .run import publish_post

    password = read_password(args.password_file)
    lexicon = lexicon_for(args.lexicon, None)
    with Progress(enabled=not args.quiet and not args.dry_run and sys.stderr.isatty()) as bar:
        result = publish_post(
            args.site, args.user, password, args.source, audio_dir=args.audio_dir, engine=args.engine,
            voice=args.voice, rate=args.rate, footnotes=args.footnotes, lexicon=lexicon, cache_dir=args.cache_dir,
            use_cache=not args.no_cache, dry_run=args.dry_run, force=args.force, player=args.player, timeout=args.timeout,
            progress=bar.update, on_engine=lambda why: note(args, why),
        )
    if not args.quiet or args.dry_run:
        print(summary(result))
    if result.leftover_media_ids:
        print(f"reader: warning: {leftover(result)}", file=sys.stderr)
    return 0


def leftover(result) -> str:
    return (f"the site did not delete reader's old media {', '.join(map(str, result.leftover_media_ids))}: "
            "delete them in the media library")


def summary(result) -> str:
    post = f"post {result.post_id} ({result.post_link})"
    if result.action == "unchanged":
        return f"reader: {post} is unchanged: its audio (media {result.media_id}) is up to date; nothing done"
    if result.dry_run:
        gone = f", delete reader's old media {', '.join(map(str, result.deleted_media_ids))}" if result.deleted_media_ids else ""
        return (f"reader: dry run: would {result.action.split()[-1]} the audio of {post}: speak it with "
                f"{result.engine} ({result.voice}), upload reader-{result.post_id}-{result.key[:12]}-{result.engine}.mp3 "
                f"and its WebVTT files, put reader's audio block{' and player' if result.player else ''} at the top of "
                f"the post{gone}; nothing was changed")
    from ..embed.snippet import clock

    gone = f", deleted old media {', '.join(map(str, result.deleted_media_ids))}" if result.deleted_media_ids else ""
    gone += f"; {leftover(result)}" if result.leftover_media_ids else ""
    vtt = f" + {len(result.vtt_media_ids)} WebVTT" if result.vtt_media_ids else ""
    player = " with reader's player" if result.player else ""
    return (f"reader: {result.action} the audio of {post}{player}: media {result.media_id}{vtt} "
            f"({clock(result.duration_ms)}, {result.engine}) at {result.audio_url}{gone}")
