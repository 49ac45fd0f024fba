"""Boilerplate caught by what it says (reader/extract/noise.py) and passages in another language
(Block.spans, reader/extract/langspans.py). Small pages built here, run through the real extractor."""

from __future__ import annotations

import pytest

from reader.article import CAPTION, HEADING, PARAGRAPH, Block, FootnoteRef
from reader.extract import extract, noise
from reader.extract.language import checked_language
from reader.extract.langspans import LANG_CLOSE, open_marker, pull_spans
from reader.page import Page

from extract_pages import FILLER, SENTENCES


def page(body: str, lang: str = "de") -> Page:
    html = f'<html lang="{lang}"><head><title>Bienen im Winter</title></head><body><article>{body}</article></body></html>'
    return Page(html=html, url="https://example.org/bienen/")


def text_of(body: str) -> str:
    article = extract(page(body))
    return "\n".join(block.text for block in article.blocks)


# --- stop headings: the related / comments part at the end goes ------------------------------

@pytest.mark.parametrize("heading", [
    "<h3>Das könnte dich auch interessieren</h3>", "<h2>Mehr zum Thema</h2>", "<h4>Neueste Artikel</h4>",
    "<p><strong>Zum Weiterlesen:</strong></p>", "<h3>Related posts</h3>", "<h3>Über den Autor</h3>",
])
def test_stop_heading_ends_the_article(heading):
    text = text_of(FILLER + heading + "<p>Ein anderer Artikel über Hummeln, der hier nicht gelesen wird.</p>")
    assert SENTENCES[-1] in text
    assert "Hummeln" not in text and "interessieren" not in text


def test_stop_heading_early_in_the_text_only_drops_its_line():
    body = "<h2>Mehr zum Thema</h2>" + FILLER
    text = text_of(body)
    assert "Mehr zum Thema" not in text
    assert all(sentence in text for sentence in SENTENCES)


def test_a_long_line_that_starts_like_a_stop_heading_is_text():
    teaser = "Read more: Alibaba poised to launch its record listing in Hong Kong next week"
    text = text_of(FILLER + f"<p>{teaser}</p><p>Danach geht der Artikel mit einem weiteren Satz zu Ende.</p>")
    assert "weiteren Satz" in text


# --- noise lines ----------------------------------------------------------------------------

@pytest.mark.parametrize("line", [
    ">> Wegen Corona: Lokal muss schließen <<", "Foto: Instagram", "© Bundesrat | Frank Bräuer",
    "Quelle: Raphael Bischof (Text), Stefan Scheuteri (Bild)", "15. Mai 2019, 05:28 Uhr", "Weiter »",
    "Nach oben", "Impressum | Datenschutz", "Reading Time: 8 minutes", "Lesezeit: ca. 3 Min.", "5 min read",
    "Sunday, Feb 1, 2015 11:57 AM UTC", "Montag, 3. Mai 2021, 10:15 Uhr",
])
def test_noise_lines_are_not_read(line):
    text = text_of(f"<p>{SENTENCES[0]}</p><p>{line}</p>" + FILLER)
    assert line not in text
    assert SENTENCES[0] in text


def test_a_caption_with_a_photo_credit_or_a_mere_label_is_not_read_but_a_sentence_is():
    body = (FILLER + '<figure><img src="a.jpg"><figcaption>Bienen am Flugloch (Foto: Hume/Unsplash)</figcaption></figure>'
            + '<figure><img src="b.jpg"><figcaption>Eine Wabe im Querschnitt zeigt die Brutzellen.</figcaption></figure>'
            + '<figure><img src="c.jpg"><figcaption>Schloss Celle</figcaption></figure>'
            + '<table><caption>Völker im Jahr</caption><tr><th>Jahr</th><th>Völker</th></tr>'
            + '<tr><td>2023</td><td>12</td></tr></table>')
    article = extract(page(body))
    captions = [b.text for b in article.blocks if b.kind == CAPTION]
    assert captions == ["Eine Wabe im Querschnitt zeigt die Brutzellen.", "Völker im Jahr"]


def test_a_label_line_before_the_first_sentence_goes_a_short_lead_stays():
    body = "<p>Promis</p><p>Kurz gesagt: Bienen frieren nicht.</p>" + FILLER
    texts = [b.text for b in extract(page(body)).blocks]
    assert "Promis" not in texts
    assert texts[0] == "Kurz gesagt: Bienen frieren nicht."


def test_noise_rules_leave_long_prose_alone():
    long_line = "Foto: " + " ".join(SENTENCES)  # over NOISE_MAX: a paragraph that starts like a credit
    assert not noise.is_noise(Block(PARAGRAPH, long_line))
    assert noise.is_noise(Block(PARAGRAPH, "Foto: dpa"))
    assert not noise.is_noise(Block(HEADING, "Warum Bienen summen", level=2))
    assert not noise.is_noise(Block(PARAGRAPH, "Sonntag war der Stock im Mai 2021 ruhig"))
    assert not noise.is_noise(Block(PARAGRAPH, "Die Lesezeit der Imkerin: 20 Minuten am Tag"))


