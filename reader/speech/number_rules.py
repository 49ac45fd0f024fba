"""Rules that read numbers: dates, times, money, scales, units, ordinals, years, decimals, integers.

Order matters and is set in ``normalize.RULES``: the specific rules ("$0.55", "1. Januar") run before
the general ones (plain integers) so each number is read once, by the rule that knows its context.
"""

from __future__ import annotations

import re

from . import vocabulary as vocab
from .numbers import MAX_CARDINAL, cardinal, digits, german_number, integer, ordinal, parse_amount, year
from .rules import GERMAN_NUMBER, NUMBER_END, NUMBER_START, alternation, rest_of, rule

_CONTEXT = "(?i:" + "|".join(vocab.ORDINAL_CONTEXT) + ")"
_MONTH = alternation(vocab.MONTHS + vocab.MONTH_ALIASES)
_SCALE = alternation(vocab.SCALES)
_UNIT = alternation(vocab.UNITS)
_CURRENCY = {name: cur for cur in vocab.CURRENCIES for name in cur["signs"] + cur["words"]}
_SIGN = alternation(n for cur in vocab.CURRENCIES for n in cur["signs"])
_CURRENCY_ANY = alternation(_CURRENCY)
# Money amounts may use either convention: "$1,000.50", "4.500,50 €", "$0.55".
_AMOUNT = r"\d{1,3}(?:[.,]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?"
_NEXT_NOUN = re.compile(r"\s+([A-ZÄÖÜ][\w-]*)")
_SIGN_WORDS = {"+": "plus", "-": "minus", "−": "minus"}


def one_form(match: re.Match) -> str:
    """How a lone "1" is said before what follows: "eine Stunde", "ein Jahr", else "eins"."""
    noun = _NEXT_NOUN.match(rest_of(match))
    before = match.string[max(0, match.start() - 40):match.start()].split()
    if not noun or (before and before[-1].strip(".:") in vocab.NUMBERING_WORDS):
        return "eins"
    return dative_one(match, "eine" if noun[1] in vocab.FEMININE_NOUNS else "ein")


def dative_one(match: re.Match, form: str) -> str:
    """"ein"/"eine" as the dative "einem"/"einer" after "seit", "nach", "in" ... ("seit einem Jahr")."""
    before = match.string[max(0, match.start() - 40):match.start()].split()
    if before and before[-1].lower() in vocab.DATIVE_BEFORE_ONE:
        return {"ein": "einem", "eine": "einer"}.get(form, form)
    return form


def _ordinal_ending(word: str | None, default: str) -> str:
    return vocab.ORDINAL_CONTEXT[word.lower()] if word else default


def _date(m: re.Match) -> str:
    day, month = int(m["day"]), int(m["month"])
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return m[0]
    lead = f"{m['word']} " if m["word"] else ""
    said = f"{ordinal(day, _ordinal_ending(m['word'], 'er'))} {vocab.MONTHS[month - 1]}"
    return f"{lead}{said} {m['year']}" if m["year"] else lead + said


def _time(m: re.Match) -> str:
    minutes = int(m["min"])
    return f"{cardinal(int(m['h']), 'ein')} Uhr" + (f" {cardinal(minutes)}" if minutes else "")


def _money_words(amount: str, currency: dict, scale: str | None, one: str = "ein") -> str:
    """``one``: how a lone 1 is said before the currency ("ein"; "einem" after "mit", see dative_one)."""
    whole, frac = parse_amount(amount)
    if scale:
        singular, plural = vocab.SCALES[scale]
        one_scale = {"ein": "eine", "einem": "einer"}[one]
        number = f"{cardinal(whole)} Komma {digits(frac)}" if frac else (
            one_scale if whole == 1 else cardinal(whole, "eine"))
        return f"{number} {singular if whole == 1 and not frac else plural} {currency['unit']}"
    cents = int(frac.ljust(2, "0")) if frac else 0
    if whole == 0 and cents and currency["subunit"]:
        return f"{cardinal(cents, 'ein')} {currency['subunit']}"
    said = f"{one if whole == 1 else cardinal(whole, 'ein')} {currency['unit']}"
    return f"{said} {cardinal(cents)}" if cents else said


