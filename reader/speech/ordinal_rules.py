"""Rules for ordinals and dates beyond "am 1. Januar": ISO dates ("2025-01-27"), ordinals before
nouns that need no article ("1. FC", "2. Weltkrieg"), regnal numbers ("Ludwig XIV.")."""

from __future__ import annotations

import re

from . import vocabulary as vocab
from .numbers import cardinal, ordinal, year
from .rules import alternation, rule

_CONTEXT = "(?i:" + "|".join(vocab.ORDINAL_CONTEXT) + ")"
_ROMAN = re.compile(r"C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")


def roman_value(numeral: str) -> int:
    """"XIV" -> 14 (0 if ``numeral`` is not a well-formed Roman numeral below 400)."""
    if not numeral or not _ROMAN.fullmatch(numeral):
        return 0
    values = [vocab.ROMAN_DIGITS[c] for c in numeral]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def _iso_date(m: re.Match) -> str:
    y, month, day = int(m["year"]), int(m["month"]), int(m["day"])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return m[0]
    ending = vocab.ORDINAL_CONTEXT[m["word"].lower()] if m["word"] else "er"
    lead = f"{m['word']} " if m["word"] else ""
    return f"{lead}{ordinal(day, ending)} {vocab.MONTHS[month - 1]} {year(y)}"


def _ordinal_before_noun(m: re.Match) -> str:
    said = ordinal(int(m["num"]), vocab.ORDINAL_BEFORE_NOUN[m["noun"]])
    at_start = m.start() == 0 or m.string[:m.start()].rstrip().endswith((".", "!", "?", ":"))
    return f"{said.capitalize() if at_start else said} {m['noun']}"


def _regnal(m: re.Match) -> str:
    n = roman_value(m["roman"])
    if not n:
        return m[0]
    if m["name"] in vocab.NUMBERED_NOUNS:  # "Teil II." is part two, and the period ends the sentence
        return f"{m['before'] or ''}{m['name']} {cardinal(n)}."
    dative = m["before"] and m["before"].strip().lower() in vocab.DATIVE_BEFORE
    article = ("der" if m["name"] in vocab.FEMININE_NAMES else "dem") if dative else (
        "die" if m["name"] in vocab.FEMININE_NAMES else "der")
    said = ordinal(n, "en" if dative else "e")
    end = "." if not m.string[m.end():].strip() else ""  # the period also ended the sentence
    return f"{m['before'] or ''}{m['name']} {article} {said[0].upper()}{said[1:]}{end}"


ISO_DATE = rule(
    "iso_date",
    rf"(?:\b(?P<word>{_CONTEXT})\s+)?(?<![\w.-])(?P<year>1\d{{3}}|20\d\d)-(?P<month>\d\d)-(?P<day>\d\d)(?![\w-])",
    _iso_date,
)
ORDINAL_BEFORE_NOUN = rule(
    "ordinal_before_noun",
    rf"(?<![\w.,])(?P<num>\d{{1,3}})\.\s+(?P<noun>{alternation(vocab.ORDINAL_BEFORE_NOUN)})\b",
    _ordinal_before_noun,
)
REGNAL = rule(
    "regnal_numbers",
    r"(?P<before>\b\w+\s+)?\b(?P<name>[A-ZÄÖÜ][a-zäöüß]+)\s+(?P<roman>[IVXLC]{1,7})\.(?=\s|$)",
    _regnal,
)
