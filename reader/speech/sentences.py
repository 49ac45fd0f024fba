"""German sentence splitting.

A sentence ends at ".", "!", "?" or "…" (with any closing quotes or brackets after it) when
whitespace and then a capital, a digit or an opening quote follow. A period does not end a
sentence after an abbreviation that never ends one ("z. B.", "Dr.", "Mio.", see
``vocabulary.ABBREVIATIONS``), after a single letter (initials: "G. C. Cooke", "d. h."), or after
an ordinal ("am 3. Oktober", "1. Januar", "im 19. Jahrhundert"). Decimals, URLs and e-mail
addresses never contain a period followed by whitespace, so they are never split.
"""

from __future__ import annotations

import re

from . import vocabulary as vocab
from .word_rules import ABBREVIATION_FORMS, abbreviation_in_context, compact

_CANDIDATE = re.compile(r"(?P<end>[.!?…]+)(?P<close>[\"”“»«’')\]]*)\s+(?=\S)")
_OPENERS = "„“\"»«‚'(["
_FIRST_WORD = re.compile(r"[\w-]+")
_EDGE_PUNCTUATION = "\"'„“”»«‚‘’()[]"

NO_BREAK_AFTER = frozenset(
    {compact(w) for w, (_, may_end) in ABBREVIATION_FORMS.items() if not may_end}
    | set(vocab.ABBREVIATIONS_BEFORE_NUMBER)
)
_ORDINAL_NEXT_WORDS = frozenset(
    vocab.MONTHS + vocab.MONTH_ALIASES + vocab.ORDINAL_NOUNS + tuple(vocab.ORDINAL_BEFORE_NOUN)
)
# "Mo.–Fr." never ends a sentence.
_NO_BREAK_TOKEN = re.compile(
    r"(?:%s)\.?[–—-](?:%s)" % ("|".join(vocab.WEEKDAYS), "|".join(vocab.WEEKDAYS))
)


def _tokens_before(text: str, end: int) -> list[str]:
    """The whitespace-delimited tokens that end at ``end`` (the last 80 characters are enough)."""
    tokens = text[max(0, end - 80):end].split()
    return tokens if tokens and not text[end - 1].isspace() else []


def _known_abbreviation(tokens: list[str]) -> bool:
    """The last one to three tokens with the period form an abbreviation that never ends a sentence."""
    return any(
        compact("".join(tokens[-k:]).lstrip(_EDGE_PUNCTUATION) + ".") in NO_BREAK_AFTER
        for k in range(1, min(3, len(tokens)) + 1)
    )


def _is_ordinal(text: str, number: str, number_at: int, next_at: int) -> bool:
    if not (number.isdigit() and len(number) <= 4):
        return False
    words_before = text[max(0, number_at - 80):number_at].split()
    previous = words_before[-1].strip(_EDGE_PUNCTUATION).lower() if words_before else ""
    following = _FIRST_WORD.match(text, next_at)
    return previous in vocab.ORDINAL_CONTEXT or bool(following and following[0] in _ORDINAL_NEXT_WORDS)


def _period_ends_sentence(text: str, match: re.Match) -> bool:
    tokens = _tokens_before(text, match.start())
    token = tokens[-1] if tokens else ""
    word = token.strip(_EDGE_PUNCTUATION)
    following = _FIRST_WORD.match(text, match.end())
    if word + "." in vocab.SCALES and following and following[0] in vocab.SENTENCE_STARTERS:
        return True
    if _known_abbreviation(tokens) or _NO_BREAK_TOKEN.fullmatch(word):
        return False
    if abbreviation_in_context(word, text, match.end()):
        return False
    if len(word) == 1 and word.isalpha():
        return False
    number_at = match.start() - len(token)
    return not _is_ordinal(text, word, number_at, match.end())


def _is_break(text: str, match: re.Match) -> bool:
    following = text[match.end()]
    if not (following.isupper() or following.isdigit() or following in _OPENERS):
        return False
    if match["end"] != "." or match["close"]:
        return True
    return _period_ends_sentence(text, match)


def _strip_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in ``text``, without surrounding whitespace."""
    spans, start = [], 0
    for match in _CANDIDATE.finditer(text):
        if _is_break(text, match):
            spans.append(_strip_span(text, start, match.end("close")))
            start = match.end()
    spans.append(_strip_span(text, start, len(text)))
    return [span for span in spans if span]


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text``, in order."""
    return [text[start:end] for start, end in sentence_spans(text)]
