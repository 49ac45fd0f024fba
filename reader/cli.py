"""The command line: parse, call the public API, show progress, map errors to exit codes.

Every failure a user can meet ends in one line ``reader: error: ...`` and a documented exit code
(see reader.errors); ``-v`` adds details and the traceback. A bad command line is such a line too (exit 2).
Ctrl-C ends with exit 130 and SIGTERM with exit 143, both after removing every unfinished file.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import math
import signal
import sys
import threading
from pathlib import Path

from . import __version__
from .errors import ReaderError
from .options import add_lexicon_option, add_speech_options

log = logging.getLogger("reader")
EXIT_TERMINATED = 128 + signal.SIGTERM  # 143, as shells report a process ended by SIGTERM
EXIT_INTERRUPTED = 130


class Parser(argparse.ArgumentParser):
    """argparse with reader's error format: one line ``reader: error: ...`` with where to look, exit 2."""

    def error(self, message: str):
        text = " ".join(message.split())
        self.exit(2, f"reader: error: {text}; see '{self.prog} --help'\n")


def positive_seconds(text: str) -> float:
    """argparse type of --timeout: a positive, finite number of seconds."""
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not 0 < value < math.inf:
        raise argparse.ArgumentTypeError(f"must be a positive number of seconds, not {text!r}")
    return value


def timeout_help() -> str:
    from .fetch import DEFAULT_TIMEOUT, MIN_TOTAL, TOTAL_PER_READ_TIMEOUT

    return (f"network read timeout for the page in seconds (default {DEFAULT_TIMEOUT[1]:g}); the whole page "
            f"download, retries included, must end within max({MIN_TOTAL:g}, {TOTAL_PER_READ_TIMEOUT} x SECONDS) s")


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="reader",
        description="Turn German articles into chaptered audio.",
        epilog="SOURCE is an http(s) URL, a file:// URL or a path to a saved HTML page.",
    )
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    common = Parser(add_help=False)
    common.add_argument("-v", "--verbose", action="store_true", help="show details and tracebacks")
    common.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary")
    common.add_argument("--timeout", type=positive_seconds, metavar="SECONDS", help=timeout_help())
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for add in (add_fetch, add_reading_commands, add_lexicon_commands, add_cache):
        add(sub, common)
    add_package_commands(sub, common)
    return parser


# Commands that live in a package of their own: reader/<name>/command.py has add_parser(sub, common),
# which adds the sub-command and sets its func. Those modules import only argparse-level things at the top.
PACKAGE_COMMANDS = ("embed", "publish", "batch")


def add_package_commands(sub, common) -> None:
    import importlib

    for name in PACKAGE_COMMANDS:
        importlib.import_module(f"reader.{name}.command").add_parser(sub, common)


def add_fetch(sub, common) -> None:
    fetch = sub.add_parser("fetch", parents=[common], help="turn an article into an MP3 with chapters, tags and a manifest",
                           description="Fetch SOURCE, extract the article and speak it into an MP3 file "
                           "with one chapter per section, ID3 tags and a manifest (OUT.json).")
    fetch.add_argument("source", metavar="SOURCE")
    fetch.add_argument("-o", "--out", required=True, metavar="FILE.mp3", help="the MP3 file to write; the manifest goes beside it as FILE.json")
    add_speech_options(fetch)
    fetch.add_argument("--sections-dir", metavar="DIR", help="also write one MP3 per section into DIR")
    fetch.add_argument("--cache-dir", metavar="DIR", help="where synthesized utterances are cached")
    fetch.add_argument("--no-cache", action="store_true", help="neither read nor write the utterance cache")
    fetch.add_argument("--force", action="store_true", help="replace output files even if reader did not make them")
    fetch.set_defaults(func=cmd_fetch)


def add_reading_commands(sub, common) -> None:
    extract = sub.add_parser("extract", parents=[common], help="print what will be read from a page",
                             description="Print the article found in SOURCE: text (title, blocks, footnotes), markdown, or the Article as JSON.")
    extract.add_argument("source", metavar="SOURCE")
    extract.add_argument("--format", default="text", choices=["text", "markdown", "json"])
    extract.set_defaults(func=cmd_extract)

    script = sub.add_parser("script", parents=[common], help="print what will be said, utterance by utterance",
                            description="Print the spoken script of SOURCE: sections and the normalised German text sent to the engine.")
    script.add_argument("source", metavar="SOURCE")
    script.add_argument("--footnotes", default="end", choices=["end", "inline", "skip"])
    script.add_argument("--format", default="text", choices=["text", "json"])
    add_lexicon_option(script)
    script.set_defaults(func=cmd_script)

    normalize = sub.add_parser("normalize", parents=[common], help="print the spoken form of German text",
                               description="Print how reader says TEXT (numbers, money, dates, abbreviations, "
                               "acronyms, anglicisms, the lexicon), or each line of stdin, one output line per input line.")
    normalize.add_argument("text", nargs="?", metavar="TEXT", help="the text to read (default: each line of stdin)")
    add_lexicon_option(normalize)
    normalize.set_defaults(func=cmd_normalize)


