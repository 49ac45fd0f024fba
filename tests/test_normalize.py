"""German spoken forms: number words, and normalize() on every number, amount, abbreviation and acronym
of the seed article plus the forms the rules promise."""

import re

import pytest

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


# --- normalize(): the seed article ------------------------------------------------------------------

SEED_FORMS = [
    ("Modellen R1 und V3", "Modellen R Eins und V Drei"),
    ("für 50 Jahre", "für fünfzig Jahre"),
    ("600 Milliarden Dollar Umsatz", "sechshundert Milliarden Dollar Umsatz"),
    ("erst 10% dieses Ziels", "erst zehn Prozent dieses Ziels"),
    ("nur etwa 2% dessen", "nur etwa zwei Prozent dessen"),
    ("das Modell O1 von OpenAI", "das Modell O Eins von OpenAI"),
    ("OpenAI 4.500 Beschäftigte", "OpenAI viertausendfünfhundert Beschäftigte"),
    ("bis dato 6 Mrd. Dollar eingesammelt", "bis dato sechs Milliarden Dollar eingesammelt"),
    ("mit 200 Beschäftigen und 10 Mio. Entwicklungskosten aus.",
     "mit zweihundert Beschäftigen und zehn Millionen Entwicklungskosten aus."),
    ("im Jahr 2000 könnte", "im Jahr zweitausend könnte"),
    ("in der KI-Branche", "in der Ka-I-Branche"),
    ("Entwicklung von KI der Spitzenklasse", "Entwicklung von Ka-I der Spitzenklasse"),
    ("“KI-Wunder” Deepseek", "“Ka-I-Wunder” Deepseek"),
    ("DeepSeek R1 vs. OpenAI o1: Installation", "DeepSeek R Eins versus OpenAI O Eins: Installation"),
    ("Vgl. dazu: Big Tech", "Vergleiche dazu: Big Tech"),
    ("DeepSeek-R1 is a boon", "DeepSeek-R Eins is a boon"),
    ("Knappheit — nur wenige", "Knappheit, nur wenige"),
    ("DeepSeek R1: Input-Kosten pro Million Token: $0.55, Output-Kosten pro Million Token: $2.19.",
     "DeepSeek R Eins: Input-Kosten pro Million Token: fünfundfünfzig Cent, "
     "Output-Kosten pro Million Token: zwei Dollar neunzehn."),
    ("OpenAI O1: $15.00, $60.00.", "OpenAI O Eins: fünfzehn Dollar, sechzig Dollar."),
]


@pytest.mark.parametrize("written, spoken", SEED_FORMS)
def test_seed_forms(written, spoken):
    assert normalize(written) == spoken


def _seed_sentences():
    article = seed_article()
    texts = [b.text for b in article.blocks if b.text] + list(SEED_NOTES.values())
    return [s for text in texts for s in split_sentences(text)]


def test_no_digit_abbreviation_or_spelled_acronym_survives_in_the_seed():
    for sentence in _seed_sentences():
        spoken = normalize(sentence)
        assert not re.search(r"\d|\bKI\b|\bvs\.|\bVgl\.|Mrd\.|Mio\.|%|\$", spoken), (sentence, spoken)


# --- normalize(): the forms the rules promise -------------------------------------------------------

