"""Written German -> what a speech engine should say: numbers, money, abbreviations, acronyms, symbols.

``normalize(text)`` applies RULES in order; each rule is small, named and built from the word tables
in ``vocabulary``. To teach reader a new reading, add a table entry or a rule to the list. Text that
needs nothing comes back exactly as it was.
"""

from __future__ import annotations

from . import number_rules as num
from . import word_rules as word
from .rules import Rule

RULES: tuple[Rule, ...] = (
    word.CHARACTERS,
    word.EMOJI,
    word.ABBREVIATIONS,
    word.ABBREVIATIONS_BEFORE_NUMBER,
    num.DATE,
    num.TIME,
    num.SIGN,
    num.RANGE,
    num.MONEY_BEFORE,
    num.MONEY_AFTER,
    num.SCALE,
    num.UNIT,
    num.ORDINAL_AFTER_WORD,
    num.ORDINAL_BEFORE_MONTH,
    num.YEAR,
    num.DECIMAL,
    num.THOUSANDS,
    num.VERSION,
    word.MODEL_NAMES,
    num.INTEGER,
    word.ACRONYMS,
    word.AMPERSAND,
    word.DASH_PAUSE,
)

RULES_BY_LANGUAGE: dict[str, tuple[Rule, ...]] = {"de": RULES}


def normalize(text: str, lang: str = "de") -> str:
    """The spoken form of ``text``. Languages without rules are returned unchanged."""
    for rule in RULES_BY_LANGUAGE.get(lang.split("-")[0].lower(), ()):
        text = rule.apply(text)
    return text