# --- language spans -------------------------------------------------------------------------

def test_inline_passages_in_another_language_become_spans():
    body = ('<p>Die Firmen der <span lang="en">Big Tech</span> Branche sagen gern <q lang="en-US">move fast</q>, '
            'und die Bienen wissen davon nichts, denn sie sammeln einfach weiter.</p>' + FILLER)
    block = extract(page(body)).blocks[0]
    assert [(s.lang, block.text[s.start:s.end]) for s in block.spans] == [("en", "Big Tech"), ("en", "move fast")]


def test_a_paragraph_in_another_language_and_a_german_word_inside_it():
    body = FILLER + '<p lang="en">The hive stays warm all winter, says the <span lang="de">Imkerin</span> proudly.</p>'
    block = extract(page(body)).blocks[-1]
    assert block.text == "The hive stays warm all winter, says the Imkerin proudly."
    assert [(s.lang, block.text[s.start:s.end]) for s in block.spans] == [
        ("en", "The hive stays warm all winter, says the"), ("en", "proudly.")]


def test_same_language_marks_make_no_span_and_spans_survive_json():
    body = '<p>Ein <span lang="de-DE">deutscher</span> Satz über Bienen, die im Winter eng zusammenrücken.</p>' + FILLER
    article = extract(page(body))
    assert all(not b.spans for b in article.blocks)
    body = '<p>Sie sagte <i lang="fr">déjà vu</i> und lachte über die Bienen, die im Stock summten.</p>' + FILLER
    article = extract(page(body))
    again = type(article).from_json(article.to_json())
    assert again.blocks[0].spans == article.blocks[0].spans and article.blocks[0].spans[0].lang == "fr"


def test_pull_spans_moves_footnote_offsets_past_removed_markers():
    text = "Wir " + open_marker("en") + " Big Tech " + LANG_CLOSE + "Leute"
    clean, refs, spans = pull_spans(text, [FootnoteRef("1", len(text))], "de")
    assert clean == "Wir Big Tech Leute"
    assert refs[0].offset == len(clean)
    assert [(s.lang, clean[s.start:s.end]) for s in spans] == [("en", "Big Tech")]


# --- the article's language, checked against its text ---------------------------------------

def test_a_german_page_that_declares_english_is_german_and_its_english_passage_a_span():
    body = '<p>Die Firmen der <span lang="en">Big Tech</span> Branche sagen es gern.</p>' + FILLER
    article = extract(page(body, lang="en"))
    assert article.language == "de"
    block = article.blocks[0]
    assert [(s.lang, block.text[s.start:s.end]) for s in block.spans] == [("en", "Big Tech")]


def test_the_declared_language_stands_unless_the_text_clearly_says_otherwise():
    assert extract(page(FILLER, lang="de")).language == "de"
    english = "".join(f"<p>{s}</p>" for s in (
        "The bees collect nectar and pollen in the summer, so that the colony gets through the winter.",
        "In the autumn the beekeeper feeds them with sugar syrup if their own stores are not enough.",
        "A strong colony survives long frosts as long as it can reach enough of its food.",
        "Only in spring, when the willows bloom, do the foragers fly out in great numbers again.",
    ))
    assert extract(page(english, lang="de")).language == "en"
    short = [Block(PARAGRAPH, "The bees are fine.")]  # too few words to tell
    assert checked_language("de", short) == "de"


def test_a_list_sharing_items_with_an_earlier_list_is_read_whole_but_a_list_shown_twice_once():
    shared = "Der Deckel lässt sich ohne Werkzeug abnehmen und wieder aufsetzen"
    first = f"<ul><li>{shared}</li><li>Die Beute besteht aus unbehandeltem Kiefernholz</li></ul>"
    second = f"<ul><li>Die Beute besteht aus leichtem Styropor</li><li>{shared}</li></ul>"
    text = text_of(FILLER + "<h2>Holzbeute</h2>" + first + "<h2>Styroporbeute</h2>" + second)
    assert text.count(shared) == 2
    twice = text_of(FILLER + first + "<p>Beide Beuten im Vergleich.</p>" + first)
    assert twice.count(shared) == 1 and twice.count("Kiefernholz") == 1


@pytest.mark.parametrize("credit", ["dpa", "atb/AFP", "mes/dpa/Reuters", "(epd)"])
def test_a_news_agency_credit_alone_on_a_line_is_not_read(credit):
    text = text_of(FILLER + f"<p>{credit}</p>")
    assert credit not in text and SENTENCES[-1] in text
    assert "dpa-Meldungen" in text_of(FILLER + "<p>dpa-Meldungen</p>")


# --- small print, identifiers, bylines, the author's box and the publisher's "about us" --------

