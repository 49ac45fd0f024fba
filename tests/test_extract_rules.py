"""The element rules: boilerplate families removed by class/id names and selector tables, the
skip markers, and the small CSS matcher they run on (reader/extract/selectors.py), checked
against BeautifulSoup's own full CSS engine on the same tree."""

from __future__ import annotations

import pytest

from reader.extract import cleanup, extract, footnotes, metadata, names, parse, selectors
from reader.page import Page

from extract_pages import FILLER, SENTENCES
INTRUDER = "Hier steht ein Satz, der nicht zum Artikel gehört und nie gelesen werden darf."


def text_of(body: str) -> str:
    html = f'<html lang="de"><head><title>Bienen</title></head><body><div class="wrap">{body}</div></body></html>'
    article = extract(Page(html=html, url="https://example.org/bienen/"))
    return "\n".join(block.text for block in article.blocks)


# One fixture per family: the intruder sits inside the article's own element.
FAMILIES = {
    "cookie banner": '<div id="cookieConsent">{x}</div>',
    "consent (cmp)": '<div class="cmp-container">{x}</div>',
    "newsletter box": '<div class="newsletter-signup-box"><p>{x}</p></div>',
    "related list": '<div class="related_posts"><p>{x}</p></div>',
    "author box": '<div class="author-box"><p>{x}</p></div>',
    "breadcrumbs": '<nav class="breadcrumbs">{x}</nav>',
    "tag list": '<div class="post-tags">{x}</div>',
    "share bar": '<div class="shareBar"><p>{x}</p></div>',
    "comments": '<section id="comments"><p>{x}</p></section>',
    "pagination": '<div class="pagination">{x}</div>',
    "ad slot": '<div class="ad-slot"><p>{x}</p></div>',
    "listen widget": '<div class="trinityAudioPlaceholder">{x}</div>',
    "toc box": '<div class="toc-sidebar"><p>{x}</p></div>',
    "gallery": '<div class="gallery-carousel"><p>{x}</p></div>',
    "testimonials": '<div class="testimonial-card"><p>{x}</p></div>',
    "call-to-action button": '<p><a class="btn btn-primary" href="/abo/">{x}</a></p>',
    "related teaser named as a post": '<p class="site_related_post"><a href="/other/">{x}</a></p>',
    "info box": '<div class="pane-article-infobox"><h2>Verband</h2><p>{x}</p></div>',
    "skip class no-tts": '<p class="no-tts">{x}</p>',
    "skip class reader-skip": '<div class="reader-skip"><p>{x}</p></div>',
    "skip class nospeech": '<span class="nospeech">{x}</span>',
    "skip comment region": "<!-- reader:skip --><p>{x}</p><!-- /reader:skip -->",
}


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_boilerplate_family_inside_the_article_is_not_read(family):
    intruder = FAMILIES[family].format(x=INTRUDER)
    first, second = "".join(f"<p>{s}</p>" for s in SENTENCES[:2]), "".join(f"<p>{s}</p>" for s in SENTENCES[2:])
    text = text_of(f"<article>{first}{intruder}{second}</article>")
    assert INTRUDER not in text
    assert all(sentence in text for sentence in SENTENCES)


def test_a_boilerplate_name_on_the_element_holding_the_article_does_not_lose_it():
    text = text_of(f'<div class="main-menu-offset">{FILLER}</div><div class="menu"><a href="/">Start</a></div>')
    assert all(sentence in text for sentence in SENTENCES)


def test_content_words_protect_an_element():
    soup = parse('<div class="newsletter-content"></div><div class="newsletterBox"></div>')
    first, second = soup.find_all("div")
    assert not names.boilerplate_name(first)
    assert names.boilerplate_name(second)
    assert names.names_of(second) == [["newsletter", "box"]]
    assert names.boilerplate_name(parse('<div class="post-tags"></div>').div)
    assert names.boilerplate_name(parse('<p class="wccf_related_post"></p>').p)  # a teaser, not the post


# --- the CSS matcher agrees with Soup Sieve on every selector of the tables ---------------------

PAGE = """<html><body class="single post">
<header class="site-header"><a href="/" rel="home">Site</a></header>
<article id="post-1" class="post hentry"><h1 class="entry-title">T</h1>
<div class="entry-content"><p>Text<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>
<sup data-fn="abc" class="fn"><a href="#abc" id="abc-link">2</a></sup></p>
<ul class="modern-footnotes-list"><li><span>1</span><div>note</div></li></ul>
<div class="footnotes"><ol><li id="fn:1">n <a class="footnote-backref" href="#fnref:1">↩</a></li></ol></div>
<figure class="wp-block-audio"><audio></audio></figure><div data-beyondwords-player="1"></div>
<a href="#x-marker" class="back">b</a><time class="published" datetime="2024-01-02">2. Jan</time>
</div></article><div role="navigation"><a href="/a">A</a></div><link rel="canonical stylesheet" href="/c">
<table class="footnotes_table"><tr><td class="footnote_plugin_index">1</td></tr></table>
</body></html>"""


def table_selectors() -> list[str]:
    found = list(cleanup.SKIP_SELECTORS) + list(cleanup.CONTENT_SELECTORS) + list(footnotes.BACKLINKS)
    for family in cleanup.DROP_SELECTORS.values():
        found.extend(family)
    for markup in footnotes.MARKUPS:
        found.extend(part.strip() for part in markup.marker.split(","))
        found.extend(markup.containers)
    found += ["link[rel~=canonical]", "time.published[datetime]", "article h1", "header a[href]",
              "ul.modern-footnotes-list > li", "table.footnotes_table tr", "a[rel=home]"]
    return found


