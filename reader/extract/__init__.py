"""HTML -> Article. ``extract(page)`` is the only entry point; the steps live in small modules:

metadata (title, author, dates, ...) -> cleanup.drop_skipped (author-marked regions) ->
footnotes.collect (markers become placeholders, notes leave the page) -> cleanup.drop_boilerplate ->
profiles.find_content (WordPress classic / block theme / generic / density, plus a lead standing
outside the body) -> blocks.walk -> noise.drop_noise (related parts, credits, teasers, repeats) ->
language.checked_language (the declared language against the text) ->
article_check.ensure_article (refuse home, login and empty pages).
"""

from __future__ import annotations

from ..article import HEADING, Article, Block, Footnote
from ..page import Page
from .lazy import defer

defer("soupsieve")  # bs4 loads it at import for Tag.select, which extraction never calls (see lazy.py)

__all__ = ["extract", "parse"]

NO_TITLE = "Ohne Titel"  # spoken when a page names no title at all


def parse(html: str):
    """The page as a BeautifulSoup tree (lxml: fast and forgiving with broken HTML).

    XHTML is read as HTML on purpose, and a tiny document is not mistaken for a file name:
    bs4's warnings about both are silenced.
    """
    import warnings

    from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, XMLParsedAsHTMLWarning

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        return BeautifulSoup(html, "lxml")


def extract(page: Page, *, check: bool = True) -> Article:
    """Read the article on ``page``; raise NotAnArticleError when there is none. ``check=False`` skips that
    check, for a page known to be an article (a post's content from WordPress's REST API)."""
    from . import article_check, cleanup, footnotes, metadata, profiles

    soup = parse(page.html)
    if check:
        article_check.refuse_listing(soup, page.url)
    meta = metadata.read_metadata(soup, page.url)
    cleanup.drop_skipped(soup)
    notes = footnotes.collect(soup)
    cleanup.drop_boilerplate(soup)
    body = soup.body or soup
    content = profiles.find_content(body)
    found, language = _read_blocks(content.roots, meta.language, meta.author)
    title = meta.title or _first_heading(found) or NO_TITLE
    found = _without_title(found, title)
    if check:
        article_check.ensure_article(content.roots, found, page.url)
    return Article(
        title=title,
        blocks=found,
        footnotes=_cited(notes, found),
        author=meta.author,
        published=meta.published,
        modified=meta.modified,
        language=language,
        url=meta.url,
        site_name=meta.site_name,
        source=page.url,
    )


def _read_blocks(roots, declared: str | None, author: str | None) -> tuple[list[Block], str | None]:
    """The blocks under ``roots`` without noise, the article's language checked against their text,
    and spans only for passages in another language than that."""
    from . import blocks, language, noise

    found: list[Block] = []
    for root in roots:
        found.extend(blocks.walk(root))  # every marked passage, whatever the article's language
    found = noise.drop_noise(found, author)
    lang = language.checked_language(declared, found)
    for block in found:
        block.spans = [span for span in block.spans if span.lang != lang]
    return found, lang


def _first_heading(found: list[Block]) -> str | None:
    return next((b.text for b in found if b.kind == HEADING), None)


def _without_title(found: list[Block], title: str) -> list[Block]:
    """Drop the article's own title where it heads the blocks (it is Article.title already)."""
    wanted = " ".join(title.split()).casefold()
    for index, block in enumerate(found):
        if block.kind != HEADING:
            break
        if block.text.casefold() == wanted:
            return found[:index] + found[index + 1:]
    return found


def _cited(notes, found: list[Block]) -> list[Footnote]:
    """Footnotes in order of first citation, each with every place it is cited; uncited notes go."""
    by_label = {note.label: Footnote(note.label, note.text) for note in notes}
    ordered: list[Footnote] = []
    for index, block in enumerate(found):
        for ref in block.refs:
            footnote = by_label.get(ref.label)
            if footnote is None:
                continue
            if not footnote.cited_at:
                ordered.append(footnote)
            footnote.cited_at.append((index, ref.offset))
    return ordered