@pytest.mark.parametrize("line", [
    "Disclaimer: This article is for information only and is not a substitute for medical advice.",
    "Purchases made through links earn us a small commission, at no extra cost to you.",
    "Wenn Sie über diese Links einkaufen, erhalten wir eine kleine Provision.",
    "*Mit einem Stern markierte Links sind Affiliate-Links.",
    "narrow-browser-and-phone", "pdf (83,14 KB)", "Jahresbericht 2023 (PDF, 1,2 MB)",
    "Brendan Smialowski-Pool/Getty Images", "Share", "Powered by Livefyre",
    "Über dieses Thema berichtete die tagesschau am 03. August 2020 um 08:00 Uhr.",
    "Photo Sources: " + ", ".join(f"user{n}: Bienenstock {n}" for n in range(12)),
    "Associated Press articles: Copyright © 2015 The Associated Press. All rights reserved. This material may not be "
    "published, broadcast, rewritten or redistributed.",
])
def test_small_print_and_identifiers_are_not_read(line):
    first, second = ("".join(f"<p>{s}</p>" for s in part) for part in (SENTENCES[:2], SENTENCES[2:]))
    text = text_of(first + f"<p>{line}</p>" + second)
    assert line not in text
    assert all(sentence in text for sentence in SENTENCES)
    assert "well-known" in text_of(FILLER + "<p>well-known</p>")  # two words with a hyphen may be text


@pytest.mark.parametrize("line, author", [
    ("by Jeff Foust — November 18, 2019", None), ("Von Moritz Bachmann publiziert am 25. September 2018", None),
    ("VON MORITZ GATHMANN am 21. April 2020", None), ("- Anna Imker", "Anna Imker"), ("Von Anna Imker", "Anna Imker"),
])
def test_bylines_are_not_read(line, author):
    meta = f'<meta name="author" content="{author}">' if author else ""
    html = (f'<html lang="de"><head><title>Bienen im Winter</title>{meta}</head><body><article><p>{line}</p>'
            f"{FILLER}</article></body></html>")
    article = extract(Page(html=html, url="https://example.org/bienen/"))
    text = "\n".join(block.text for block in article.blocks)
    assert line not in text and all(sentence in text for sentence in SENTENCES)


def test_who_posted_an_embedded_tweet_is_not_read_but_the_tweet_is():
    tweet = "<blockquote class='twitter-tweet'><p>Die Bienen fliegen wieder!</p>— Anna Imker (@imkerin) March 3, 2024</blockquote>"
    text = text_of(FILLER + tweet)
    assert "Die Bienen fliegen wieder!" in text and "@imkerin" not in text


def test_lines_that_only_look_like_bylines_or_small_print_are_text():
    for line in ("Von Anfang an", "Von Hand", "By the way", "Anna Imker schreibt hier über Bienen.",
                 "Die Makler erhalten eine Provision von drei Prozent des Kaufpreises.", "Die Geschichte von Reuters",
                 "Powered by solar energy, the hive scale reports every hour"):
        assert not noise.is_noise(Block(PARAGRAPH, line)) and line in text_of(FILLER + f"<p>{line}</p>")


def test_the_authors_box_and_the_publishers_about_paragraph_end_the_article():
    bio = "Anna Imker hält seit zwanzig Jahren Bienen und schreibt über das Leben im Stock."
    html = ('<html lang="de"><head><title>Bienen</title><meta name="author" content="Anna Imker"></head><body>'
            f"<article>{FILLER}<p>Von Anna Imker</p><p>{bio}</p></article></body></html>")
    text = "\n".join(b.text for b in extract(Page(html=html, url="https://example.org/b/")).blocks)
    assert bio not in text and SENTENCES[-1] in text
    about = "Die Beispiel Imkerei GmbH ist ein führender Anbieter von Beuten und Zubehör mit Sitz in Celle."
    more = "Die Imkerei beschäftigt 40 Menschen an drei Standorten in Niedersachsen."
    longer = FILLER + "<p>Im Februar wird es manchmal schon warm genug für einen ersten kurzen Reinigungsflug.</p>"
    text = text_of(longer + "<hr>" + f"<p>{about}</p><p>{more}</p>")
    assert about not in text and more not in text and SENTENCES[-1] in text
    going_on = "Ihre neue Beute aus Holz hat im Test überzeugt, weil das Volk darin auch bei starkem Frost trocken blieb."
    review = text_of(longer + f"<p>{about}</p><p>{going_on}</p>")
    assert about in review  # text that goes on about something else: not the publisher's part
    early = text_of(f"<p>{about}</p>" + FILLER)  # at the start it is what the article is about
    assert about in early


def test_bylines_of_a_live_blogs_entries_drop_only_themselves():
    entries = "".join(f"<p>Von Anna Imker</p><p>{s}</p>" for s in SENTENCES)
    text = text_of(entries)
    assert all(sentence in text for sentence in SENTENCES) and "Anna Imker" not in text
