"""Passages in English that the page did not mark: found by function words, clause by clause.

Blog posts in German quote English titles and sentences ("Big Tech has a big DeepSeek problem")
without ``lang="en"``. A clause is taken as English when it has enough words, at least
``MIN_ENGLISH`` English-only function words and no German-only ones. Words that both languages
use ("in", "an", "so", "was", "will") are in neither table, so a German clause is never taken for
English because of them. Clauses are cut at sentence ends and at ": ", " — ", " – ", "; ".
"""

from __future__ import annotations

import re

from ..article import LangSpan

ENGLISH_ONLY = frozenset(
    "the a of and to is are was were be been being has have had does did with for from by this that these "
    "those it its they them their we our you your he his she her who which what why how when where "
    "not no or but if than then there here about into over after before between through can could "
    "would should may might must shall more most very just only also any some such other each every "
    "all both many much new on at as one make making made easier cheaper better build built".split()
)
GERMAN_ONLY = frozenset(
    "der die das den dem des ein eine einen einem einer eines und ist sind war waren wird werden wurde "
    "nicht mit für von zu zum zur auf aus bei nach über unter auch wie dass daß aber oder wenn weil "
    "sich sie er wir ihr ich uns noch nur schon sehr mehr dieser diese dieses jedoch dazu doch vgl "
    "hat haben kann können muss soll sollte".split()
)
MIN_WORDS = 4
MIN_ENGLISH = 2
_CLAUSE_BREAK = re.compile(r"(?<=[.!?:;])\s+|\s+[—–]\s+")
_WORD = re.compile(r"[A-Za-zÄÖÜäöüß']+")


def _clauses(text: str, start: int, end: int):
    """(start, end) of each clause in text[start:end]."""
    at = start
    for match in _CLAUSE_BREAK.finditer(text, start, end):
        yield at, match.start()
        at = match.end()
    yield at, end


def is_english(clause: str) -> bool:
    words = [w.lower().strip("'") for w in _WORD.findall(clause)]
    if len(words) < MIN_WORDS:
        return False
    english = sum(w in ENGLISH_ONLY for w in words)
    return english >= MIN_ENGLISH and not any(w in GERMAN_ONLY for w in words)


def guess_spans(text: str, start: int = 0, end: int | None = None, base: str = "de") -> list[LangSpan]:
    """English clauses of text[start:end] as spans (only for German text; others get none)."""
    if base != "de":
        return []
    end = len(text) if end is None else end
    return [LangSpan(lo, hi, "en") for lo, hi in _clauses(text, start, end) if is_english(text[lo:hi])]
