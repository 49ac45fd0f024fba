"""Unmarked English passages in German text are found by function words, clause by clause."""

import pytest

from reader.article import Article, Block
from reader.speech import build_script
from reader.speech.language_guess import guess_spans, is_english

ENGLISH = [
    "Big Tech has a big DeepSeek problem",
    "DeepSeek-R1 is a boon for enterprises",
    "How not to fight modern-day slavery",
    "The cars will only be used for a third of the week",
]
GERMAN = [
    "Die geschaffene Infrastruktur übertraf die tatsächliche Nachfrage bei weitem",
    "Unternehmen investieren Milliarden in den Aufbau von KI-Infrastrukturen",
    "Big Tech hat ein großes Problem mit DeepSeek",
    "Was will man in Rom so spät am Abend noch machen",  # words both languages share
    "OpenAI Deep Learning Start-up Cloud",  # anglicisms alone are not an English clause
    "Installation, Funktionen, Preisgestaltung",
]


@pytest.mark.parametrize("clause", ENGLISH)
def test_english_clauses(clause):
    assert is_english(clause)


@pytest.mark.parametrize("clause", GERMAN)
def test_german_clauses_stay_german(clause):
    assert not is_english(clause)


def test_spans_cover_only_the_english_clause():
    text = "Vgl. dazu: Big Tech has a big DeepSeek problem. Danach geht es weiter mit der Analyse."
    [span] = guess_spans(text)
    assert text[span.start:span.end] == "Big Tech has a big DeepSeek problem."
    assert span.lang == "en"


def test_only_german_articles_are_guessed():
    assert guess_spans("The cars will only be used for a third of the week", base="fr") == []


def test_marked_spans_win_over_guessing():
    from reader.article import LangSpan

    text = "Er sagte: the end is near and we know it."
    article = Article("T", [Block("paragraph", text, spans=[LangSpan(10, 17, "en")])], language="de")
    pieces = [(u.written, u.lang) for u in build_script(article).sections[0].utterances if u.kind == "sentence"]
    assert pieces == [("Er sagte:", "de"), ("the end", "en"), ("is near and we know it.", "de")]


def test_an_unmarked_english_sentence_is_read_by_the_english_voice():
    text = "Das Zitat lautet: The future is already here, it is just not evenly distributed. Ein schöner Satz."
    article = Article("T", [Block("paragraph", text)], language="de")
    langs = [(u.written, u.lang) for u in build_script(article).sections[0].utterances if u.kind == "sentence"]
    assert ("The future is already here, it is just not evenly distributed.", "en") in langs
    assert ("Ein schöner Satz.", "de") in langs