def add_lexicon_commands(sub, common) -> None:
    lexicon = sub.add_parser("lexicon", help="review words for the pronunciation lexicon",
                             description="Tools for the owner's pronunciation lexicon (see --lexicon).")
    lexicon_sub = lexicon.add_subparsers(dest="lexicon_command", metavar="ACTION")
    lexicon_sub.required = True
    suggest = lexicon_sub.add_parser("suggest", parents=[common], help="rank acronyms, anglicisms and unknown abbreviations",
                                     description="List the acronyms, anglicisms and unknown abbreviations found in the "
                                     "articles of SOURCE... (URLs, files, or folders of saved .html pages), most "
                                     "frequent first, with how reader says each now: one review for the whole blog.")
    suggest.add_argument("sources", nargs="+", metavar="SOURCE")
    suggest.add_argument("--top", type=int, default=0, metavar="N", help="show only the N most frequent (default all)")
    add_lexicon_option(suggest)
    suggest.set_defaults(func=cmd_lexicon_suggest)


def add_cache(sub, common) -> None:
    cache = sub.add_parser("cache", parents=[common], help="show where the utterance cache lives, or clear it",
                           description="Show the cache folder, its number of cached utterances and their size; "
                           "--clear removes the cached utterances (and nothing else in that folder).")
    cache.add_argument("--cache-dir", metavar="DIR", help="the cache folder (default $READER_CACHE_DIR or the user cache)")
    cache.add_argument("--clear", action="store_true", help="delete every cached utterance")
    cache.set_defaults(func=cmd_cache)


def lexicon_from(args, source: str | None = None):
    from .lexicon import lexicon_for

    return lexicon_for(args.lexicon, source)


def cmd_normalize(args) -> int:
    from .api import normalize_text

    lexicon = lexicon_from(args)
    if args.text is not None:
        print(one_line(normalize_text(args.text, lexicon=lexicon)))
        return 0
    for line in stdin_lines():
        print(one_line(normalize_text(line, lexicon=lexicon)), flush=True)
    return 0


def stdin_lines():
    """Lines of stdin that end at "\n" only (not at \r, \v, U+2028 ...), as they arrive."""
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:  # a text stream without bytes underneath (tests, embedding)
        text = sys.stdin.read()
        yield from (raw.rstrip("\r") for raw in text.split("\n")[: -1 if text.endswith("\n") else None])
        return
    for raw in stream:
        yield raw.decode("utf-8", errors="replace").rstrip("\r\n")


def one_line(text: str) -> str:
    """Other line breaks (\r, \v, \f, U+2028 ...) inside a line become spaces: one line in, one line out."""
    return " ".join(text.splitlines()) if len(text.splitlines()) > 1 else text


def article_sources(sources: list[str]) -> list[str]:
    """Sources as given, with a folder standing for the .html/.htm pages in it (sorted)."""
    found: list[str] = []
    for source in sources:
        path = Path(source).expanduser()
        if "://" not in source and path.is_dir():
            found += sorted(str(p) for p in path.rglob("*") if p.suffix.lower() in (".html", ".htm"))
        else:
            found.append(source)
    return found


def cmd_lexicon_suggest(args) -> int:
    from .api import read
    from .errors import NotAnArticleError, UsageError
    from .speech.suggest import suggest

    sources = article_sources(args.sources)
    texts: list[str] = []
    for source in sources:
        try:
            article = read(source, timeout=args.timeout)
        except NotAnArticleError as err:
            if len(sources) == 1:
                raise
            note(args, f"skipped {source}: {err.message}")
            continue
        texts += [article.title] + [b.text for b in article.blocks] + [f.text for f in article.footnotes]
        texts += [cell for b in article.blocks for row in [b.header, *b.rows] for cell in row]
    if not texts:
        raise UsageError("no articles found: give URLs, saved .html pages or folders that contain them")
    found = suggest(texts, lexicon_from(args, sources[0]))
    lines = [f"{s.count}\t{s.kind}\t{s.written}\t{s.spoken}" for s in found[: args.top or None]]
    write_stdout("\n".join(["count\tkind\twritten\tspoken now", *lines]))
    return 0


