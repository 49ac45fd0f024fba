"""German spoken forms: number words, and normalize() on every number, amount, abbreviation and acronym
of the seed article plus the forms the rules promise."""

import io
import re
from pathlib import Path

import pytest

from reader.cli import main
from reader.speech import normalize
from reader.speech.normalize import RULES
from reader.speech.numbers import cardinal, german_number, ordinal, parse_amount, year
from reader.speech.sentences import split_sentences

from speech_articles import SEED_NOTES, seed_article

# --- number words -----------------------------------------------------------------------------------

CARDINALS = [
    (0, "null"), (1, "eins"), (7, "sieben"), (11, "elf"), (16, "sechzehn"), (17, "siebzehn"),
    (20, "zwanzig"), (21, "einundzwanzig"), (30, "dreißig"), (55, "fünfundfünfzig"), (99, "neunundneunzig"),
    (100, "hundert"), (101, "hunderteins"), (200, "zweihundert"), (600, "sechshundert"),
    (1000, "tausend"), (1001, "tausendeins"), (2000, "zweitausend"), (4500, "viertausendfünfhundert"),
    (21_000, "einundzwanzigtausend"), (101_000, "hunderteintausend"),
    (999_999, "neunhundertneunundneunzigtausendneunhundertneunundneunzig"),
    (1_000_000, "eine Million"), (2_000_001, "zwei Millionen eins"),
    (2_300_000, "zwei Millionen dreihunderttausend"), (101_000_000, "hunderteine Millionen"),
    (1_000_000_000, "eine Milliarde"), (6_000_000_000, "sechs Milliarden"),
    (999_999_999_999, "neunhundertneunundneunzig Milliarden neunhundertneunundneunzig Millionen "
                      "neunhundertneunundneunzigtausendneunhundertneunundneunzig"),
]


@pytest.mark.parametrize("n, words", CARDINALS)
def test_cardinal(n, words):
    assert cardinal(n) == words


@pytest.mark.parametrize("n, one, words", [
    (1, "ein", "ein"), (1, "eine", "eine"), (101, "ein", "hundertein"), (21, "eine", "einundzwanzig"),
])
def test_cardinal_forms_of_one(n, one, words):
    assert cardinal(n, one) == words


def test_cardinal_words_are_distinct_and_closed_compounds_below_a_million():
    words = [cardinal(n) for n in range(0, 20_000)]
    assert len(set(words)) == len(words)
    assert all(" " not in w for w in words)


def test_cardinal_rejects_what_it_cannot_say():
    with pytest.raises(ValueError):
        cardinal(10**12)
    with pytest.raises(ValueError):
        cardinal(3, "zwo")


@pytest.mark.parametrize("n, ending, words", [
    (1, "er", "erster"), (1, "en", "ersten"), (2, "e", "zweite"), (3, "en", "dritten"), (7, "e", "siebte"),
    (8, "en", "achten"), (19, "en", "neunzehnten"), (20, "e", "zwanzigste"), (31, "en", "einunddreißigsten"),
    (100, "e", "hundertste"), (101, "e", "hunderterste"), (1000, "e", "tausendste"),
])
def test_ordinal(n, ending, words):
    assert ordinal(n, ending) == words


@pytest.mark.parametrize("n, words", [
    (1100, "elfhundert"), (1492, "vierzehnhundertzweiundneunzig"), (1901, "neunzehnhunderteins"),
    (1999, "neunzehnhundertneunundneunzig"), (2000, "zweitausend"), (2025, "zweitausendfünfundzwanzig"),
])
def test_year(n, words):
    assert year(n) == words


@pytest.mark.parametrize("text, words", [
    ("4.500", "viertausendfünfhundert"), ("1.000.000", "eine Million"), ("0,55", "null Komma fünf fünf"),
    ("4.500,5", "viertausendfünfhundert Komma fünf"), ("007", "null null sieben"),
])
def test_german_number(text, words):
    assert german_number(text) == words


@pytest.mark.parametrize("text, amount", [
    ("0.55", (0, "55")), ("2.19", (2, "19")), ("27,50", (27, "50")), ("1,000", (1000, "")),
    ("4.500,50", (4500, "50")), ("1,000.5", (1000, "5")), ("15", (15, "")),
])
def test_parse_amount(text, amount):
    assert parse_amount(text) == amount


# --- normalize(): the case table (tests/data/normalize_cases.tsv: category, written, spoken) ---------

CASES_FILE = Path(__file__).parent / "data" / "normalize_cases.tsv"
CATEGORIES = {
    "numbers", "ranges", "fractions", "multiplication", "money", "percent", "ordinals", "dates", "years",
    "decades", "times", "abbreviations", "units", "acronyms", "models", "symbols", "gender", "urls", "emoji",
    "anglicisms", "unchanged", "seed",
}


def load_cases() -> list[tuple[str, str, str]]:
    rows = []
    for line in CASES_FILE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            category, written, spoken = line.split("\t")
            rows.append((category, written, spoken))
    return rows


CASES = load_cases()


@pytest.mark.parametrize("category, written, spoken", CASES, ids=[f"{c}:{w}" for c, w, _ in CASES])
def test_case_table(category, written, spoken):
    assert normalize(written) == spoken


def test_case_table_spans_every_category_with_enough_cases():
    assert len(CASES) >= 250
    assert len({w for _, w, _ in CASES}) == len(CASES), "a written form is listed twice"
    assert CATEGORIES <= {c for c, _, _ in CASES}


