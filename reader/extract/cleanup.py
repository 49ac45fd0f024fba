"""What is never read: tables of selectors, hidden elements and author-marked skip regions.

Two passes, both in place on the parsed document:
- ``drop_skipped`` runs first and honours the author: ``<!-- reader:skip -->`` ...
  ``<!-- /reader:skip -->`` regions and elements with a skip class.
- ``drop_boilerplate`` runs after the footnotes were collected and removes everything that is
  not the article: page chrome, widgets, comments, share bars, listen players, hidden elements.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Comment, Tag

from .lead import is_lead_text
from .names import boilerplate_name
from .selectors import select
from .text import is_gone

# Elements the author marked as "do not read": our own classes and the ReadSpeaker convention.
SKIP_SELECTORS = (".no-tts", ".reader-skip", ".nospeech", ".rs_skip")
SKIP_START = "reader:skip"
SKIP_END = "/reader:skip"

# Tags that never carry article text.
DROP_TAGS = (
    "script", "style", "noscript", "template", "form", "button", "input", "select", "textarea", "label",
    "svg", "math", "iframe", "object", "embed", "canvas", "audio", "video", "map", "dialog", "link", "meta",
    "nav", "header", "footer", "aside",
)

# Boilerplate by family; each entry is a CSS selector list. Order does not matter.
DROP_SELECTORS = {
    "chrome": (
        ".site-header", ".site-footer", ".site-branding", ".skip-link", ".screen-reader-text",
        ".sr-only", ".visually-hidden", ".breadcrumb", ".breadcrumbs", "[role=navigation]",
        "[role=banner]", "[role=contentinfo]", "[role=complementary]", "[role=search]",
        ".post-navigation", ".posts-navigation", ".nav-links", ".pagination", ".page-links",
        ".entry-footer", ".article-footer", ".post-footer", ".story-footer", ".entry-meta", ".entry-meta-top", ".post-meta", ".cat-links", ".tags-links",
        ".edit-link", ".postmetadata", ".wp-block-post-terms", ".wp-block-post-navigation-link",
        ".wp-block-query-pagination",
        ".cookie-notice", "#cookie-notice", ".cookie-banner",
        ".w-form-done", ".w-form-fail",  # Webflow's form messages
        # icon fonts: the icon's name is the element's text ("keyboard_arrow_down")
        ".material-icons", ".material-icons-outlined", ".material-icons-round", ".material-symbols-outlined",
        ".material-symbols-rounded", ".material-symbols-sharp",
    ),
    "sidebar": ("#sidebar", ".sidebar", "#secondary", ".widget-area", ".wp-block-template-part"),
    "comments": (
        "#comments", ".comments-area", ".comments", ".wp-block-comments", ".wp-block-post-comments-form",
        "#respond", ".comment-respond", "#commentform", ".comment-form", ".comment-list", "#disqus_thread",
    ),
    "share": (
        "#jp-post-flair", ".sharedaddy", "#jp-relatedposts", ".jp-relatedposts", ".sd-sharing", ".sd-block",
        ".sd-like", ".sd-social", ".sharing", ".share", ".shares", ".share-bar", ".share-buttons",
        ".social-share", ".social-sharing", ".sharing-buttons", ".addtoany_share_save_container",
        ".a2a_kit", ".shariff", ".wp-block-social-links", ".related-posts", ".yarpp-related",
        ".crp_related", ".author-box", ".newsletter-signup",
    ),
    "listen": (
        ".gspeech_selection", ".gspeech_pro_main_wrapper", ".sexy_tooltip", ".tooltip_inner",
        ".sound_container_pro", ".sound_text_pro", "#sexy_tooltip_title", "#sound_container", "#sound_audio",
        ".gsp_full_player", ".gsp_button_player", ".gsp_circle_player", ".gsp_inline_shortcode",
        "#gsp_data_html", ".gsp_post_data",
        ".trinityAudioPlaceholder", "#trinity_tts_wp_config", "[data-beyondwords-player]", ".beyondwords-player",
        "tts-play-button", ".tts_play_button", ".rsbtn", "#readspeaker_button1", ".responsivevoice-button",
        ".responsivevoice_button_wrapper", ".voice-player",
        "figure.wp-block-audio", ".wp-audio-shortcode", ".reader-audio", ".reader-player",  # reader's own
    ),
}

# Page builders (SiteOrigin, Elementor) call their content blocks widgets too: inside an article
# these are content, elsewhere sidebar furniture.
DROP_OUTSIDE_ARTICLE = (".widget",)
ARTICLE_CLASSES = ("entry-content", "wp-block-post-content", "post-content")

# Elements that hold the article: never removed as boilerplate, nor anything around them.
CONTENT_SELECTORS = (
    "article", "main", "[role=main]", "[itemprop=articleBody]", ".entry-content", ".wp-block-post-content",
    ".post-content", ".article-body",
)

HEADER_WITH_LEAD = "header"  # inside an <article>: its direct children that are sentences stay
HEADER_LEADS = ("p", "h2", "h3", "h4", "h5", "h6")

MIN_CONTENT_SHARE = 0.25
MAX_NAMED_SHARE = 0.3  # an element named as boilerplate is kept when it holds this share of the text

# Inline styles that hide an element.
_HIDDEN_STYLE = re.compile(r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)", re.I)
# Classes that CSS frameworks (Tailwind, Bootstrap, Bulma ...) hide: the element waits for a script
# (a consent, a click) or is a duplicate. Treated like a boilerplate name (a page that hides its whole
# body until a script runs keeps it).
HIDDEN_CLASSES = frozenset({"hidden", "d-none", "is-hidden", "hide"})
# ... unless another class shows it from some screen width on ("hidden md:flex", "d-none d-xl-block").
_SHOWN_FROM = re.compile(r"^(?:[\w-]+:|d-[a-z]+-)(?:block|flex|inline|inline-block|inline-flex|grid|table|contents)$")
# An inline script that removes an element as soon as it runs ("Please enable JavaScript" walls and
# their offers): ``getElementById('x').remove()`` or ``e = ....getElementById('x'); e.parentNode.removeChild(e)``.
_REMOVED_BY_SCRIPT = (
    re.compile(r"""getElementById\(\s*['"]([\w:.-]+)['"]\s*\)\s*\.\s*(?:remove\s*\(\s*\)|parentNode\s*\.\s*removeChild)"""),
    re.compile(r"""(\w+)\s*=\s*[\w.]*getElementById\(\s*['"]([\w:.-]+)['"]\s*\)\s*[;,]?.{0,200}?\b\1\s*\.\s*"""
               r"""(?:remove\s*\(\s*\)|parentNode\s*\.\s*removeChild\s*\(\s*\1\s*\))""", re.S),
)


