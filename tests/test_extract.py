"""reader.extract and reader.article_formats: the samples/ pages and small pages built here.

Every test runs the real extractor (BeautifulSoup + lxml) on real HTML; nothing is mocked.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import ROOT, SAMPLES
from reader.article import CAPTION, HEADING, LIST_ITEM, PARAGRAPH, QUOTE, TABLE, Article
from reader.article_formats import to_markdown, to_text
from reader.errors import NotAnArticleError
from reader.extract import cleanup, extract, parse, profiles
from reader.page import Page

EXPECTED = json.loads((SAMPLES / "expected.json").read_text(encoding="utf-8"))
ARTICLES = sorted(name for name, exp in EXPECTED.items() if exp["article"])
NOT_ARTICLES = sorted(name for name, exp in EXPECTED.items() if not exp["article"])
ENCODINGS = {"latin1.html": "iso-8859-1"}  # every other sample is UTF-8 (samples/README.md)

FILLER = (
    "<p>Die Bienen sammeln im Sommer Nektar und Pollen, damit das Volk gut durch den Winter kommt.</p>"
    "<p>Im Herbst füttert die Imkerin mit Zuckersirup nach, wenn die eigenen Vorräte nicht reichen.</p>"
    "<p>Ein starkes Volk übersteht auch lange Frostperioden, solange es genug Futter erreichen kann.</p>"
    "<p>Erst im Frühjahr, wenn die Weiden blühen, fliegen die Sammlerinnen wieder in großer Zahl aus.</p>"
)


def squash(text: str) -> str:
    return " ".join(text.split())


def sample_page(name: str) -> Page:
    encoding = ENCODINGS.get(name, "utf-8")
    html = (SAMPLES / name).read_bytes().decode(encoding)
    return Page(html=html, url=f"https://samples.example/{name}", encoding=encoding)


def build(content: str, head: str = "", title: str = "Bienen im Winter", url: str = "https://blog.example/bienen/"):
    """A classic-theme WordPress post around ``content`` (inserted into .entry-content)."""
    html = (
        f"<!doctype html><html lang='de-DE'><head><title>{title} – Imkerblog</title>{head}</head><body>"
        "<header class='site-header'><p class='site-title'><a href='/'>Imkerblog</a></p>"
        "<nav><ul><li><a href='/'>Startseite</a></li><li><a href='/kontakt/'>Kontakt</a></li></ul></nav></header>"
        f"<main><article class='post hentry'><header class='entry-header'><h1 class='entry-title'>{title}</h1></header>"
        f"<div class='entry-content'>{content}</div></article></main>"
        "<footer class='site-footer'>Erstellt mit WordPress</footer></body></html>"
    )
    return Page(html=html, url=url)


def read(content: str, **kwargs) -> Article:
    return extract(build(content, **kwargs))


def body_text(article: Article) -> str:
    parts = [block.text for block in article.blocks]
    parts += [cell for block in article.blocks for row in [block.header, *block.rows] for cell in row]
    return squash(" ".join(parts))


@pytest.fixture(scope="module")
def samples() -> dict[str, Article]:
    return {name: extract(sample_page(name)) for name in ARTICLES}


# --- the samples ------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ARTICLES)
def test_sample_title_and_footnotes(samples, name):
    article, expected = samples[name], EXPECTED[name]
    assert article.title == expected["title"]
    assert [note.text for note in article.footnotes] == expected["footnotes"]
    assert [note.label for note in article.footnotes] == [str(n) for n in range(1, len(expected["footnotes"]) + 1)]


@pytest.mark.parametrize("name", ARTICLES)
def test_sample_body_keeps_the_text(samples, name):
    text = body_text(samples[name])
    missing = [s for s in EXPECTED[name]["must_contain"] if squash(s) not in text]
    assert not missing


@pytest.mark.parametrize("name", ARTICLES)
def test_sample_never_reads_boilerplate(samples, name):
    article = samples[name]
    for rendered in (squash(to_text(article)), squash(to_markdown(article))):
        leaked = [s for s in EXPECTED[name]["must_not_contain"] if squash(s) in rendered]
        assert not leaked


@pytest.mark.parametrize("name", ARTICLES)
def test_sample_notes_are_read_once_and_never_in_the_body(samples, name):
    article = samples[name]
    text, body = squash(to_text(article)), body_text(article)
    for note in EXPECTED[name]["footnotes"]:
        assert text.count(squash(note)) == 1
        assert squash(note) not in body
    for note in article.footnotes:
        assert note.cited_at, f"note {note.label} is never cited"
        for index, offset in note.cited_at:
            block = article.blocks[index]
            assert note.label in [ref.label for ref in block.refs]
            assert block.text[:offset][-1:].isalpha(), "a marker stands right after the cited word"
            assert not block.text[offset:offset + 1].isdigit() and block.text[offset:offset + 1] != "["


SEED = "ki-agenten-deepseek.html"
SEED_CITED_AFTER = {  # from samples/README.md
    "1": "bei weitem", "2": "zu rechtfertigen", "3": "zu rechtfertigen",
    "4": "nicht mehr zutreffen", "5": "kundenorientierten Lösungen",
}


def test_seed_markers_stand_after_the_cited_words(samples):
    article = samples[SEED]
    for note in article.footnotes:
        [(index, offset)] = note.cited_at
        assert article.blocks[index].text[:offset].endswith(SEED_CITED_AFTER[note.label])
    second = article.footnotes[1].cited_at[0]
    assert article.footnotes[2].cited_at[0] == second  # two markers side by side
    assert article.blocks[second[0]].text[second[1]:].startswith(". Aktuell erreicht")


def test_seed_metadata(samples):
    article = samples[SEED]
    assert article.author == "Martina Kellner"
    assert article.published == "2025-01-30T09:12:00+01:00"
    assert article.modified == "2025-02-03T17:45:21+01:00"
    assert article.language == "de"
    assert article.url == "https://ki-agenten.example/deepseek-und-die-dotcom-blase/"
    assert article.site_name == "KI-Agenten"
    assert article.source == f"https://samples.example/{SEED}"


def test_seed_structure(samples):
    article = samples[SEED]
    headings = [b.text for b in article.blocks if b.kind == HEADING]
    assert headings == ["Parallelen zur Dotcom-Blase", "KI-Investitionen auf dem Prüfstand",
                        "Vom Ende der Knappheit zur Ernüchterung", "Kundenorientierung bekommt mehr Gewicht"]
    assert all(b.level == 2 for b in article.blocks if b.kind == HEADING)
    [table] = [b for b in article.blocks if b.kind == TABLE]
    assert table.header == ["Modell", "Input-Kosten (pro Million Token)", "Output-Kosten (pro Million Token)"]
    assert table.rows == [["DeepSeek R1", "$0.55", "$2.19"], ["OpenAI O1", "$15.00", "$60.00"]]
    assert article.blocks[0].kind == PARAGRAPH and article.blocks[0].text.startswith("Die jüngste Entwicklung")
    assert Article.from_json(article.to_json()) == article


def test_latin1_page_keeps_its_umlauts(samples):
    article = samples["latin1.html"]
    assert article.title == "Größere Übungen für Ärztinnen"
    text = to_text(article)
    assert "Fußgängern" in text and "Überlingen" in text
    assert "Ã" not in text and "\ufffd" not in text


def test_block_theme_page(samples):
    article = samples["block-theme.html"]
    kinds = [b.kind for b in article.blocks]
    assert kinds.count(LIST_ITEM) == 3 and QUOTE in kinds and CAPTION in kinds
    captions = [b.text for b in article.blocks if b.kind == CAPTION]
    assert captions == ["Der Steinkauz brütet gern in den Höhlen alter Apfelbäume."]
    assert article.blocks[0].kind == PARAGRAPH  # no Trinity placeholder, no title repeated


@pytest.mark.parametrize("name", NOT_ARTICLES)
def test_pages_without_an_article_are_refused(name):
    with pytest.raises(NotAnArticleError, match=r"^nothing to read at https://samples\.example/"):
        extract(sample_page(name))


def test_home_page_is_refused_by_its_teasers_alone():
    page = sample_page("not-an-article.html")
    page.html = page.html.replace('<body class="home blog', '<body class="')
    with pytest.raises(NotAnArticleError, match="teasers"):
        extract(page)


def test_command_line_entry_prints_the_text():
    done = subprocess.run([sys.executable, "-m", "reader.extract", str(SAMPLES / "latin1.html")],
                          cwd=ROOT, capture_output=True, check=True)
    out = done.stdout.decode("utf-8")
    assert out.startswith("Größere Übungen für Ärztinnen\n")
    assert "Was wir gelernt haben" in out


# --- drop rules ---------------------------------------------------------------------------------

DROPPED = {
    "nav": "<nav><a href='/a/'>Dropped text</a></nav>",
    "aside": "<aside><p>Dropped text in an aside, long enough to look like a paragraph.</p></aside>",
    "footer": "<footer><p>Dropped text in a footer.</p></footer>",
    "widget area": "<div class='widget-area'><p>Dropped text, a widget.</p></div>",
    "comments": "<div id='comments'><p>Dropped text, a reader's comment that is quite long.</p></div>",
    "comments area": "<div class='comments-area'><p>Dropped text, a comment.</p></div>",
    "block comments": "<div class='wp-block-comments'><p>Dropped text, a comment.</p></div>",
    "comment form": "<div id='respond'><h3>Dropped text</h3><form><label>Name</label></form></div>",
    "jetpack flair": "<div id='jp-post-flair'><h3 class='sd-title'>Dropped text</h3></div>",
    "sharedaddy": "<div class='sharedaddy sd-sharing-enabled'><span>Dropped text</span></div>",
    "related": "<div id='jp-relatedposts'><p>Dropped text: Related post with a long title.</p></div>",
    "share bar": "<div class='sd-sharing'><a href='?share=x'>Dropped text</a></div>",
    "gspeech": "<span class='gspeech_selection'>Dropped text</span><span class='sound_text_pro'>Dropped text</span>",
    "trinity": "<div class='trinityAudioPlaceholder'><div>Dropped text: Getting your player ready...</div></div>",
    "beyondwords": "<div data-beyondwords-player='true'>Dropped text</div>",
    "atlasvoice": "<tts-play-button class='tts_play_button'>Dropped text</tts-play-button>",
    "audio block": "<figure class='wp-block-audio'><audio src='a.mp3'></audio>"
                   "<figcaption>Dropped text</figcaption></figure>",
    "audio shortcode": "<div class='wp-audio-shortcode'>Dropped text</div>",
    "reader audio": "<div class='reader-audio'><p>Dropped text, the article as audio.</p></div>",
    "script": "<script>var x = 'Dropped text';</script>",
    "style": "<style>/* Dropped text */</style>",
    "noscript": "<noscript>Dropped text</noscript>",
    "form": "<form><p>Dropped text in a form with a long explanation.</p></form>",
    "button": "<p>Before <button>Dropped text</button> after.</p>",
    "svg": "<svg><text>Dropped text</text></svg>",
    "iframe": "<iframe src='x'>Dropped text</iframe>",
    "hidden": "<p hidden>Dropped text, hidden by an attribute.</p>",
    "aria-hidden": "<div aria-hidden='true'><p>Dropped text, hidden from screen readers.</p></div>",
    "display none": "<div style='color: red; display : none'><p>Dropped text, hidden by style.</p></div>",
    "visibility hidden": "<p style='visibility:hidden'>Dropped text, invisible.</p>",
    "no-tts": "<p class='no-tts'>Dropped text marked by the author.</p>",
    "reader-skip": "<div class='reader-skip'><p>Dropped text marked by the author.</p></div>",
    "nospeech": "<p class='nospeech'>Dropped text marked by the author.</p>",
    "image-only figure": "<figure><img src='a.jpg' alt='Dropped text'></figure>",
}


@pytest.mark.parametrize("family", sorted(DROPPED))
def test_drop_rules_inside_the_content(family):
    article = read(FILLER + DROPPED[family] + "<p>Zum Schluss noch ein letzter Satz über die Bienen.</p>")
    text = to_text(article)
    assert "Dropped" not in text
    assert "Nektar und Pollen" in text and "ein letzter Satz über die Bienen" in text


def test_page_chrome_outside_the_content_is_not_read():
    text = to_text(read(FILLER))
    for chrome in ("Startseite", "Kontakt", "Imkerblog", "Erstellt mit WordPress"):
        assert chrome not in text


def test_figure_caption_is_kept_as_caption():
    article = read(FILLER + "<figure><img src='a.jpg' alt='Bild'><figcaption>Ein Volk im Januar.</figcaption></figure>")
    assert [(b.kind, b.text) for b in article.blocks if b.kind == CAPTION] == [(CAPTION, "Ein Volk im Januar.")]


# --- skip markers ---------------------------------------------------------------------------------

def test_skip_comments_in_one_parent():
    article = read(FILLER + "<!-- reader:skip --><p>Gesperrter Absatz.</p><!-- /reader:skip -->"
                            "<p>Danach geht es weiter.</p>")
    assert "Gesperrter" not in to_text(article) and "Danach geht es weiter." in to_text(article)


def test_skip_comments_across_elements():
    content = (FILLER + "<div><p>Vorher gelesen.<!-- reader:skip --> Nicht gelesen.</p><p>Auch nicht.</p></div>"
               "<div><p>Ebenfalls nicht.<!-- /reader:skip --> Wieder gelesen.</p></div>")
    text = to_text(read(content))
    assert "Vorher gelesen." in text and "Wieder gelesen." in text
    assert "Nicht gelesen" not in text and "Auch nicht" not in text and "Ebenfalls" not in text


def test_two_skip_regions_and_an_unclosed_start():
    content = (FILLER + "<!-- reader:skip --><p>Eins weg.</p><!-- /reader:skip --><p>Bleibt eins.</p>"
               "<!-- READER:SKIP --><p>Zwei weg.</p><!-- /reader:skip --><p>Bleibt zwei.</p>"
               "<!-- reader:skip --><p>Ohne Ende bleibt es stehen.</p>")
    text = to_text(read(content))
    assert "weg" not in text
    assert "Bleibt eins." in text and "Bleibt zwei." in text and "Ohne Ende bleibt es stehen." in text


# --- text and structure ---------------------------------------------------------------------------

def test_inline_elements_join_without_extra_spaces():
    article = read(FILLER + "<p>Die <b>Dot</b>com-Blase war <em>groß</em> <em>und</em>&nbsp;laut,"
                            " sehr\n   laut. Trenn\u00adung ohne Lücke.</p>")
    assert article.blocks[-1].text == "Die Dotcom-Blase war groß und laut, sehr laut. Trennung ohne Lücke."


def test_line_breaks():
    article = read(FILLER + "<p>Erste Zeile<br>zweite Zeile</p><div>Ein Absatz mit Text.<br><br>\n<br>Noch einer.</div>")
    assert [b.text for b in article.blocks[-3:]] == ["Erste Zeile zweite Zeile", "Ein Absatz mit Text.", "Noch einer."]


def test_headings_keep_their_level_and_the_title_is_not_repeated():
    page = build(FILLER + "<h2>Zweite Ebene</h2><p>Text.</p><h4>Vierte Ebene</h4>")
    page.html = page.html.replace("<div class='entry-content'>", "<div class='entry-content'><h1>Bienen im Winter</h1>")
    article = extract(page)
    assert article.title == "Bienen im Winter"
    assert [(b.text, b.level) for b in article.blocks if b.kind == HEADING] == [("Zweite Ebene", 2), ("Vierte Ebene", 4)]


def test_nested_lists():
    article = read(FILLER + "<ul><li>Obst<ul><li>Äpfel</li><li>Birnen<ol><li>Williams</li></ol></li></ul></li>"
                            "<li>Gemüse</li></ul><ol><li>Erstens</li><li>Zweitens</li></ol>")
    items = [(b.text, b.level, b.ordered) for b in article.blocks if b.kind == LIST_ITEM]
    assert items == [("Obst", 1, False), ("Äpfel", 2, False), ("Birnen", 2, False), ("Williams", 3, True),
                     ("Gemüse", 1, False), ("Erstens", 1, True), ("Zweitens", 1, True)]
    assert "- Obst\n  - Äpfel\n  - Birnen\n    1. Williams\n- Gemüse\n1. Erstens\n2. Zweitens" in to_text(article)


def test_quotes():
    article = read(FILLER + "<blockquote><p>Erster Satz im Zitat.</p><p>Zweiter Satz.</p></blockquote>")
    assert [(b.kind, b.text) for b in article.blocks[-2:]] == [(QUOTE, "Erster Satz im Zitat."), (QUOTE, "Zweiter Satz.")]
    assert "> Erster Satz im Zitat." in to_markdown(article)


def test_table_with_thead_and_caption():
    article = read(FILLER + "<table><caption>Preise 2024</caption><thead><tr><th>Sorte</th><th>Preis</th></tr></thead>"
                            "<tbody><tr><td>Akazie</td><td>8 €</td></tr><tr><td><b>Raps</b>honig</td><td>6 €</td></tr>"
                            "<tr><td></td><td></td></tr></tbody></table>")
    caption, table = article.blocks[-2:]
    assert (caption.kind, caption.text) == (CAPTION, "Preise 2024")
    assert table.kind == TABLE and table.header == ["Sorte", "Preis"]
    assert table.rows == [["Akazie", "8 €"], ["Rapshonig", "6 €"]]
    assert "Sorte\tPreis\nAkazie\t8 €\nRapshonig\t6 €" in to_text(article)
    assert "| Sorte | Preis |\n| --- | --- |\n| Akazie | 8 € |" in to_markdown(article)


def test_table_header_from_a_first_row_of_th_and_without_header():
    article = read(FILLER + "<table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table>"
                            "<table><tr><td>x</td><td>y</td></tr><tr><td>z</td><td>w|v</td></tr></table>")
    first, second = [b for b in article.blocks if b.kind == TABLE]
    assert (first.header, first.rows) == (["A", "B"], [["1", "2"]])
    assert (second.header, second.rows) == ([], [["x", "y"], ["z", "w|v"]])
    assert "| z | w\\|v |" in to_markdown(article)


def test_layout_table_is_read_as_text():
    cell = "<p>Ein langer Absatz in einer Tabelle, die nur das Layout der Seite bestimmt. </p>" * 5
    article = read(f"<table><tr><td>{cell}</td><td>Seitenleiste</td></tr><tr><td>{cell}</td><td></td></tr></table>")
    assert TABLE not in [b.kind for b in article.blocks]
    assert sum(1 for b in article.blocks if b.text.startswith("Ein langer Absatz")) == 10


def test_deep_nesting_does_not_hit_the_recursion_limit():
    depth = 5000
    article = read("<div>" * depth + FILLER + "<p>Ganz tief unten.</p>" + "</div>" * depth)
    assert article.blocks[-1].text == "Ganz tief unten."


@pytest.mark.parametrize("html", [
    "<p>Nicht geschlossen <b>fett <i>kursiv</p><p>Weiter</div></span> im Text.",
    "<html><body><div class='entry-content'><p>Kein Ende",
    "<p title='kaputt>Attribut</p><p>Text</p>",
    "</div></div></article><p>Verirrte Endtags.</p>",
])
def test_malformed_html(html):
    article = read(FILLER + html)
    assert "Nektar und Pollen" in to_text(article)


@pytest.mark.filterwarnings("error")
def test_xhtml_prolog_is_read_as_html_without_warnings():
    page = build(FILLER)
    page.html = '<?xml version="1.0" encoding="utf-8"?>\n' + page.html
    assert extract(page).blocks[0].text.startswith("Die Bienen sammeln")


@pytest.mark.parametrize("name, found_by", [
    (SEED, ("wordpress-classic",)), ("block-theme.html", ("wordpress-block",)),
    ("footnotes-markdown-it.html", ("generic", "density")),  # Ghost: no WordPress markup
])
def test_content_is_found_by_the_right_profile(name, found_by):
    soup = parse(sample_page(name).html)
    cleanup.drop_boilerplate(soup)
    assert profiles.find_content(soup.body).profile.startswith(found_by)


def test_density_finds_an_article_without_any_known_markup():
    prose = "".join(f"<p>Satz Nummer {n} erzählt, wie der Tag im Garten verlief, und endet hier.</p>" for n in range(6))
    links = "".join(f"<li><a href='/k{n}'>Kategorie {n}</a></li>" for n in range(20))
    html = (f"<html><body><div class='l'><ul>{links}</ul></div><div class='x'><div class='y'>{prose}</div>"
            f"<div class='z'><a href='/a'>Mehr lesen</a> <a href='/b'>Noch mehr lesen</a></div></div></body></html>")
    article = extract(Page(html=html, url="https://x.example/"))
    assert [b.text[:14] for b in article.blocks] == [f"Satz Nummer {n} " for n in range(6)]


def test_empty_blocks_are_dropped():
    article = read(FILLER + "<p> </p><p>&nbsp;</p><div><span></span></div><h2> </h2>")
    assert all(b.text.strip() for b in article.blocks if b.kind != TABLE)


# --- footnotes ----------------------------------------------------------------------------------

def modern(n: int, note: str) -> str:
    return (f'<sup class="modern-footnotes-footnote " data-mfn="{n}"><a href="javascript:void(0)" role="button" '
            f'aria-describedby="mfn-content-x-{n}">{n}</a></sup><span id="mfn-content-x-{n}" role="tooltip" '
            f'class="modern-footnotes-footnote__note" data-mfn="{n}">{note}</span>')


def test_note_with_paragraphs_is_one_text_and_never_leaks():
    marker = modern(1, "Erster Teil.<br /><br />Zweiter Teil ↩︎")
    article = read(f"<p>Die Wintertraube{marker} hält warm.</p>" + FILLER)
    [note] = article.footnotes
    assert note.text == "Erster Teil. Zweiter Teil"
    assert article.blocks[0].text == "Die Wintertraube hält warm."
    assert note.cited_at == [(0, len("Die Wintertraube"))]


def test_inline_note_and_list_entry_are_one_footnote():
    listing = ('<h3 class="modern-footnotes-list-heading">Fußnoten</h3><ul class="modern-footnotes-list">'
               '<li><span>1</span><div>Die Notiz.</div></li></ul>')
    article = read(f"<p>Ein Satz{modern(1, 'Die Notiz.')}.</p>" + FILLER + listing)
    assert [(n.label, n.text) for n in article.footnotes] == [("1", "Die Notiz.")]
    assert to_text(article).count("Die Notiz.") == 1 and "Fußnoten" not in to_text(article)


def test_note_cited_twice_and_marker_without_note():
    markers = ('<sup class="fn" data-fn="u1"><a href="#u1" id="u1-link">1</a></sup>',
               '<sup class="fn" data-fn="u1"><a href="#u1" id="u1-link-2">1</a></sup>',
               '<sup class="fn" data-fn="zz"><a href="#nowhere">9</a></sup>')
    notes = '<ol class="wp-block-footnotes"><li id="u1">Eine Quelle. <a href="#u1-link">↩︎</a></li></ol>'
    article = read(f"<p>Erstens{markers[0]} und zweitens{markers[1]}, drittens{markers[2]}.</p>" + FILLER + notes)
    [note] = article.footnotes
    assert note.text == "Eine Quelle."
    assert note.cited_at == [(0, len("Erstens")), (0, len("Erstens und zweitens"))]
    assert article.blocks[0].text == "Erstens und zweitens, drittens."


def test_marker_with_a_space_before_it():
    marker = '<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>'
    notes = ('<div class="footnote"><hr /><ol><li id="fn:1"><p>Notiz. '
             '<a class="footnote-backref" href="#fnref:1">↩</a></p></li></ol></div>')
    article = read(f"<p>Ein Wort {marker} und weiter.</p>" + FILLER + notes)
    assert article.blocks[0].text == "Ein Wort und weiter."
    assert article.footnotes[0].cited_at == [(0, len("Ein Wort"))]
    assert to_markdown(article).count("Ein Wort[^1] und weiter.") == 1
    assert "[^1]: Notiz." in to_markdown(article) and "[1] Notiz." in to_text(article)


def test_marker_in_a_skipped_paragraph_drops_its_note():
    article = read(f"<p class='no-tts'>Weg{modern(1, 'Nie gelesen.')}.</p>" + FILLER)
    assert article.footnotes == [] and "Nie gelesen" not in to_text(article)


# --- metadata -----------------------------------------------------------------------------------

def test_metadata_from_json_ld_and_fallbacks():
    head = ('<link rel="canonical" href="/bienen-im-winter/">'
            '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": ['
            '{"@type": "BlogPosting", "headline": "Aus JSON-LD", "author": {"@id": "#p"},'
            ' "datePublished": "2024-12-01", "dateModified": "2024-12-02T10:00:00Z", "inLanguage": "de-AT"},'
            '{"@type": "Person", "@id": "#p", "name": "Ida Imker"},'
            '{"@type": "WebSite", "name": "Imkerblog"}]}</script>')
    page = build(FILLER, head=head)
    page.html = page.html.replace("<html lang='de-DE'>", "<html>")
    page.html = page.html.replace("<h1 class='entry-title'>Bienen im Winter</h1>", "")
    article = extract(page)
    assert article.title == "Aus JSON-LD"
    assert (article.author, article.published, article.modified) == ("Ida Imker", "2024-12-01", "2024-12-02T10:00:00Z")
    assert (article.language, article.site_name) == ("de", "Imkerblog")
    assert article.url == "https://blog.example/bienen-im-winter/"


def test_title_from_the_title_tag_without_the_site_name_and_byline_author():
    page = build(FILLER + "<p class='byline'>Von <a rel='author' href='/autor/'>Jo Beck</a></p>",
                 head='<meta property="og:site_name" content="Imkerblog">')
    page.html = page.html.replace("<h1 class='entry-title'>Bienen im Winter</h1>", "")
    article = extract(page)
    assert article.title == "Bienen im Winter"
    assert article.author == "Jo Beck"
    assert article.language == "de" and article.url == "https://blog.example/bienen/"


def test_greeting_is_never_the_title():
    page = build(FILLER, head='<meta property="og:title" content="Welcome to Imkerblog">')
    page.html = page.html.replace("<h1 class='entry-title'>Bienen im Winter</h1>", "<h1>Welcome to Imkerblog</h1>")
    assert extract(page).title == "Bienen im Winter"


# --- not an article -----------------------------------------------------------------------------

@pytest.mark.parametrize("html", [
    "",
    "<html><body></body></html>",
    "<html><body><form><label>Passwort</label><input type=password></form><p>Passwort vergessen?</p></body></html>",
    "<html><body><nav><ul>" + "<li><a href='/x'>Ein Menüpunkt mit Text</a></li>" * 30 + "</ul></nav></body></html>",
    "<html><body><main><p>Nur ein kurzer Satz, der allein kein Artikel ist.</p></main></body></html>",
])
def test_nothing_to_read(html):
    with pytest.raises(NotAnArticleError, match=r"^nothing to read at https://x\.example/: .*article"):
        extract(Page(html=html, url="https://x.example/"))


def test_one_long_paragraph_is_an_article():
    sentence = "Ein einzelner langer Absatz kann durchaus ein vollständiger Artikel sein, wenn er genug sagt. "
    html = f"<html><body><main><p>{sentence * 12}</p></main></body></html>"
    article = extract(Page(html=html, url="https://x.example/"))
    assert len(article.blocks) == 1 and article.title == "Ohne Titel"


# --- formats ------------------------------------------------------------------------------------

def test_markdown_layout():
    article = read("<h2>Kapitel</h2>" + FILLER + "<h3>Unterkapitel</h3><ul><li>Punkt</li></ul><p>Schluss.</p>")
    md = to_markdown(article)
    assert md.startswith("# Bienen im Winter\n\n## Kapitel\n\n")
    assert "\n### Unterkapitel\n\n- Punkt\n\nSchluss.\n" in md


def test_text_layout():
    text = to_text(read("<h2>Kapitel</h2>" + FILLER))
    assert text.splitlines()[:3] == ["Bienen im Winter", "", "Kapitel"]


# --- reader's own audio on the page: the block `reader publish` adds, the player of `reader embed` ---

READER_AUDIO = ('<!-- wp:audio {"id":42,"className":"reader-audio"} -->\n<figure class="wp-block-audio reader-audio">'
                '<audio controls src="https://blog.example/wp-content/uploads/bienen.mp3"></audio>'
                '<figcaption class="wp-element-caption">Diesen Artikel anhören: Bienen im Winter</figcaption></figure>\n'
                "<!-- /wp:audio -->\n")
SENTENCES = [squash(p) for p in FILLER.replace("<p>", "").split("</p>") if p]
TRANSCRIPT = "".join(f'<span class="rp-u" data-u="{n}">{s}</span> ' for n, s in enumerate(SENTENCES))


def player(classes: str) -> str:
    return (f'<div class="{classes}" role="region" aria-label="Artikel anhören: Bienen im Winter" lang="de">'
            "<style>.reader-player { margin: 1.5em 0; }</style>"
            '<div class="rp-bar" hidden><button type="button" class="rp-play"><span class="rp-label">Anhören</span>'
            '</button><span class="rp-time">0:00 / 2:31</span></div>'
            '<nav class="rp-chapters" aria-label="Kapitel"><ol><li><a class="rp-chapter" href="a.mp3#t=0">'
            '<span class="rp-ct">Bienen im Winter</span> <span class="rp-cs">0:00</span></a></li></ol></nav>'
            f'<details class="rp-transcript"><summary>Text mitlesen</summary><div class="rp-text"><p>{TRANSCRIPT}</p>'
            '</div></details><p class="rp-live" aria-live="polite"></p>'
            '<script type="application/json" class="rp-data">{"duration": 151000}</script></div>')


@pytest.mark.parametrize("audio", [
    READER_AUDIO, player("reader-player no-tts"), player("reader-player"), READER_AUDIO + player("reader-player no-tts"),
])
def test_readers_own_audio_block_and_player_at_the_top_of_a_post_are_not_read(audio):
    article = read(audio + FILLER)
    assert [b.text for b in article.blocks] == SENTENCES  # the transcript did not displace the text
    text = to_text(article)
    for never in ("anhören", "Anhören", "Mitlesen", "Kapitel", "0:00", "duration"):
        assert never not in text
