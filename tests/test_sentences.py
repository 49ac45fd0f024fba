"""German sentence splitting: where a sentence ends, and every place where a period does not end one."""

import pytest

from reader.speech import sentence_spans, split_sentences
from reader.speech.vocabulary import ABBREVIATIONS

from speech_articles import seed_article

# Each text is ONE sentence: none of these periods ends it.
ONE_SENTENCE = [
    "Wir wohnen in der Hauptstr. 5 in Berlin.",
    "Das regelt § 823 ff. BGB genau.",
    "Die Berliner Str. 12 liegt im Zentrum.",
    "Das gilt z. B. für Äpfel.",
    "Das gilt z.B. für Äpfel.",
    "Das gilt Z. B. Äpfeln gegenüber.",
    "Das heißt d. h. Birnen auch.",
    "Er traf Dr. Meier im Büro.",
    "Sie hörte Prof. Schmidt zu.",
    "Das ist Nr. 5 der Liste.",
    "Er kam bzw. Sie kam zu spät.",
    "Es kostet ca. 5 Euro am Tag.",
    "DeepSeek R1 vs. OpenAI o1: Installation, Funktionen, Preisgestaltung.",
    "Es ging um 6 Mrd. Dollar.",
    "Es kostet 10 Mio. Euro.",
    "DeepSeek kommt mit 200 Beschäftigen und 10 Mio. Entwicklungskosten aus.",
    "Äpfel, Birnen usw. sind Obst.",
    "Äpfel, Birnen etc. sind Obst.",
    "Es beginnt am 1. Januar um acht.",
    "Der 1. Januar ist ein Feiertag.",
    "Wir treffen uns am 3. Oktober in Berlin.",
    "Das war im 19. Jahrhundert üblich.",
    "Er kam zum 3. Mal zu spät.",
    "OpenAI zählt 4.500 Beschäftigte.",
    "Der Wert ist 0,55 Prozent.",
    "Das kostet $0.55 pro Million Token.",
    "Das sagt G. C. Cooke auf X.",
    "Siehe https://example.org/a.b/c.html für mehr.",
    "Schreiben Sie an info@example.de bis Freitag.",
    "Und dann ... kam niemand mehr.",
    "Und dann … kam niemand mehr.",
    "„Kommst du?“, fragte sie.",
    "„Komm!“ rief er laut.",
    "Siehe S. 347 im Buch.",
    "Version 2.0 ist da.",
]


@pytest.mark.parametrize("text", ONE_SENTENCE)
def test_period_that_does_not_end_the_sentence(text):
    assert split_sentences(text) == [text]


@pytest.mark.parametrize("abbreviation", [a for a, (_, may_end) in ABBREVIATIONS.items() if not may_end])
def test_every_abbreviation_that_never_ends_a_sentence(abbreviation):
    text = f"Vorher {abbreviation} Nachher kommt mehr."
    assert split_sentences(text) == [text]


SPLITS = [
    ("Das kostet 2 Mio. Das ist viel.", ["Das kostet 2 Mio.", "Das ist viel."]),
    ("Siehe S. 12 ff. Danach kommt mehr.", ["Siehe S. 12 ff.", "Danach kommt mehr."]),
    ("Das ist gut. Das ist schlecht.", ["Das ist gut.", "Das ist schlecht."]),
    ("Wirklich? Ja! Gut.", ["Wirklich?", "Ja!", "Gut."]),
    ("Was?! Niemals.", ["Was?!", "Niemals."]),
    ("Er wartete … Dann ging er.", ["Er wartete …", "Dann ging er."]),
    ("Er wartete... Dann ging er.", ["Er wartete...", "Dann ging er."]),
    ("Sie sagte: „Das war’s.“ Dann ging sie.", ["Sie sagte: „Das war’s.“", "Dann ging sie."]),
    ("Er rief „Hilfe!“ Niemand kam.", ["Er rief „Hilfe!“", "Niemand kam."]),
    ("Das ist gut. „Wirklich“, fragte sie.", ["Das ist gut.", "„Wirklich“, fragte sie."]),
    ("Das war 1999. 2000 kam die Wende.", ["Das war 1999.", "2000 kam die Wende."]),
    ("Das war im Jahr 2000. Danach kam mehr.", ["Das war im Jahr 2000.", "Danach kam mehr."]),
    ("Er wurde 3. Dann kam er.", ["Er wurde 3.", "Dann kam er."]),
    ("Äpfel, Birnen usw. Dann kam der Winter.", ["Äpfel, Birnen usw.", "Dann kam der Winter."]),
    ("Siehe example.com. Dort steht mehr.", ["Siehe example.com.", "Dort steht mehr."]),
    ("(Das ist gut.) Weiter geht es.", ["(Das ist gut.)", "Weiter geht es."]),
    ("Ein Satz.\nNoch einer.", ["Ein Satz.", "Noch einer."]),
    ("  Viel Platz.   Noch mehr.  ", ["Viel Platz.", "Noch mehr."]),
    ("Ohne Punkt am Ende", ["Ohne Punkt am Ende"]),
    ("", []),
]


@pytest.mark.parametrize("text, sentences", SPLITS)
def test_split(text, sentences):
    assert split_sentences(text) == sentences


def test_spans_point_into_the_original_text():
    text = "  Erster Satz.  Zweiter Satz! Dritter z. B. hier?  "
    spans = sentence_spans(text)
    assert [text[s:e] for s, e in spans] == ["Erster Satz.", "Zweiter Satz!", "Dritter z. B. hier?"]
    assert all(s < e for s, e in spans) and spans == sorted(spans)


def test_seed_article_sentences():
    article = seed_article()
    paragraphs = [b.text for b in article.blocks if b.kind == "paragraph"]
    counts = [len(split_sentences(t)) for t in paragraphs]
    assert counts == [3, 5, 5, 2, 3, 2, 4, 2, 2, 3]
    table_paragraph = split_sentences(paragraphs[5])
    assert table_paragraph[1].startswith("Während OpenAI 4.500 Beschäftigte zählt und bis dato 6 Mrd. Dollar")
    assert table_paragraph[1].endswith("10 Mio. Entwicklungskosten aus.")
    for text in paragraphs:
        assert " ".join(split_sentences(text)) == " ".join(text.split())