def drop_skipped(soup: BeautifulSoup) -> None:
    """Remove author-marked regions and elements (skip comments, skip classes)."""
    _drop_comment_regions(soup)
    _decompose_all(select(soup, SKIP_SELECTORS))


def drop_boilerplate(root: Tag) -> None:
    """Remove everything under ``root`` that is not article text.

    Elements that contain the article (an ``<article>``, ``<main>``, a WordPress content div)
    are kept even when a rule matches them: some sites wrap the whole page in a ``<form>``, put
    a class like ``share`` on a wrapper, or set ``aria-hidden`` on the page behind a pop-up.
    """
    _keep_header_leads(root)
    _drop_removed_by_script(root)
    elements = root.find_all(True)
    keep = _containers_of_content(root, elements)
    selectors = DROP_TAGS + tuple(sel for family in DROP_SELECTORS.values() for sel in family)
    doomed = select(root, selectors, elements)
    doomed += [el for el in select(root, DROP_OUTSIDE_ARTICLE, elements) if _outside_article(el)]
    doomed += [el for el in elements if is_hidden(el)]
    _decompose_all(el for el in doomed if id(el) not in keep)
    _drop_by_name(root, keep)
    _decompose_all([el for el in root.find_all("figure") if _image_only(el)])
    _decompose_all(root.find_all(string=lambda s: isinstance(s, Comment)))


def _keep_header_leads(root: Tag) -> None:
    """An article's own ``<header>`` goes with the page chrome, but the lead paragraph it holds
    under the headline (HTML5's title + standfirst + byline) is text: it is moved out first. A
    standfirst set as a sub-heading (``<h2>`` ending a sentence) comes out as a paragraph: it
    opens no chapter."""
    for header in root.find_all(HEADER_WITH_LEAD):
        if header.find_parent("article") is None:
            continue
        for lead in header.find_all(HEADER_LEADS, recursive=False):
            if is_lead_text(lead.get_text(" ", strip=True)):
                lead.name = "p"
                header.insert_before(lead.extract())


