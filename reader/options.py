"""Command-line options that fetch, publish and batch share: one wording, one set of choices.

Imports nothing but argparse-level things: every command line is built with it, ``reader extract`` included.
"""

from __future__ import annotations

ENGINE_CHOICES = ("auto", "gtts", "espeak", "piper")
FOOTNOTE_POLICIES = ("end", "inline", "skip")


def add_speech_options(parser) -> None:
    """--engine, --voice, --rate, --footnotes and --lexicon on ``parser`` (a parser or an argument group)."""
    parser.add_argument("--engine", default="auto", choices=ENGINE_CHOICES,
                        help="speech engine (default auto: Google's voice when reachable, else espeak offline)")
    parser.add_argument("--voice", metavar="VOICE", help="espeak voice name (default de) or Piper voice file PATH.onnx")
    parser.add_argument("--rate", type=int, metavar="WPM", help="espeak speaking rate in words per minute (80-450, default 165)")
    parser.add_argument("--footnotes", default="end", choices=FOOTNOTE_POLICIES,
                        help="read footnotes as a last chapter (end), after the citing sentence (inline), or not at all")
    add_lexicon_option(parser)


def add_lexicon_option(parser) -> None:
    parser.add_argument("--lexicon", metavar="FILE",
                        help="pronunciation lexicon (TOML) applied before the built-in rules "
                        "(default: the [lexicon] of a reader.toml beside SOURCE or in the current folder or above)")
