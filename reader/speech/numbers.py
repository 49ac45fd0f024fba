"""German number words: cardinals, ordinals, years, digit strings, and the parsing of written numbers.

    cardinal(4500)            -> "viertausendfünfhundert"
    cardinal(1, "eine")       -> "eine"            ("eins" counting, "ein"/"eine" before a noun)
    ordinal(3, "en")          -> "dritten"
    year(1999)                -> "neunzehnhundertneunundneunzig"
    german_number("0,55")     -> "null Komma fünf fünf"
    parse_amount("2.19")      -> (2, "19")         (money: English or German decimal mark)
"""

from __future__ import annotations

import re

MAX_CARDINAL = 10**12 - 1
ONE_FORMS = ("eins", "ein", "eine")

_ONES = (
    "null", "eins", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn",
    "elf", "zwölf", "dreizehn", "vierzehn", "fünfzehn", "sechzehn", "siebzehn", "achtzehn", "neunzehn",
)
_TENS = ("", "", "zwanzig", "dreißig", "vierzig", "fünfzig", "sechzig", "siebzig", "achtzig", "neunzig")
_LARGE = ((10**9, "Milliarde", "Milliarden"), (10**6, "Million", "Millionen"))
_ORDINAL_STEMS = {0: "nullt", 1: "erst", 3: "dritt", 7: "siebt", 8: "acht"}
_AMOUNT = re.compile(r"(?P<whole>.*?)(?:[.,](?P<frac>\d{1,2}))?")


def _under_100(n: int, one: str) -> str:
    if n == 1:
        return one
    if n < 20:
        return _ONES[n]
    tens, unit = divmod(n, 10)
    if not unit:
        return _TENS[tens]
    return ("ein" if unit == 1 else _ONES[unit]) + "und" + _TENS[tens]


def _under_1000(n: int, one: str) -> str:
    hundreds, rest = divmod(n, 100)
    head = "" if not hundreds else ("hundert" if hundreds == 1 else _ONES[hundreds] + "hundert")
    return head + (_under_100(rest, one) if rest else "")


def _under_million(n: int, one: str) -> str:
    thousands, rest = divmod(n, 1000)
    head = ""
    if thousands:
        head = "tausend" if thousands == 1 else _under_1000(thousands, "ein") + "tausend"
    return head + (_under_1000(rest, one) if rest else "")


def cardinal(n: int, one: str = "eins") -> str:
    """``n`` in German words; ``one`` is how a final 1 is said ("eins", "ein" or "eine")."""
    if one not in ONE_FORMS:
        raise ValueError(f"one must be one of {ONE_FORMS}, not {one!r}")
    if n < 0:
        return "minus " + cardinal(-n, one)
    if n > MAX_CARDINAL:
        raise ValueError(f"{n} is too large to read as a number (limit {MAX_CARDINAL})")
    if n == 0:
        return "null"
    words = []
    for size, singular, plural in _LARGE:
        count, n = divmod(n, size)
        if count:
            words.append(f"eine {singular}" if count == 1 else f"{_under_million(count, 'eine')} {plural}")
    if n:
        words.append(_under_million(n, one))
    return " ".join(words)


def ordinal(n: int, ending: str = "e") -> str:
    """The ordinal of ``n`` with an inflection ending: ordinal(1, "er") -> "erster"."""
    if n < 0:
        raise ValueError("ordinals are not negative")
    rest = n % 100
    if n == 0 or 1 <= rest < 20:
        head = cardinal(n - rest) if n - rest else ""
        stem = head + _ORDINAL_STEMS.get(rest, _ONES[rest] + "t")
    else:
        stem = cardinal(n) + "st"
    return stem + ending


def year(n: int) -> str:
    """A year: 1100-1999 by centuries ("neunzehnhundertneunzig"), others as cardinals."""
    if 1100 <= n <= 1999:
        century, rest = divmod(n, 100)
        return _under_100(century, "eins") + "hundert" + (_under_100(rest, "eins") if rest else "")
    return cardinal(n)


def digits(text: str) -> str:
    """Digit by digit: "55" -> "fünf fünf"."""
    return " ".join(_ONES[int(c)] for c in text)


def integer(text: str, one: str = "eins") -> str:
    """A string of digits as words; leading zeros or huge numbers digit by digit ("007")."""
    if (len(text) > 1 and text.startswith("0")) or len(text) > len(str(MAX_CARDINAL)) or int(text) > MAX_CARDINAL:
        return digits(text)
    return cardinal(int(text), one)


def german_number(text: str, one: str = "eins") -> str:
    """A number written the German way: "4.500" (thousands), "0,55" (decimal), "4.500,5"."""
    whole, _, frac = text.partition(",")
    words = integer(whole.replace(".", ""), one if not frac else "eins")
    return f"{words} Komma {digits(frac)}" if frac else words


def parse_amount(text: str) -> tuple[int, str]:
    """A money amount in either convention -> (whole units, fraction digits or "").

    A final "." or "," with one or two digits is the decimal mark ("$0.55", "27,50");
    every other separator groups thousands ("$1,000", "4.500,50").
    """
    match = _AMOUNT.fullmatch(text)
    return int(re.sub(r"[.,]", "", match["whole"])), match["frac"] or ""