# Every number, amount, abbreviation and acronym of the seed article, as it stands there.
SEED_ITEMS = ["R1", "V3", "O1", "o1", "$0.55", "$2.19", "$15.00", "$60.00", "4.500", "6 Mrd. Dollar", "10 Mio.",
              "600 Milliarden Dollar", "10%", "2%", "50 Jahre", "im Jahr 2000", "KI", "KI-Branche", "vs.",
              "Vgl.", "GC", "X", "Dot-Com-Crash", "Dotcom-Blase", "DeepSeek-R1", "OpenAI", "Big Tech", "AI"]


def test_the_seed_articles_items_are_in_the_case_table():
    written = " | ".join(w for _, w, _ in CASES)
    missing = [item for item in SEED_ITEMS if item not in written]
    assert not missing


def _seed_sentences():
    article = seed_article()
    texts = [b.text for b in article.blocks if b.text] + list(SEED_NOTES.values())
    return [s for text in texts for s in split_sentences(text)]


def test_no_digit_abbreviation_or_spelled_acronym_survives_in_the_seed():
    for sentence in _seed_sentences():
        spoken = normalize(sentence)
        assert not re.search(r"\d|\bKI\b|\bvs\.|\bVgl\.|Mrd\.|Mio\.|%|\$|\bGC\b", spoken), (sentence, spoken)


def test_cli_normalize_reads_every_case_line_by_line(monkeypatch, capsys):
    """`reader normalize` with stdin: one output line per input line, in order, as normalize() says."""
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(w for _, w, _ in CASES) + "\n"))
    assert main(["normalize"]) == 0
    assert capsys.readouterr().out.splitlines() == [spoken for _, _, spoken in CASES]


def test_cli_normalize_text_argument(capsys):
    assert main(["normalize", "Am 1. Januar kostet es $0.55."]) == 0
    assert capsys.readouterr().out == "Am ersten Januar kostet es fünfundfünfzig Cent.\n"


PLAIN = [
    "Die Geschichte lehrt uns jedoch auch, dass nach solchen Einbrüchen oft die wahre Revolution beginnt.",
    "Nach dem Einbruch, als viele das Internet für “tot” erklärten, begannen Unternehmen wie diese.",
    "„Warum?“, fragte sie. Er sagte: Das weiß ich nicht (noch nicht)!",
    "Ein Jahr, eine Woche, ein Tag: nichts zu tun.",
    "Ein Satz mit Bindestrich-Wörtern, Umlauten wie äöüß und ÄÖÜ; dazu ein Semikolon.",
    "",
]


@pytest.mark.parametrize("text", PLAIN)
def test_text_that_needs_nothing_stays_exactly_as_it_was(text):
    assert normalize(text) == text


def test_other_languages_are_left_alone():
    assert normalize("It costs $0.55 and 10%.", lang="en") == "It costs $0.55 and 10%."
    assert normalize("10%", lang="de-AT") == "zehn Prozent"


def test_rules_are_named_and_each_one_does_something():
    names = [r.name for r in RULES]
    assert len(set(names)) == len(names)
    samples = {"characters": "a\u00adb", "emoji": "a 🎉 b", "abbreviations": "z. B.", "integer": "7",
               "model_names": "R1", "acronyms": "KI", "dash_pause": "a — b", "ampersand": "a & b"}
    for rule in RULES:
        if rule.name in samples:
            assert rule.apply(samples[rule.name]) != samples[rule.name], rule.name


def test_cli_normalize_one_output_line_per_input_line(tmp_path):
    """Only "\\n" ends a line: carriage returns, vertical tabs or U+2028 inside a line never add output lines."""
    import os
    import subprocess
    import sys

    from conftest import ROOT

    text = "Zeile eins\rmit 2 Teilen\vund\u2028mehr\nZweite Zeile mit 10%\n\nVierte\n"
    done = subprocess.run([sys.executable, "-m", "reader", "normalize"], input=text.encode("utf-8"),
                          capture_output=True, env=dict(os.environ, PYTHONPATH=str(ROOT)), timeout=60)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.decode("utf-8").split("\n")
    assert lines[:-1] == ["Zeile eins mit zwei Teilen und mehr", "Zweite Zeile mit zehn Prozent", "", "Vierte"]


def test_huge_numbers_are_read_digit_by_digit_without_crashing():
    said = normalize("9" * 5000)
    assert said.split() == ["neun"] * 5000


def test_rules_skipped_without_digits_never_match_text_without_digits():
    """The digit gate in normalize() is only an optimisation: on real German text without digits, every
    gated rule leaves the text as it is."""
    from conftest import SAMPLES
    from reader.extract import extract
    from reader.page import Page
    from reader.speech.normalize import DIGIT_RULES

    texts = []
    for page in sorted(SAMPLES.glob("*.html")):
        try:
            article = extract(Page(html=page.read_bytes().decode("utf-8", "replace"), url=page.as_uri()))
        except Exception:
            continue
        texts += [b.text for b in article.blocks if b.text] + [f.text for f in article.footnotes]
    sentences = [s for t in texts for s in split_sentences(t) if not re.search(r"\d", s)]
    sentences += ["Am Fr., so sagte er, kam die Str. zu Ende.", "Er sprach von Ludwig und Version V."]
    assert len(sentences) > 50
    for each in DIGIT_RULES:
        for sentence in sentences:
            assert each.apply(sentence) == sentence, (each.name, sentence)