def _drop_by_name(root: Tag, keep: set[int]) -> None:
    """Remove elements named as boilerplate (``names.py``) or hidden by class unless they hold much of the page's text
    (a template that calls its main column ``main-menu-offset`` must not lose the article)."""
    named = [el for el in root.find_all(True)
             if id(el) not in keep and (boilerplate_name(el) or hidden_by_class(el))]
    if not named:
        return
    limit = MAX_NAMED_SHARE * len(root.get_text())
    _decompose_all(el for el in named if not is_gone(el) and len(el.get_text()) < limit)


def _drop_removed_by_script(root: Tag) -> None:
    """Remove the elements that the page's own inline scripts remove as soon as they run."""
    ids = set()
    for script in root.find_all("script", src=False):
        code = script.string or ""
        if "getElementById" in code and "remove" in code:
            ids.update(match.group(match.lastindex) for rule in _REMOVED_BY_SCRIPT for match in rule.finditer(code))
    if ids:
        _decompose_all(el for el in root.find_all(id=True) if el.get("id") in ids and el.name not in ("body", "html"))


def _containers_of_content(root: Tag, elements: list[Tag]) -> set[int]:
    """Ids of the biggest content element and of its ancestors (and of ``<html>``, ``<body>``).

    Only the biggest counts, and only if it holds a fair share of the page's text, so a teaser
    ``<article>`` does not save the sidebar around it, nor a comment's ``<article>`` the comments.
    """
    keep = {id(el) for el in root.find_all(["html", "body"], limit=2)} | {id(root)}
    matches = select(root, CONTENT_SELECTORS, elements)
    if not matches:
        return keep
    sizes = {id(el): len(el.get_text()) for el in matches}
    biggest = max(matches, key=lambda el: sizes[id(el)])
    if sizes[id(biggest)] < MIN_CONTENT_SHARE * len(root.get_text()):
        return keep  # e.g. a comment's <article> on a page whose post has no such markup
    return keep | {id(biggest)} | {id(parent) for parent in biggest.parents}


def _outside_article(element: Tag) -> bool:
    return element.find_parent("article") is None and element.find_parent(class_=ARTICLE_CLASSES) is None


def is_hidden(element: Tag) -> bool:
    """Hidden from every reader: ``hidden``, ``aria-hidden="true"`` or an inline display:none."""
    if element.has_attr("hidden") or element.get("aria-hidden", "").strip().lower() == "true":
        return True
    return bool(_HIDDEN_STYLE.search(element.get("style", "")))


def hidden_by_class(element: Tag) -> bool:
    classes = element.get("class") or ()
    return not HIDDEN_CLASSES.isdisjoint(classes) and not any(_SHOWN_FROM.match(name) for name in classes)


def _image_only(figure: Tag) -> bool:
    """A figure without caption and without text of its own (an image, a video, an embed)."""
    return figure.find("figcaption") is None and not figure.get_text(strip=True)


def _decompose_all(elements) -> None:
    for element in elements:
        # An element inside one removed earlier is already gone with it.
        if is_gone(element):
            continue
        element.decompose() if isinstance(element, Tag) else element.extract()


def _drop_comment_regions(soup: BeautifulSoup) -> None:
    """Remove what lies between ``<!-- reader:skip -->`` and ``<!-- /reader:skip -->``.

    The two comments may sit in different elements: everything after the start and before the
    end in document order goes, except the elements that contain the end (those are entered).
    A start without an end is ignored: reading too much is recoverable, losing text silently is not.
    """
    comments = [c for c in soup.find_all(string=lambda s: isinstance(s, Comment))]
    start = None
    for comment in comments:
        mark = comment.strip().lower()
        if mark == SKIP_START and start is None:
            start = comment
        elif mark == SKIP_END and start is not None:
            _drop_between(start, comment)
            start = None


def _drop_between(start, end) -> None:
    end_ancestors = {id(parent) for parent in end.parents}
    doomed = []
    node = start.next_element
    while node is not None and node is not end:
        if isinstance(node, Tag) and id(node) in end_ancestors:
            node = node.next_element  # contains the end: go inside
            continue
        doomed.append(node)
        node = _after_subtree(node)
    for node in doomed:
        node.extract()


def _after_subtree(node):
    """The first node after ``node`` and all its descendants, in document order."""
    while node is not None:
        if node.next_sibling is not None:
            return node.next_sibling
        node = node.parent
    return None