def cmd_extract(args) -> int:
    from .api import read
    from .article_formats import to_markdown, to_text

    article = read(args.source, timeout=args.timeout)
    render = {"text": to_text, "markdown": to_markdown, "json": lambda a: a.to_json()}[args.format]
    write_stdout(render(article))
    return 0


def cmd_script(args) -> int:
    from .api import read, script_for

    lexicon = lexicon_from(args, args.source)
    script = script_for(read(args.source, timeout=args.timeout), footnotes=args.footnotes, lexicon=lexicon)
    if args.format == "json":
        write_stdout(script.to_json())
        return 0
    lines = []
    for number, section in enumerate(script.sections, 1):
        lines.append(f"## {number}. {section.title}")
        lines.extend(f"{u.spoken}  [{u.pause_ms} ms]" for u in section.utterances)
    write_stdout("\n".join(lines))
    return 0


def cmd_fetch(args) -> int:
    from .api import check_outputs, read, speak

    out = Path(args.out).expanduser()
    check_outputs(out, force=args.force, sections_dir=args.sections_dir)  # fail before any network work
    lexicon = lexicon_from(args, args.source)  # and before it on a broken lexicon
    article = read(args.source, timeout=args.timeout)
    with Progress(enabled=not args.quiet and sys.stderr.isatty()) as bar:
        result = speak(
            article, out, engine=args.engine, voice=args.voice, rate=args.rate, footnotes=args.footnotes,
            sections_dir=args.sections_dir, cache_dir=args.cache_dir, use_cache=not args.no_cache,
            force=args.force, progress=bar.update, on_engine=lambda why: note(args, why), lexicon=lexicon,
        )
    if not args.quiet:
        minutes, seconds = divmod(round(result.duration_ms / 1000), 60)
        print(
            f"reader: wrote {result.audio} ({minutes}:{seconds:02d} of audio, {result.chapters} chapter{'' if result.chapters == 1 else 's'}) "
            f"with {result.engine}: {result.synthesized} synthesized, {result.cached} cached",
            file=sys.stderr,
        )
    return 0


def cmd_cache(args) -> int:
    from .cache import clear, default_cache_dir, entry_files

    folder = Path(args.cache_dir).expanduser() if args.cache_dir else default_cache_dir()
    if args.clear:
        print(f"removed {clear(folder)} cached files from {folder}")
        return 0
    files = entry_files(folder)
    size = sum(p.stat().st_size for p in files)
    print(f"{folder}\t{len(files)} files\t{size / 1e6:.1f} MB")
    return 0


def note(args, message: str) -> None:
    if not args.quiet:
        print(f"reader: {message}", file=sys.stderr)


def write_stdout(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


class Progress:
    """A tqdm bar on stderr for synthesis; silent when disabled (not a TTY, or -q)."""

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self.bar = None

    def __enter__(self):
        return self

    def update(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        if self.bar is None:
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="utt", desc="speaking", file=sys.stderr, leave=False)
        self.bar.n = done
        self.bar.refresh()
        if done >= total:  # what follows (assembly, loudness, encoding) has no steps to count
            self.bar.close()
            print("reader: speech done; assembling chapters, levelling loudness, encoding MP3 ...", file=sys.stderr)

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.close()


class Terminated(KeyboardInterrupt):
    """SIGTERM (kill, timeout, systemd), raised like Ctrl-C so every unfinished file is removed on the way out."""


def _raise_terminated(signum, frame):
    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # cleaning up now: a second TERM must not cut it short
    raise Terminated()


@contextlib.contextmanager
def sigterm_as_interrupt():
    """While inside, SIGTERM raises Terminated in the main thread (signals can be caught only there)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _raise_terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING, format="reader: %(message)s")
    with sigterm_as_interrupt():
        return run(args)


def run(args) -> int:
    """Run the chosen command; map every way it can end to one stderr line and an exit code."""
    try:
        return args.func(args)
    except ReaderError as err:
        if args.verbose:
            log.exception("details")
        print(f"reader: error: {err.message}", file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt as stop:
        terminated = isinstance(stop, Terminated)
        print(f"reader: {'terminated' if terminated else 'interrupted'}; unfinished files were removed", file=sys.stderr)
        return EXIT_TERMINATED if terminated else EXIT_INTERRUPTED
    except BrokenPipeError:
        return 0
    except Exception as err:  # a bug: say so in one line, details with -v
        if args.verbose:
            log.exception("internal error")
        print(f"reader: error: internal error ({type(err).__name__}: {err}); run again with -v and report it", file=sys.stderr)
        return 1
