"""Footnote markups added for generic pages: GitHub-flavoured Markdown, O'Reilly HTMLBook and the
jQuery Hover Footnotes WordPress plugin. Each page is built here in the markup's own shape and run
through the real extractor: the note leaves the text, is cited where its marker stood, and its
back-link is not read."""

from __future__ import annotations

import pytest

from reader.extract import extract
from reader.page import Page

BODY = "<p>Die Bienen sammeln im Sommer Nektar und Pollen{marker}, damit das Volk gut durch den Winter kommt.</p>"
FILLER = "".join(
    f"<p>{s}</p>" for s in (
        "Im Herbst füttert die Imkerin mit Zuckersirup nach, wenn die eigenen Vorräte nicht reichen.",
        "Ein starkes Volk übersteht auch lange Frostperioden, solange es genug Futter erreichen kann.",
        "Erst im Frühjahr, wenn die Weiden blühen, fliegen die Sammlerinnen wieder in großer Zahl aus.",
    )
)
NOTE = "Pollen liefert das Eiweiß für die Brut."

MARKUPS = {
    "gfm": (
        '<sup><a href="#user-content-fn-1" id="user-content-fnref-1" data-footnote-ref="true" '
        'aria-describedby="footnote-label">1</a></sup>',
        '<section data-footnotes="true" class="footnotes"><h2 class="sr-only" id="footnote-label">Footnotes</h2>'
        f'<ol><li id="user-content-fn-1"><p>{NOTE} <a href="#user-content-fnref-1" data-footnote-backref="" '
        'class="data-footnote-backref">↩</a></p></li></ol></section>',
    ),
    "htmlbook": (
        '<sup><a class="jumptarget" data-type="noteref" id="n1-marker" href="#n1">1</a></sup>',
        f'<div class="footnotes" data-type="footnotes"><p data-type="footnote" id="n1">'
        f'<sup><a class="jumptargets" href="#n1-marker">1</a></sup>{NOTE}</p></div>',
    ),
    "hover-footnotes": (
        '<a class="fn-ref-mark" href="#footnote-1" id="refmark-1"><sup>[1]</sup></a>',
        '<div id="footnote-list" style="display:none;"><span id="fn-heading">Footnotes</span><ol>'
        f'<li id="footnote-1" class="fn-text">{NOTE}<a href="#refmark-1"></a></li></ol></div>',
    ),
}


@pytest.mark.parametrize("name", sorted(MARKUPS))
def test_footnote_markup_is_read_as_a_footnote(name):
    marker, notes = MARKUPS[name]
    html = (f'<html lang="de"><head><title>Bienen</title></head><body><article>'
            f'{BODY.format(marker=marker)}{FILLER}{notes}</article></body></html>')
    article = extract(Page(html=html, url="https://example.org/bienen/"))
    assert [(note.label, note.text) for note in article.footnotes] == [("1", NOTE)]
    first = article.blocks[0]
    assert first.text.startswith("Die Bienen sammeln im Sommer Nektar und Pollen, damit")
    assert [(ref.label, first.text[:ref.offset]) for ref in first.refs] == [
        ("1", "Die Bienen sammeln im Sommer Nektar und Pollen")]
    assert all(NOTE not in block.text and "Footnotes" not in block.text for block in article.blocks)
    assert article.footnotes[0].cited_at == [(0, first.refs[0].offset)]


# -- footnotes written by hand, without plugin markup -------------------------------------------

SECOND = "Nektar wird im Stock zu Honig eingedickt."
PLAIN_BODY = "<p>Die Bienen sammeln im Sommer Nektar und Pollen{one}, damit das Volk gut durch den Winter{two} kommt.</p>"
PLAIN = {
    "brackets": (("[1]", "[2]"), f"<p>[1] {NOTE}</p><p>[2] {SECOND}</p>"),
    "superscripts": (("¹", "²"), f"<p>¹ {NOTE}</p><p>² {SECOND}</p>"),
    "bare-sup": (("<sup>1</sup>", "<sup>2</sup>"), f"<p>1) {NOTE}</p><p>2) {SECOND}</p>"),
    "sup-notes": (("<sup>1</sup>", "<sup>2</sup>"), f"<p><sup>1</sup> {NOTE}</p><p><sup>2</sup> {SECOND}</p>"),
    "heading-ol": (("[1]", "[2]"), f"<h3>Fußnoten</h3><ol><li>{NOTE}</li><li>{SECOND}</li></ol>"),
    "anmerkungen-items": (("¹", "²"), f"<h2>Anmerkungen:</h2><ul><li>¹ {NOTE}</li><li>² {SECOND}</li></ul>"),
}


