"""Rules for written forms that are not words of the sentence: fixed expressions, web and e-mail
addresses (read briefly: "https://www.ki-agenten.de/blog/" -> "ki-agenten punkt de"), gender forms
("Leser*innen" -> "Leserinnen und Leser"), weekday ranges ("Mo.–Fr.") and symbols ("§", "→", "=")."""

from __future__ import annotations

import re

from . import vocabulary as vocab
from .rules import alternation, rule

_DOMAIN = r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,24}"
_COMMON_ENDINGS = r"(?:de|com|org|net|io|ai|eu|at|ch|info|dev|app|blog|news|tv|fm|uk|us|co)"
_PATH = r"(?:[/?#][^\s<>\"“”„»«)\]]*[^\s<>\"“”„»«)\].,;:!?])?/?"
_TAIL = r"(?![\w@-])"


def _domain_words(host: str) -> str:
    """"www.ki-agenten.de" -> "ki-agenten punkt de"."""
    labels = host.lower().split(".")
    if len(labels) > 2 and labels[0] == "www":
        labels = labels[1:]
    labels[-1] = vocab.DOMAIN_ENDINGS.get(labels[-1], labels[-1])
    return " punkt ".join(labels)


def _email(m: re.Match) -> str:
    local = " punkt ".join(m["local"].split("."))
    return f"{local} at {_domain_words(m['host'])}"


def _masculine_plural(stem: str) -> str:
    if stem in vocab.MASCULINE_PLURALS:
        return vocab.MASCULINE_PLURALS[stem]
    return stem if stem.endswith(("er", "el", "en")) else stem + "en"


def _gender_any(m: re.Match) -> str:
    if m["stem2"]:
        stem, suffix = m["stem2"], "i" + m["s2"]
    else:
        stem, suffix = m["stem"], m["suffix"]
    if suffix.lower() == "in":
        return f"{stem}in oder {stem}"
    return f"{stem}innen und {_masculine_plural(stem)}"


def _weekdays(m: re.Match) -> str:
    return f"{vocab.WEEKDAYS[m['a']]} bis {vocab.WEEKDAYS[m['b']]}"


def _symbol(m: re.Match) -> str:
    lead = " " if m.start() > 0 else ""
    trail = " " if m.end() < len(m.string) else ""
    return f"{lead}{vocab.SYMBOLS[m['sym']]}{trail}"


FIXED = rule(
    "fixed_expressions",
    rf"(?<![\w.]){alternation(vocab.FIXED_EXPRESSIONS)}(?!\w)",
    lambda m: vocab.FIXED_EXPRESSIONS[m[0]],
)
URL = rule(
    "urls",
    rf"(?:\b(?:https?|ftp)://|\bwww\.)(?P<host>{_DOMAIN}){_PATH}{_TAIL}"
    rf"|(?<![\w@.-])(?P<host2>(?:[A-Za-z0-9-]+\.)+{_COMMON_ENDINGS}){_PATH}{_TAIL}",
    lambda m: _domain_words(m["host"] or m["host2"]),
)
EMAIL = rule(
    "emails", rf"(?<![\w.+-])(?P<local>[\w.+-]+)@(?P<host>{_DOMAIN})(?![\w-])", _email
)
GENDER = rule(
    "gender_forms",
    r"\b(?P<stem>[A-ZÄÖÜ][a-zäöüß]+)(?:[*:_]|/-?)(?P<suffix>innen|in)\b|\b(?P<stem2>[A-ZÄÖÜ][a-zäöüß]+)I(?P<s2>nnen|n)\b",
    _gender_any,
)
WEEKDAY_RANGE = rule(
    "weekday_range",
    rf"\b(?P<a>{alternation(vocab.WEEKDAYS)})(?:\.?\s?[–—-]\s?|\.\s+bis\s+)(?P<b>{alternation(vocab.WEEKDAYS)})\.?(?!\w)",
    _weekdays,
)
# "Fr. 10–14 Uhr", "Am Fr., 12. Mai": an abbreviated weekday before a time or date ("Fr." is otherwise "Frau").
WEEKDAY_BEFORE_NUMBER = rule(
    "weekday_before_number",
    rf"\b(?P<d>{alternation(vocab.WEEKDAYS)})\.(?=,?\s*\d)",
    lambda m: vocab.WEEKDAYS[m["d"]],
)
# "Hauptstr. 5" -> "Hauptstraße 5", "Berliner Str. 12" -> "Berliner Straße 12": only before a house number.
STREET = rule(
    "street",
    r"(?<![\w-])(?P<word>[\w-]*?)(?P<s>[sS])tr\.(?=\s*\d)",
    lambda m: f"{m['word']}{'S' if m['s'] == 'S' and not m['word'] else 's'}traße",
)
SYMBOLS = rule(
    "symbols", rf"\s*(?<![\w*])(?P<sym>{alternation(vocab.SYMBOLS)})(?:\s+|(?=\d)|$)", _symbol
)
