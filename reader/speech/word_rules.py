"""Rules that read words and symbols: abbreviations, acronyms, model names, "&", dashes, emoji."""

from __future__ import annotations

import re

from . import vocabulary as vocab
from .numbers import integer
from .rules import alternation, rest_of, rule


def _with_capitalised(table: dict[str, tuple[str, bool]]) -> dict[str, tuple[str, bool]]:
    """Add "Z. B." -> "Zum Beispiel" for "z. B." -> "zum Beispiel" (a sentence may start with it)."""
    forms = dict(table)
    for written, (spoken, may_end) in table.items():
        if written[0].islower():
            forms.setdefault(written[0].upper() + written[1:], (spoken[0].upper() + spoken[1:], may_end))
    return forms


def compact(written: str) -> str:
    """The form of an abbreviation without spaces: "z. B." -> "z.B."."""
    return re.sub(r"\s+", "", written)


ABBREVIATION_FORMS = _with_capitalised(vocab.ABBREVIATIONS)
_BY_COMPACT = {compact(w): v for w, v in ABBREVIATION_FORMS.items()}
_ABBREVIATION = "(?:" + "|".join(
    re.escape(w).replace(r"\ ", r"\s*") for w in sorted(ABBREVIATION_FORMS, key=len, reverse=True)
) + ")"
_NEW_SENTENCE = re.compile(r"\s+[A-ZÄÖÜ„“\"]")
_EMOJI = "[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\uFE0F\u200D\u20E3]"
_VOWELS = "AEIOUÄÖÜY"


def spell(word: str) -> str:
    """Letter by letter, the German way: "KI" -> "Ka-I", "GmbH" -> "Ge-Em-Be-Ha"."""
    return "-".join(vocab.LETTER_NAMES[c.upper()] for c in word)


_ACRONYMS = {a: spell(a) for a in vocab.SPELLED_ACRONYMS}
_ACRONYMS.update(vocab.ACRONYM_WORDS)


# (the word before a period, what follows it): then the period belongs to an abbreviation and ends no sentence.
# "Hauptstr. 5", "Berliner Str. 12": a street before its house number; "§§ 12 ff. BGB": a law's code after "ff.".
NO_BREAK_CONTEXTS = (
    (re.compile(r"[\wäöüß-]*[sS]tr"), re.compile(r"\s*\d")),
    (re.compile(r"ff?"), re.compile(r"\s*[A-ZÄÖÜ][a-zäöü]?[A-ZÄÖÜ][A-Za-zÄÖÜäöü]{0,4}\b")),
)


def abbreviation_in_context(word: str, text: str, next_at: int) -> bool:
    """Whether ``word`` + "." at ``next_at`` in ``text`` is an abbreviation by what follows it."""
    return any(before.fullmatch(word) and after.match(text, next_at) for before, after in NO_BREAK_CONTEXTS)


def _abbreviation(m: re.Match) -> str:
    """The spoken form; its period stays when the abbreviation ("usw.") also ends the sentence."""
    spoken, may_end = _BY_COMPACT[compact(m[0])]
    rest = rest_of(m)
    continues = abbreviation_in_context(m[0].rstrip("."), m.string, m.end())
    ends = may_end and not continues and (not rest.strip() or _NEW_SENTENCE.match(rest))
    return spoken + ("." if ends else "")


def _between(m: re.Match, inside: str, at_edge: str = "") -> str:
    """``inside`` when the match has text on both sides, else ``at_edge``."""
    return inside if m.start() > 0 and m.end() < len(m.string) else at_edge


def _dash(m: re.Match) -> str:
    if m.start() == 0:
        return ""
    return ", " if m.end() < len(m.string) else ","


def _model_name(m: re.Match) -> str:
    name = m["name"].upper() if len(m["name"]) == 1 else m["name"]
    said = f"{name} {integer(m['num']).capitalize()}"
    return f"{said} {m['tail']}" if m["tail"] else said


CHARACTERS = rule("characters", alternation(vocab.CHARACTERS), lambda m: vocab.CHARACTERS[m[0]])
EMOJI = rule("emoji", rf"\s*{_EMOJI}+\s*", lambda m: "" if rest_of(m)[:1] in tuple(".,;:!?)") else _between(m, " "))
ABBREVIATIONS = rule("abbreviations", rf"(?<![\w.]){_ABBREVIATION}", _abbreviation)
ABBREVIATIONS_BEFORE_NUMBER = rule(
    "abbreviations_before_number",
    rf"(?<![\w.])(?P<abbr>{alternation(vocab.ABBREVIATIONS_BEFORE_NUMBER)})\s*(?=\d)",
    lambda m: vocab.ABBREVIATIONS_BEFORE_NUMBER[m["abbr"]] + " ",
)
MODEL_NAMES = rule(
    "model_names", r"(?<!\w)(?P<name>[A-Z]{1,4}|[a-z])-?(?P<num>\d{1,3})(?P<tail>[a-z]{0,2})(?!\w)", _model_name
)
ACRONYMS = rule(
    "acronyms", rf"(?<!\w)(?P<acr>{alternation(_ACRONYMS)})(?P<s>s?)(?!\w)", lambda m: _ACRONYMS[m["acr"]] + m["s"]
)
UNPRONOUNCEABLE = rule(
    "unpronounceable_acronyms", rf"(?<![\w-])(?P<acr>[B-DF-HJ-NP-TV-XZ]{{2,5}})(?P<s>s?)(?![\w])",
    lambda m: spell(m["acr"]) + m["s"],
)
AMPERSAND = rule(
    "ampersand",
    r"\s*&\s*",
    lambda m: (" " if m.start() > 0 else "") + "und" + (" " if m.end() < len(m.string) else ""),
)
DASH_PAUSE = rule("dash_pause", r"\s*[–—](?=\s|$)\s*|(?<=[^\W\d_])—(?=[^\W\d_])", _dash)
