"""What an owner may want to put in the lexicon: acronyms, anglicisms and unknown abbreviations found
in articles, ranked by how often they occur, each with how reader says it now."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Iterable

from . import vocabulary as vocab
from .anglicisms import ANGLICISMS
from .normalize import Lexicon, normalize
from .word_rules import ABBREVIATION_FORMS, compact

# Candidate kinds, each a pattern over the written text (group "w" is the candidate).
# Their order is the order of preference when two patterns find the same word.
CANDIDATES: dict[str, re.Pattern] = {
    "acronym": re.compile(r"(?<![\w-])(?P<w>[A-ZÄÖÜ][A-ZÄÖÜ0-9]*[A-ZÄÖÜ][a-z]?|[A-Z]{1,4}-?\d{1,3}[a-z]{0,2})(?![\w])"),
    "anglicism": re.compile(
        r"(?<!\w)(?P<w>" + "|".join(re.escape(w) for w in sorted(ANGLICISMS, key=len, reverse=True)) + r")(?!\w)"
    ),
    "mixed case": re.compile(r"(?<![\w-])(?P<w>[A-Z]?[a-z]+[A-Z]\w*)(?![\w])"),
    "abbreviation": re.compile(r"(?<![\w.])(?P<w>[A-Za-zÄÖÜäöü]{1,6}\.(?:\s?[A-Za-zÄÖÜäöü]{1,4}\.)*)(?=\s+[a-zäöü0-9])"),
}
_KNOWN_ABBREVIATIONS = {compact(w) for w in ABBREVIATION_FORMS} | set(vocab.ABBREVIATIONS_BEFORE_NUMBER)


@dataclass
class Suggestion:
    written: str
    kind: str
    count: int
    spoken: str


def _wanted(kind: str, word: str) -> bool:
    if kind == "abbreviation":
        return compact(word) not in _KNOWN_ABBREVIATIONS and len(compact(word)) > 2
    return True


def suggest(texts: Iterable[str], lexicon: Lexicon | None = None) -> list[Suggestion]:
    """Candidates in ``texts``, most frequent first (then by kind and spelling)."""
    counts: Counter = Counter()
    for text in texts:
        for kind, pattern in CANDIDATES.items():
            counts.update((kind, m["w"]) for m in pattern.finditer(text) if _wanted(kind, m["w"]))
    order = list(CANDIDATES)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], order.index(item[0][0]), item[0][1]))
    seen: set[str] = set()
    suggestions = []
    for (kind, word), n in ranked:  # a word found by two patterns is listed once, under the first kind
        if word not in seen:
            seen.add(word)
            suggestions.append(Suggestion(word, kind, n, normalize(word, "de", lexicon)))
    return suggestions
