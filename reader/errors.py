"""One exception family. Each error carries a one-line message that says what to do, and an exit code.

Exit codes (documented in the README):
    0  success
    1  unexpected internal error (a bug: please report it with the output of -v)
    2  usage: bad command line, options or input file
    3  fetch: network, HTTP or file could not be read
    4  not an article: the page is not HTML, or has nothing to read
    5  speech engine: synthesis failed or the engine is not available
    6  output: a file could not be written (or would overwrite something without being asked)
    7  publish: the WordPress site refused (login, missing post, upload limits, no REST API)
    8  batch: some articles failed (the others were converted; see DIR/report.json)
    130 interrupted (Ctrl-C)
    143 terminated (SIGTERM)
"""

from __future__ import annotations


class ReaderError(Exception):
    """Base class: ``str(err)`` is the one-line message shown to the user."""

    exit_code = 1

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class UsageError(ReaderError):
    exit_code = 2


class FetchError(ReaderError):
    exit_code = 3


class NotAnArticleError(ReaderError):
    exit_code = 4


class EngineError(ReaderError):
    exit_code = 5


class OutputError(ReaderError):
    exit_code = 6


class PublishError(ReaderError):
    exit_code = 7


class ArticlesFailedError(ReaderError):
    """A batch ran to its end, but some of its articles failed."""

    exit_code = 8


EXIT_CODES = {
    "ok": 0,
    "internal": 1,
    "usage": UsageError.exit_code,
    "fetch": FetchError.exit_code,
    "not_article": NotAnArticleError.exit_code,
    "engine": EngineError.exit_code,
    "output": OutputError.exit_code,
    "publish": PublishError.exit_code,
    "articles_failed": ArticlesFailedError.exit_code,
    "interrupted": 130,
    "terminated": 143,
}