def _money(m: re.Match) -> str:
    if parse_amount(m["amount"])[0] > MAX_CARDINAL:
        return m[0]
    return _money_words(m["amount"], _CURRENCY[m["cur"]], m["scale"], dative_one(m, "ein"))


def _scaled(m: re.Match) -> str:
    singular, plural = vocab.SCALES[m["scale"]]
    if m["num"] == "1":
        return f"{dative_one(m, 'eine')} {singular}"
    return f"{german_number(m['num'], 'eine')} {plural}"


def _unit(m: re.Match) -> str:
    singular, plural, one = vocab.UNITS[m["unit"]]
    if m["num"] == "1":
        return f"{dative_one(m, one)} {singular}"
    return f"{german_number(m['num'])} {plural}"


def _ordinal_after_word(m: re.Match) -> str:
    return f"{m['word']} {ordinal(int(m['num']), vocab.ORDINAL_CONTEXT[m['word'].lower()])}"


def _year(m: re.Match) -> str:
    return year(int(m["num"])) + (m["er"] or "")


def _integer(m: re.Match) -> str:
    if m["er"]:
        return integer(m["num"]) + m["er"]
    return one_form(m) if m["num"] == "1" else integer(m["num"])


def _fraction_words(numerator: int, denominator: int) -> str:
    noun = vocab.FRACTION_NOUNS.get(denominator) or ordinal(denominator, "el").capitalize()
    if denominator == 2:
        return f"{cardinal(numerator, 'ein')} {noun}" if numerator == 1 else f"{cardinal(numerator)} Halbe"
    return f"{cardinal(numerator, 'ein')} {noun}"


def _fraction(m: re.Match) -> str:
    numerator, denominator = int(m["a"]), int(m["b"])
    if not 0 < numerator < denominator <= 1000:
        return m[0]
    return _fraction_words(numerator, denominator)


def _vulgar_fraction(m: re.Match) -> str:
    numerator, denominator = vocab.VULGAR_FRACTIONS[m["f"]]
    if not m["whole"]:
        return _fraction_words(numerator, denominator)
    whole = cardinal(int(m["whole"]), "ein")
    if (numerator, denominator) == (1, 2):
        return whole + "einhalb"
    return f"{whole} {_fraction_words(numerator, denominator)}"


def _version(m: re.Match) -> str:
    return " Punkt ".join(integer(part) for part in m["num"].split("."))


_N = NUMBER_START
_E = NUMBER_END
_DECADE = r"(?P<er>ern?|ers)?"

DATE = rule(
    "date",
    rf"(?:\b(?P<word>{_CONTEXT})\s+)?{_N}(?P<day>\d{{1,2}})\.\s?(?P<month>\d{{1,2}})\.\s?(?P<year>\d{{4}})\b",
    _date,
)
# "am 3.10.", "der 24.12.": a date without a year, only after a word that makes it one (not "Kapitel 3.1.").
DATE_NO_YEAR = rule(
    "date_no_year",
    rf"\b(?P<word>{_CONTEXT})\s+{_N}(?P<day>\d{{1,2}})\.\s?(?P<month>\d{{1,2}})\.(?!\s?\d)(?P<year>)",
    _date,
)
def _colon_pair(m: re.Match) -> str:
    """"14:30" (two-digit hour and minutes, or after "um") is a time, "2:1" and "16:9" are scores and ratios."""
    a, b = int(m["a"]), int(m["b"])
    clock = (m["um"] or len(m["a"]) == 2) and len(m["b"]) == 2 and a <= 24 and b < 60
    if clock:
        return f"{m['um'] or ''}{cardinal(a, 'ein')} Uhr" + (f" {cardinal(b)}" if b else "")
    return f"{m['um'] or ''}{cardinal(a)} zu {cardinal(b)}"