def _plain_article(body: str):
    html = (f'<html lang="de"><head><title>Bienen</title></head><body><article>{body}</article>'
            '<footer><p>Impressum und Datenschutz</p></footer></body></html>')
    return extract(Page(html=html, url="https://example.org/bienen/"))


@pytest.mark.parametrize("name", sorted(PLAIN))
def test_hand_written_footnotes_are_read_as_footnotes(name):
    (one, two), notes = PLAIN[name]
    article = _plain_article(PLAIN_BODY.format(one=one, two=two) + FILLER + notes)
    assert [(note.label, note.text) for note in article.footnotes] == [("1", NOTE), ("2", SECOND)]
    first = article.blocks[0]
    assert first.text == ("Die Bienen sammeln im Sommer Nektar und Pollen, damit das Volk gut durch "
                          "den Winter kommt.")
    assert [(ref.label, first.text[:ref.offset][-7:]) for ref in first.refs] == [("1", " Pollen"), ("2", " Winter")]
    assert article.footnotes[1].cited_at == [(0, first.refs[1].offset)]
    texts = [block.text for block in article.blocks]
    assert all(NOTE not in text and SECOND not in text for text in texts)
    assert not any(text.rstrip(":") in ("Fußnoten", "Anmerkungen") for text in texts)


def _unchanged(body: str):
    article = _plain_article(body)
    assert article.footnotes == []
    assert all(not block.refs for block in article.blocks)
    return [block.text for block in article.blocks]


def test_a_marker_without_notes_stays_text():
    texts = _unchanged(PLAIN_BODY.format(one="[1]", two="") + FILLER)
    assert texts[0].startswith("Die Bienen sammeln im Sommer Nektar und Pollen[1], damit")


def test_a_numbered_list_that_is_not_notes_stays_text():
    steps = "<p>1) Rähmchen ziehen.</p><p>2) Waben prüfen.</p>"
    texts = _unchanged(PLAIN_BODY.format(one="", two="") + FILLER + steps)
    assert texts[-2:] == ["1) Rähmchen ziehen.", "2) Waben prüfen."]


def test_notes_that_are_not_at_the_end_stay_text():
    notes = f"<p>[1] {NOTE}</p><p>[2] {SECOND}</p>"
    texts = _unchanged(PLAIN_BODY.format(one="[1]", two="[2]") + notes + FILLER)
    assert f"[1] {NOTE}" in texts and "Pollen[1]" in texts[0]


def test_a_marker_without_its_note_leaves_everything_as_text():
    body = PLAIN_BODY.format(one="[1]", two="[2]") + "<p>Siehe auch [3].</p>" + FILLER
    texts = _unchanged(body + f"<p>[1] {NOTE}</p><p>[2] {SECOND}</p>")
    assert f"[2] {SECOND}" in texts


def test_powers_and_units_are_not_markers():
    body = ("<p>Ein Stock braucht etwa 2 m² Platz, die Fläche wächst mit x² und 10³ Zellen.</p>"
            + FILLER + f"<p>² {NOTE}</p><p>³ {SECOND}</p>")
    texts = _unchanged(body)
    assert texts[0] == "Ein Stock braucht etwa 2 m² Platz, die Fläche wächst mit x² und 10³ Zellen."


def test_units_beside_real_markers_stay_in_the_text():
    body = "<p>Ein Volk braucht 2 m² Platz¹ und viel Futter².</p>" + FILLER + f"<p>¹ {NOTE}</p><p>² {SECOND}</p>"
    article = _plain_article(body)
    assert article.blocks[0].text == "Ein Volk braucht 2 m² Platz und viel Futter."
    assert [ref.label for ref in article.blocks[0].refs] == ["1", "2"]
    assert [note.text for note in article.footnotes] == [NOTE, SECOND]
