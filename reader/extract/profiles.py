"""Where the article is: site profiles (WordPress classic, WordPress block theme, generic) as data,
then the text-density winner when no profile matches well.

Runs on the cleaned page (boilerplate already removed), so a profile's selector and the density
score only see what could be read.
"""

from __future__ import annotations

from dataclasses import dataclass

from bs4 import Tag

from .density import Density
from .lead import leads_before
from .selectors import Index


@dataclass(frozen=True)
class Profile:
    name: str
    selectors: tuple[str, ...]  # tried in order; of the matches, the one with the best score wins
    # Accepted when it has at least this share of the density winner's prose (WordPress's own
    # markup is trusted: the share only keeps a comment's or a teaser's ``.entry-content`` from
    # passing for the article) or, with ``by_score``, of its score (generic elements are
    # preferred to the winner only when they are about as good: the same text minus a byline).
    min_share: float
    by_score: bool = False
    narrow_only: bool = False  # used only when it lies inside the density winner (never to widen it)


PROFILES = (
    Profile("wordpress-classic", ("article .entry-content", ".hentry .entry-content", "article .post-content"), 0.3),
    Profile("wordpress-block", (".wp-block-post-content", ".entry-content"), 0.3),
    Profile("generic", ("[itemprop=articleBody]", "article", "[role=main]", "main"), 0.9,
            by_score=True, narrow_only=True),
)


@dataclass
class Content:
    roots: list[Tag]  # the article's element(s), in page order
    profile: str  # which rule found it, for -v output and tests


def find_content(body: Tag) -> Content:
    """The element holding the article (see ``_locate``), with link lists and widgets inside it removed."""
    density = Density(body)
    content = _locate(body, density)
    if len(content.roots) == 1 and content.roots[0] is not body:
        content.roots[:0] = leads_before(content.roots[0])
    for root in content.roots:
        density.prune(root)
    return content


def _locate(body: Tag, density: Density) -> Content:
    """The first profile that matches well, else the density winner."""
    winner = density.best()
    index = Index(body)
    for profile in PROFILES:
        measure = density.score if profile.by_score else density.prose_chars
        wanted = measure(winner) if winner is not None else 0
        for selector in profile.selectors:
            matches = index.select(selector)
            if not matches:
                continue
            element = max(matches, key=measure)
            if density.prose_chars(element) and measure(element) >= profile.min_share * wanted:
                if profile.narrow_only and _contains(element, winner):
                    break  # the winner is the same article with less around it
                return Content([element], f"{profile.name} ({selector})")
    return Content([winner if winner is not None else body], "density")


def _contains(element: Tag, other: Tag | None) -> bool:
    return other is not None and (other is element or any(parent is element for parent in other.parents))