# "499,- €" -> "499 €": a dash for no cents.
NO_CENTS = rule("no_cents", r"(?<=\d),[-–](?=\s*(?:€|EUR\b|Euro\b|CHF\b)|\s|$)", lambda m: "")
COLON_PAIR = rule(
    "colon_pair",
    r"(?P<um>\b(?i:um|ab|gegen|bis)\s+)?(?<![\w.,:])(?P<a>\d{1,3}):(?P<b>\d{1,3})(?![\d:]|\s?Uhr\b)",
    _colon_pair,
)
TIME = rule("time", rf"{_N}(?P<h>[01]?\d|2[0-4])[:.](?P<min>[0-5]\d)\s?Uhr\b", _time)
SIGN = rule("sign", r"(?:(?<=\s)|^)(?P<sign>[+\-−])(?=\d)", lambda m: _SIGN_WORDS[m["sign"]] + " ")
RANGE = rule("range", r"(?<=\d)(?:\s?[–—]\s?|-)(?=\d)", lambda m: " bis ")
MULTIPLY = rule(
    "multiply", r"(?<=\d)(?:\s?[x×]\s?(?=\d)|\s?[x×](?=\s))", lambda m: " mal " if m[0].rstrip() != m[0] or m.string[m.end():m.end() + 1].isdigit() else " mal"
)
FRACTION = rule("fraction", rf"{_N}(?P<a>\d{{1,3}})/(?P<b>\d{{1,4}})(?![\w/]|[.,]\d)", _fraction)
VULGAR_FRACTION = rule(
    "vulgar_fraction",
    rf"{_N}(?:(?P<whole>\d+)\s?)?(?P<f>{alternation(vocab.VULGAR_FRACTIONS)})",
    _vulgar_fraction,
)
MONEY_BEFORE = rule(
    "money_sign_before",
    rf"(?<!\w)(?P<cur>{_SIGN})\s?(?P<amount>{_AMOUNT})(?:\s?(?P<scale>{_SCALE}))?{_E}",
    _money,
)
MONEY_AFTER = rule(
    "money_after",
    rf"{_N}(?P<amount>{_AMOUNT})\s?(?:(?P<scale>{_SCALE})\s?)?(?P<cur>{_CURRENCY_ANY})(?!\w)",
    _money,
)
SCALE = rule("scale", rf"{_N}(?P<num>{GERMAN_NUMBER})\s?(?P<scale>{_SCALE})(?!\w)", _scaled)
UNIT = rule("unit", rf"{_N}(?P<num>{GERMAN_NUMBER})\s?(?P<unit>{_UNIT})(?![\w/])", _unit)
ORDINAL_AFTER_WORD = rule(
    "ordinal_after_word", rf"\b(?P<word>{_CONTEXT})\s+(?P<num>\d{{1,4}})\.(?=\s)", _ordinal_after_word
)
ORDINAL_BEFORE_MONTH = rule(
    "ordinal_before_month",
    rf"{_N}(?P<num>\d{{1,2}})\.\s+(?P<month>{_MONTH})\b",
    lambda m: f"{ordinal(int(m['num']), 'er')} {m['month']}",
)
YEAR = rule("year", rf"{_N}(?P<num>1[1-9]\d\d|20\d\d){_DECADE}{_E}", _year)
DECIMAL = rule(
    "decimal", rf"{_N}(?P<num>\d{{1,3}}(?:\.\d{{3}})+,\d+|\d+,\d+){_E}", lambda m: german_number(m["num"])
)
THOUSANDS = rule("thousands", rf"{_N}(?P<num>\d{{1,3}}(?:\.\d{{3}})+){_E}", lambda m: german_number(m["num"]))
VERSION = rule("version", rf"{_N}(?P<num>\d+(?:\.\d+)+){_E}", _version)
# "v2.0" -> "Fau zwei Punkt null"
PREFIXED_VERSION = rule(
    "prefixed_version", rf"(?<![\w.])[vV](?P<num>\d+(?:\.\d+)+){_E}", lambda m: f"{vocab.LETTER_NAMES['V']} {_version(m)}"
)
# "5G", "3D", "4K": a number fused with one capital letter is read with the letter's name.
NUMBER_LETTER = rule(
    "number_letter",
    r"(?<![\w.,])(?P<num>\d{1,2})(?P<letter>[A-Z])(?![\w])",
    lambda m: f"{integer(m['num'])}-{vocab.LETTER_NAMES[m['letter']]}",
)
INTEGER = rule("integer", rf"{_N}(?P<num>\d+){_DECADE}{_E}", _integer)
