"""Written German -> what a speech engine should say: numbers, money, abbreviations, acronyms, symbols.

``normalize(text)`` applies the owner's lexicon (if any), then RULES in order; each rule is small,
named and built from the word tables in ``vocabulary`` (and ``anglicisms``). To teach reader a new
reading, add a table entry or a rule to the list. Text that needs nothing comes back exactly as it was.
"""

from __future__ import annotations

from typing import Protocol

from . import number_rules as num
from . import ordinal_rules as ordinal
from . import text_rules as text_
from . import word_rules as word
from .anglicisms import apply_anglicisms
from .rules import Rule, rule

ANGLICISMS = rule("anglicisms", r"(?s).+", lambda m: apply_anglicisms(m[0]))

RULES: tuple[Rule, ...] = (
    word.CHARACTERS,
    word.EMOJI,
    text_.FIXED,
    text_.EMAIL,
    text_.URL,
    text_.GENDER,
    text_.WEEKDAY_RANGE,
    text_.WEEKDAY_BEFORE_NUMBER,
    text_.STREET,
    ANGLICISMS,
    word.ABBREVIATIONS,
    word.ABBREVIATIONS_BEFORE_NUMBER,
    text_.SYMBOLS,
    num.DATE,
    num.DATE_NO_YEAR,
    ordinal.ISO_DATE,
    num.TIME,
    num.COLON_PAIR,
    num.SIGN,
    num.RANGE,
    num.MULTIPLY,
    num.NO_CENTS,
    num.MONEY_BEFORE,
    num.MONEY_AFTER,
    num.SCALE,
    num.UNIT,
    num.ORDINAL_AFTER_WORD,
    num.ORDINAL_BEFORE_MONTH,
    ordinal.ORDINAL_BEFORE_NOUN,
    ordinal.REGNAL,
    num.FRACTION,
    num.VULGAR_FRACTION,
    num.YEAR,
    num.DECIMAL,
    num.THOUSANDS,
    num.PREFIXED_VERSION,
    num.VERSION,
    num.NUMBER_LETTER,
    word.MODEL_NAMES,
    num.INTEGER,
    word.ACRONYMS,
    word.UNPRONOUNCEABLE,
    word.AMPERSAND,
    word.DASH_PAUSE,
)

RULES_BY_LANGUAGE: dict[str, tuple[Rule, ...]] = {"de": RULES}

# Rules that only ever match text with a digit in it: skipped for the many sentences without one.
DIGIT_RULES = frozenset((
    num.DATE, num.DATE_NO_YEAR, ordinal.ISO_DATE, num.TIME, num.COLON_PAIR, num.NO_CENTS,
    num.SIGN, num.RANGE, num.MULTIPLY,
    num.MONEY_BEFORE, num.MONEY_AFTER, num.SCALE, num.UNIT, num.ORDINAL_AFTER_WORD, num.ORDINAL_BEFORE_MONTH,
    ordinal.ORDINAL_BEFORE_NOUN, num.FRACTION, num.YEAR, num.DECIMAL, num.THOUSANDS, num.PREFIXED_VERSION,
    num.VERSION, num.NUMBER_LETTER, word.MODEL_NAMES, num.INTEGER, text_.WEEKDAY_BEFORE_NUMBER, text_.STREET,
    word.ABBREVIATIONS_BEFORE_NUMBER,
))


class Lexicon(Protocol):
    """The owner's lexicon (``reader.lexicon.Lexicon``): applied before the built-in rules."""

    def apply(self, text: str) -> str: ...


def normalize(text: str, lang: str = "de", lexicon: Lexicon | None = None) -> str:
    """The spoken form of ``text``. Languages without rules are returned unchanged (lexicon included)."""
    rules = RULES_BY_LANGUAGE.get(lang.split("-")[0].lower(), ())
    if rules and lexicon is not None:
        text = lexicon.apply(text)
    has_digit = any(ch.isdigit() for ch in text)
    for each in rules:
        if has_digit or each not in DIGIT_RULES:
            text = each.apply(text)
    return text