FORMS = [
    # money
    ("$0.55", "fünfundfünfzig Cent"), ("$0.01", "ein Cent"), ("$2.19", "zwei Dollar neunzehn"),
    ("$1.50", "ein Dollar fünfzig"), ("$15.00", "fünfzehn Dollar"), ("$1,000", "tausend Dollar"),
    ("27,50 €", "siebenundzwanzig Euro fünfzig"), ("4.500,50 €", "viertausendfünfhundert Euro fünfzig"),
    ("100 EUR", "hundert Euro"), ("EUR 100", "hundert Euro"), ("1 Euro", "ein Euro"), ("5€", "fünf Euro"),
    ("$6 Mrd.", "sechs Milliarden Dollar"), ("1,5 Mrd. €", "eins Komma fünf Milliarden Euro"),
    ("1 Mrd. Dollar", "eine Milliarde Dollar"), ("20 US-Dollar", "zwanzig U-Es-Dollar"),
    # scales, percent, units
    ("10 Mio.", "zehn Millionen"), ("1 Mio.", "eine Million"), ("1 Million", "eine Million"),
    ("2,5 Millionen", "zwei Komma fünf Millionen"), ("10%", "zehn Prozent"), ("10 %", "zehn Prozent"),
    ("1%", "ein Prozent"), ("+7,3 %", "plus sieben Komma drei Prozent"), ("-5 °C", "minus fünf Grad Celsius"),
    ("120 km/h", "hundertzwanzig Kilometer pro Stunde"), ("1 h", "eine Stunde"), ("16 GB", "sechzehn Gigabyte"),
    # numbers
    ("4.500", "viertausendfünfhundert"), ("1.000.000", "eine Million"), ("0,55", "null Komma fünf fünf"),
    ("600", "sechshundert"), ("200", "zweihundert"), ("50", "fünfzig"), ("Fußnote 1:", "Fußnote eins:"),
    ("1 Jahr", "ein Jahr"), ("1 Stunde", "eine Stunde"), ("um 1 Uhr", "um ein Uhr"),
    ("die 50er", "die fünfziger"), ("Python 3.11", "Python drei Punkt elf"), ("10–20", "zehn bis zwanzig"),
    # years
    ("im Jahr 2000", "im Jahr zweitausend"), ("Jahr 1999", "Jahr neunzehnhundertneunundneunzig"),
    ("1989 fiel die Mauer", "neunzehnhundertneunundachtzig fiel die Mauer"),
    ("die 1990er", "die neunzehnhundertneunziger"), ("2099", "zweitausendneunundneunzig"),
    ("2100", "zweitausendhundert"),
    # dates, ordinals, times
    ("1. Januar", "erster Januar"), ("am 1. Januar", "am ersten Januar"), ("Am 3. Oktober", "Am dritten Oktober"),
    ("vom 2. Mai", "vom zweiten Mai"), ("zum 3. Mal", "zum dritten Mal"),
    ("im 19. Jahrhundert", "im neunzehnten Jahrhundert"), ("den 4. Versuch", "den vierten Versuch"),
    ("dem 20. Geburtstag", "dem zwanzigsten Geburtstag"), ("die 2. Auflage", "die zweite Auflage"),
    ("am 3.10.1990", "am dritten Oktober neunzehnhundertneunzig"),
    ("14:30 Uhr", "vierzehn Uhr dreißig"), ("9.00 Uhr", "neun Uhr"),
    # abbreviations
    ("z. B.", "zum Beispiel"), ("z.B. hier", "zum Beispiel hier"), ("Z. B. hier", "Zum Beispiel hier"),
    ("d. h.", "das heißt"), ("d.h. so", "das heißt so"), ("bzw.", "beziehungsweise"), ("ca. 5", "circa fünf"),
    ("vs.", "versus"), ("Vgl. S. 347", "Vergleiche Seite dreihundertsiebenundvierzig"), ("vgl.", "vergleiche"),
    ("Dr. Meier", "Doktor Meier"), ("Prof. Dr. Meier", "Professor Doktor Meier"), ("Nr. 5", "Nummer fünf"),
    ("Äpfel usw.", "Äpfel und so weiter."), ("Äpfel usw. und", "Äpfel und so weiter und"),
    ("Birnen etc. Dann", "Birnen et cetera. Dann"), ("Birnen etc. und", "Birnen et cetera und"),
    # acronyms and model names
    ("KI", "Ka-I"), ("KI-Branche", "Ka-I-Branche"), ("KIs", "Ka-Is"), ("EU", "E-U"), ("USA", "U-Es-A"),
    ("CEO", "Ze-E-O"), ("die NATO", "die Nato"), ("R1", "R Eins"), ("V3", "V Drei"), ("O1", "O Eins"),
    ("o1", "O Eins"), ("GPT-4", "GPT Vier"), ("GPT-4o", "GPT Vier o"),
    # symbols
    ("Forschung & Entwicklung", "Forschung und Entwicklung"), ("AT&T", "AT und T"),
    ("Toll 🎉 gemacht", "Toll gemacht"), ("Danke! 👍", "Danke!"), ("Knappheit — nur", "Knappheit, nur"),
    ("Knappheit – nur", "Knappheit, nur"), ("Knappheit—nur", "Knappheit, nur"),
    ("der Knappheit —", "der Knappheit,"),
    ("Trenn\u00adung", "Trennung"),
]


@pytest.mark.parametrize("written, spoken", FORMS)
def test_forms(written, spoken):
    assert normalize(written) == spoken


PLAIN = [
    "Die Geschichte lehrt uns jedoch auch, dass nach solchen Einbrüchen oft die wahre Revolution beginnt.",
    "Nach dem Dot-Com-Crash, als viele das Internet für “tot” erklärten, begannen Unternehmen wie Amazon.",
    "„Warum?“, fragte sie. Er sagte: Das weiß ich nicht (noch nicht)!",
    "Big Tech has a big DeepSeek problem",
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
