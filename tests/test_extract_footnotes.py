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