@pytest.mark.parametrize("selector", table_selectors())
def test_selector_matches_like_soupsieve(selector):
    soup = parse(PAGE)
    assert selectors.select(soup, selector) == soup.select(selector)


def test_index_answers_like_a_walk():
    soup = parse(PAGE)
    index = selectors.Index(soup)
    for selector in ("article h1", "a[href]", ".entry-content p", "#post-1", "sup.fn, a.footnote-ref", metadata.HOME_LINKS):
        assert index.select(selector) == selectors.select(soup, selector), selector


def test_an_unsupported_selector_is_refused():
    with pytest.raises(ValueError):
        selectors.parse("p:first-child")


def test_reader_extract_does_not_load_soupsieve_and_bs4_select_still_works(tmp_path):
    import subprocess
    import sys

    from conftest import ROOT

    page = tmp_path / "p.html"
    page.write_text(f'<html lang="de"><body><article>{FILLER}</article></body></html>', encoding="utf-8")
    code = ("import sys; sys.argv = ['reader', 'extract', sys.argv[1]];"
            "from reader.cli import main; main();"
            "print('LOADED' if 'soupsieve.css_parser' in sys.modules else 'DEFERRED');"
            "import bs4; print(bs4.BeautifulSoup('<p class=a>x</p>', 'lxml').select('p.a')[0].text)")
    out = subprocess.run([sys.executable, "-c", code, str(page)], capture_output=True, text=True, cwd=ROOT,
                         env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    lines = out.stdout.strip().splitlines()
    assert out.returncode == 0, out.stderr
    assert lines[-2:] == ["DEFERRED", "x"]
    assert SENTENCES[0] in out.stdout


def test_the_lead_in_an_articles_own_header_is_read_but_not_the_rest_of_the_header():
    lead = "Im Winter rücken die Bienen zu einer Traube zusammen und heizen sich gegenseitig."
    header = f'<header><h1>Bienen</h1><p>{lead}</p><p>Von Anna Imker</p><span>{INTRUDER}</span></header>'
    text = text_of(f"<article>{header}{FILLER}</article>")
    assert text.splitlines()[0] == lead and SENTENCES[0] in text
    assert INTRUDER not in text and "Anna Imker" not in text
    assert lead not in text_of(f'<header class="page">{header[8:]}<article>{FILLER}</article>')


def test_a_standfirst_set_as_a_sub_heading_in_the_articles_header_is_read_as_a_paragraph():
    dek = "Warum ein starkes Volk auch lange Frostperioden gut übersteht, erklärt eine Imkerin aus Celle."
    article = extract(Page(html=f'<html lang="de"><body><article><header><h1>Bienen</h1><h2>{dek}</h2>'
                                f'<h3>Artikel</h3></header>{FILLER}</article></body></html>', url="https://x.example/"))
    assert [(b.kind, b.text) for b in article.blocks][0] == ("paragraph", dek)
    assert "Artikel" not in [b.text for b in article.blocks]


# --- density: paragraphs inside list items and data cells are items and cells -----------------

def test_short_paragraphs_in_list_items_and_table_cells_are_kept():
    items = "".join(f"<li><p>{word}</p></li>" for word in ("Rähmchen", "Smoker", "Stockmeißel", "Schleier"))
    rows = "".join(f"<tr><td><p>{a}</p></td><td><p>{b}</p></td></tr>"
                   for a, b in (("Januar", "Ruhe"), ("März", "Reinigungsflug"), ("Mai", "Schwarmzeit")))
    table = f"<table><thead><tr><th>Monat</th><th>Im Volk</th></tr></thead><tbody>{rows}</tbody></table>"
    text = text_of(f"<article>{FILLER}<p>Die Ausrüstung:</p><ul>{items}</ul>{table}</article>")
    assert all(word in text for word in ("Rähmchen", "Smoker", "Stockmeißel", "Schleier"))
    article = extract(Page(html=f"<html><body><article>{FILLER}{table}</article></body></html>", url="https://x.example/"))
    assert [b.rows for b in article.blocks if b.kind == "table"] == [
        [["Januar", "Ruhe"], ["März", "Reinigungsflug"], ["Mai", "Schwarmzeit"]]]


def test_elements_hidden_by_a_css_framework_class_are_not_read_unless_shown_on_wide_screens():
    hidden = f'<div class="hidden">{INTRUDER}</div><div class="d-none">{INTRUDER}</div>'
    shown = '<div class="hidden md:block"><p>Auf breiten Bildschirmen steht hier ein Satz.</p></div>'
    text = text_of(f"<article>{FILLER}{hidden}{shown}</article>")
    assert INTRUDER not in text and "breiten Bildschirmen" in text and SENTENCES[-1] in text


def test_a_javascript_wall_that_the_pages_script_removes_is_not_read():
    wall = (f'<figure id="wall"><figcaption>{INTRUDER}<ul><li>ohne Werbung</li><li>mit Volltext</li></ul>'
            "</figcaption></figure><script>(function(d) { var e = d.getElementById('wall'); "
            "e.parentNode.removeChild(e); })(document);</script>")
    text = text_of(f"<article>{FILLER}{wall}</article>")
    assert INTRUDER not in text and "ohne Werbung" not in text and SENTENCES[-1] in text


def test_icon_font_ligatures_are_not_read():
    text = text_of(f'<article>{FILLER}<a href="#c"><i class="material-icons">keyboard_arrow_down</i></a></article>')
    assert "keyboard" not in text
