"""Boilerplate known by its name: words in an element's class or id ("newsletter-signup",
"related_posts", "cookieConsent", "testimonial-card") that page templates give to the parts that
are not the article, on any platform.

Names are split into words at ``-``, ``_``, spaces and camelCase humps; an element is boilerplate
when one of its names has a word in ``BOILERPLATE_WORDS`` and does not end in one of
``CONTENT_WORDS`` (so ``newsletter-content`` is left to the other rules, ``post-tags`` is not).
"""

from __future__ import annotations

import re

from bs4 import Tag

BOILERPLATE_WORDS = frozenset("""
    newsletter newsletters subscribe subscription subscriptions signup optin
    testimonial testimonials testimonal promo promos promotion advert adverts advertisement advertising
    ad ads adslot sponsor sponsored sponsors outbrain taboola plista
    cookie cookies consent gdpr cmp banner popup modal overlay
    related recommended recommendations recirc readmore morestories
    share sharing shares sharebar social socials
    comment comments disqus respond breadcrumb breadcrumbs pagination pager
    tagcloud tags keywords categories
    sidebar masthead navbar navigation menu toolbar skiplink
    print paywall donate donation
    gallery carousel slideshow slider lightbox
    appstore appstores
    infobox
    btn button buttons
""".split())
CONTENT_WORDS = frozenset("article content entry post body text story main richtext".split())
# ... except after these words: "related-post", "wccf_related_post", "recommended-article" are teasers.
TEASER_WORDS = frozenset("related recommended readmore morestories".split())
_SPLIT = re.compile(r"[-_\s:/.]+|(?<=[a-z])(?=[A-Z])")


def names_of(element: Tag) -> list[list[str]]:
    """Each class name and the id of ``element``, split into lower-case words."""
    classes = element.get("class") or []
    found = list(classes) if isinstance(classes, list) else str(classes).split()
    ident = element.get("id")
    if isinstance(ident, str):
        found.append(ident)
    return [[word.lower() for word in _SPLIT.split(name) if word] for name in found]


def boilerplate_name(element: Tag) -> bool:
    """One of the element's names has a boilerplate word and does not end in a content word."""
    return any(words and not BOILERPLATE_WORDS.isdisjoint(words) and _not_content(words)
               for words in names_of(element))


def _not_content(words: list[str]) -> bool:
    return words[-1] not in CONTENT_WORDS or (len(words) > 1 and words[-2] in TEASER_WORDS)
