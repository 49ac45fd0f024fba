"""Boilerplate that survives the element rules, caught on the blocks read: tables of patterns.

Some sites put teasers, credits and "read more" lists inside the article's own element, with no
class to recognise them by. Two block-level rules catch them by what they say:
- ``STOP_HEADINGS``: a heading (or a short line standing as one) that opens a "related", "more
  on this", "about the author" or comments part ends the article, when it comes in the last part
  of the text (``STOP_AFTER``): everything from it on is dropped. Earlier, only the line goes.
- ``NOISE_LINES``: short blocks that are never read: teaser links (``>> ... <<``), image credits
  alone on a line, a date or time alone (with its weekday and time zone), a reading time,
  "continue"/"back to top" links, legal link rows.
  Captions that carry a photo credit go as well: they describe an image nobody sees.
- ``TEASERS``: a line announced as a pointer to another article ("Lesen Sie auch: ...").
- ``NOTICES`` and ``CREDITS``: the publisher's small print (disclaimers, affiliate notes, copyright
  lines, lists of photo credits), which may be longer than other noise lines.
- Bylines (``bylines.py``) are dropped; late in the text the article's one byline opens the author's
  box, and a paragraph saying what the publishing company is opens its "about us" part: both end it.
- Label lines before the first sentence ("Promis", "Zum Vergleich": a kicker or a button), captions
  that only label a picture, and a paragraph met again further down (a gallery's captions, a box
  shown twice), are dropped.
"""

from __future__ import annotations

import re

from ..article import CAPTION, HEADING, LIST_ITEM, PARAGRAPH, QUOTE, TABLE, Block
from .bylines import is_about_part, is_byline

_I = re.IGNORECASE

STOP_HEADINGS = tuple(re.compile(p, _I) for p in (
    r"^(das|dies) (könnte|dürfte) (dich|sie|ihnen|euch) (auch|ebenfalls) interessieren",
    r"^(auch|ebenfalls) interessant",
    r"^mehr (zum thema|zu diesem thema|aus (dieser|der) rubrik|artikel|beiträge|nachrichten|news)\b",
    r"^(weitere|neueste|aktuelle|ähnliche|verwandte|empfohlene|beliebte|passende|letzte) "
    r"(artikel|beiträge|themen|nachrichten|meldungen|news|posts|stories|videos)\b",
    r"^(zum )?weiterlesen\b", r"^lesen sie (auch|mehr|weiter)\b", r"^lies auch\b", r"^meistgelesen",
    r"^(meist(geklickt|gelesen)|top[- ]?artikel)", r"^weiterführende (links?|artikel|informationen)",
    r"^(über den autor|über die autorin|zur person|der autor|die autorin)\s*:?$",
    r"^(kommentare?|\d+ kommentare?|schreibe(n sie)? einen kommentar|diskutieren sie mit)\b",
    r"^(related|recommended|more|latest|popular|trending) (posts|articles|stories|reads|news)\b",
    r"^(you|we think you) (may|might) (also )?(like|enjoy)", r"^(more from|read (more|next))\b",
    r"^(about the author|leave a (reply|comment)|\d+ (comments|responses))\b",
    r"^((medically |expert )?reviewed|fact[- ]checked|geprüft|überprüft) (by|von)\b",  # the reviewer's box
))
# The row of legal links ("Impressum | Datenschutz") is the page's footer: nothing after it is read.
LEGAL_ROW = re.compile(r"^(impressum|datenschutz(erklärung)?|kontakt|agb|cookies?)(\s*[|·•]\s*"
                       r"(impressum|datenschutz(erklärung)?|kontakt|agb|cookies?|barrierefreiheit))+$", _I)
STOP_AFTER = 0.4  # share of the article's text that must come before a stop heading
END_PART = 0.7  # ... before a byline or an "about us" paragraph that ends the article
STOP_MAX = 60  # characters: a longer line is text, not a heading
STOP_WORDS = 6  # ... and so is one of more words ("Read more: <title of another article>" is a teaser)

NOISE_LINES = tuple(re.compile(p, _I) for p in (
    r"^(>>|»»|››).*(<<|««|‹‹)$",  # inline teaser link to another article
    r"^(©|\(c\)|copyright\b)",  # credit alone
    r"^(fotos?|bild(er)?|quellen?|photos?|images?|credits?|grafik|illustration|titelbild|beitragsbild)"
    r"\s*(sources?|credits?|quellen?|nachweis(e)?)?\s*(\([^)]*\))?\s*:",
    r"^\d{1,2}\.\s*(\d{1,2}\.|[a-zäöü]+)\s*\d{2,4}(,?\s*(um\s*)?\d{1,2}[:.]\d{2}(\s*uhr)?)?$",  # a date alone
    r"^(weiter|weiterlesen|weiter lesen|mehr( lesen| erfahren)?|nach oben|zurück|zur übersicht|"
    r"read more|continue reading|back to top|top)\s*[»›→>…]*$",
    r"\((images?|photos?|fotos?|bild(er)?|pictures?|credits?|quelle)\s*:[^)]*\)$",  # a caption with its credit
    r"^(written|posted|published|geschrieben|veröffentlicht|verfasst) (by|von)\b",  # a byline
    r"^(additional )?(reporting|writing|editing) by\b",  # a news agency's credits
    r"(\b|(?<=[a-z]))credits?\s*:\s*[^.!?]*$",  # "... marmotsCredit: The Siberian Times"
    r"^\d+$",  # a counter alone (shares, comments, a page number)
    # the reading time: "Reading Time: 8 minutes", "Lesezeit: ca. 3 Min.", "5 min read", "4 Minuten Lesezeit"
    r"^(estimated )?(reading time|read time|lesezeit|lesedauer)\s*:?\s*(ca\.?\s*|about\s*|~\s*)?\d+\s*"
    r"(min(\.|utes?|uten)?|mins)$",
    r"^\d+\s*(min(\.|utes?|uten)?|mins)\.?\s*(read|lesezeit|lesedauer|lesen)$",
    # a date with its weekday and time zone alone: "Sunday, Feb 1, 2015 11:57 AM UTC", "Mo., 3. Mai 2021"
    r"^(mon|tue|wed|thu|fri|sat|sun|mo|di|mi|do|fr|sa|so)[a-z]*\.?,?\s+"
    r"(\d{1,2}\.?\s+[a-zäöü]+\.?|[a-z]+\.?\s+\d{1,2},?)\s+\d{4}"
    r"(,?\s*(um|at)?\s*\d{1,2}[:.]\d{2}(\s*(uhr|am|pm))?(\s*(utc|gmt|[ecmp][sd]?t|mesz|mez))?)?$",
    r"^((updated|published|posted|aktualisiert|veröffentlicht|stand)\s*:?\s*(am|on)?\s*)?"
    r"(\d{1,2}\.?\s+[a-zäöü]+\.?|[a-z]+\.?\s+\d{1,2},?)\s+\d{4}(,?\s*(um|at)?\s*\d{1,2}[:.]\d{2}(\s*(uhr|am|pm))?)?$",
    r"\b(bitte )?(aktivieren sie|enable|activate|turn on) (ihr |your )?javascript\b",
    r"^(image|photo|picture|bild|foto) \d+ (of|von|/) \d+$",  # a gallery's counter
    r"^(tags|schlagw(ö|oe)rter|schlagworte|stichw(ö|oe)rter|filed under|kategorien?|categories)\s*:",
    # a news agency's credit alone, with the editor's initials: "dpa", "atb/AFP", "mes/dpa/Reuters"
    r"^\(?([a-zäöü]{2,5}\s*[/,]\s*)*(dpa|afp|ap|reuters|rtr|kna|epd|sid|apa|dts|ddp|ots|ansa|efe)"
    r"(\s*[/,]\s*[a-zäöü]{2,8})*\)?$",
    r"^[a-z0-9]+(-[a-z0-9]+){2,}$",  # a CSS name or a slug alone ("narrow-browser-and-phone"): never prose
    # a download link with the file's type and size: "pdf (83,14 KB)", "Bericht (PDF, 1,2 MB)"
    r"^[^.!?]{0,80}\(\s*((pdf|docx?|xlsx?|pptx?|odt|zip|mp3|mp4|epub)\s*[,|/–-]?\s*)?\d+([.,]\d+)?\s*[kmg]i?b\s*\)$",
    # a photo agency's credit alone: "Brendan Smialowski-Pool/Getty Images", "Foto: picture alliance / dpa"
    r"^([^.!?]{0,60}[/|©]\s*)?(getty ?images|afp|reuters|ap photo|shutterstock|picture[- ]alliance|imago( images)?|"
    r"istock(photo)?|unsplash|pixabay|adobe ?stock|keystone)$",
    # who tweeted an embedded tweet, and when: "— Senator Rand Paul (@RandPaul) July 21, 2020"
    r"^[—–-]\s*[^.!?]{0,80}\(@\w+\)\s*[^.!?]{0,30}\d{4}$",
    r"^(share|teilen|tweet|drucken|print|e-?mail|kommentieren)$",  # a share button's label alone
    r"^powered by(\s+\S+){1,3}$",
    r"^über dieses thema berichtete(n)?\b",  # the broadcast the article goes with (ARD sites)
))
# Credits lists can be long: "Photo Sources: ...", "Bildnachweise: ...", and legal lines.
CREDITS = tuple(re.compile(p, _I) for p in (
    r"^(photo|image|picture|bild|foto)s?\s*(sources?|credits?|quellen?|nachweise?)\s*:",
    r"\b(all rights reserved|alle rechte vorbehalten)\b",
    r"\bis a registered trademark\b|\bis registered in the u\.s\. patent\b",
))
# The publisher's small print: disclaimers and affiliate notes (and ``CREDITS``), up to NOTICE_MAX characters.
NOTICES = tuple(re.compile(p, _I) for p in (
    r"^(medical |legal |financial |affiliate )?(disclaimer|disclosure|haftungsausschluss|werbehinweis|"
    r"transparenzhinweis)\s*:",
    # the site's commission ("earn us", "we may receive", "bekommen wir"), not anyone's ("Makler erhalten eine Provision")
    r"\b(earns? us|we (may |might |could )?(earn|receive|get)|(may|might|could) (earn|receive|get))\b[^.]{0,30}"
    r"\bcommissions?\b",
    r"\b((erhalten|bekommen|verdienen) wir|wir (\w+ )?(erhalten|bekommen|verdienen))\b[^.]{0,40}\bprovision(en)?\b",
    r"\b(affiliate|partner)[- ]?links?\b",
))
NOTICE_MAX = 400
# A teaser to another article, announced as such: dropped up to TEASER_MAX characters.
TEASERS = re.compile(r"^((don'?t miss|lesen sie auch|lies auch|auch interessant|mehr zum thema|siehe auch|"
                     r"das könnte (sie|dich) auch interessieren)\b\s*[:!]?|(read more|related|see also|more)\s*:)", _I)
TEASER_MAX = 300
NOISE_MAX = 160  # characters: longer blocks are never dropped by ``NOISE_LINES``
LABEL_CAPTION_WORDS = 12
_SENTENCE_END = re.compile(r"[.!?…][\"'”“»«)]?$")
CAPTION_CREDIT = re.compile(r"(\(|[–—|-]\s*|\b)(foto|bild|quelle|photo|credit)s?\s*:|©", _I)
NOISE_KINDS = (PARAGRAPH, CAPTION, LIST_ITEM, HEADING, QUOTE)
REPEAT_KINDS = (PARAGRAPH, CAPTION, LIST_ITEM)
REPEAT_MIN = 40  # characters: short lines ("Ja.", "Mehr") may well repeat
LABEL_WORDS = 3  # a line of at most this many words before the first prose is a kicker or a button
LEAD_WORDS = 8  # the first block with this many words starts the text


def drop_noise(blocks: list[Block], author: str | None = None) -> list[Block]:
    """The blocks without a trailing related/comments/about part, noise lines, bylines
    (``author``: the article's author as the metadata names it, if known) and picture labels."""
    blocks = _without_leading_labels(_cut_at_stop_heading(blocks, author))
    blocks = [block for index, block in enumerate(blocks)
              if not is_noise(block) and not is_byline(block, author) and not _is_picture_label(blocks, index)]
    return _without_repeats(blocks)


def _is_picture_label(blocks: list[Block], index: int) -> bool:
    """A figure's caption that names what the picture shows ("Matsumoto Castle", "Whiteboard in
    Jitsi Meet") says nothing to a listener; a caption that is a sentence, or a table's, is read."""
    block = blocks[index]
    if block.kind != CAPTION or _SENTENCE_END.search(block.text) or len(block.text.split()) > LABEL_CAPTION_WORDS:
        return False
    return index + 1 >= len(blocks) or blocks[index + 1].kind != TABLE


def is_noise(block: Block) -> bool:
    if block.kind not in NOISE_KINDS:
        return False
    text = block.text.strip()
    if LEGAL_ROW.search(text):
        return True
    if block.kind == CAPTION and CAPTION_CREDIT.search(text):
        return True
    if len(text) <= TEASER_MAX and TEASERS.search(text):
        return True
    if len(text) <= NOTICE_MAX and any(p.search(text) for p in NOTICES + CREDITS):
        return True
    return len(text) <= NOISE_MAX and any(p.search(text) for p in NOISE_LINES)


def is_stop_heading(block: Block) -> bool:
    if LEGAL_ROW.search(block.text.strip()):
        return True
    if block.kind not in (HEADING, PARAGRAPH) or len(block.text) > STOP_MAX or block.text.endswith("."):
        return False
    if len(block.text.split()) > STOP_WORDS:
        return False
    text = block.text.strip(" :»›>-–")
    return any(p.search(text) for p in STOP_HEADINGS)


def _cut_at_stop_heading(blocks: list[Block], author: str | None = None) -> list[Block]:
    sizes = [_size(block) for block in blocks]
    total = sum(sizes) or 1
    before = 0
    # a byline opens the author's box only when it is the text's one byline (a live blog has one per entry)
    one_byline = sum(1 for block in blocks if is_byline(block, author)) == 1
    kept: list[Block] = []
    for index, (block, size) in enumerate(zip(blocks, sizes)):
        if is_stop_heading(block):
            if before >= STOP_AFTER * total:
                return kept
            continue
        if before >= END_PART * total and ((one_byline and is_byline(block, author)) or is_about_part(blocks[index:])):
            return kept  # the author's box, the publisher's "about us"
        kept.append(block)
        before += size
    return kept


def _size(block: Block) -> int:
    if block.kind == TABLE:
        return sum(len(cell) for row in [block.header, *block.rows] for cell in row)
    return len(block.text)


def _without_leading_labels(blocks: list[Block]) -> list[Block]:
    """Drop label lines ("Promis", "Zum Vergleich") that stand before the first sentence of text;
    headings stay, and so does a short lead that ends a sentence."""
    for index, block in enumerate(blocks):
        if block.kind != PARAGRAPH or len(block.text.split()) >= LEAD_WORDS:
            break
    else:
        return blocks
    return [b for b in blocks[:index] if not _is_label(b)] + blocks[index:]


def _is_label(block: Block) -> bool:
    return (block.kind == PARAGRAPH and len(block.text.split()) <= LABEL_WORDS
            and not block.text.rstrip().endswith((".", "!", "?", "…", ":")))


def _without_repeats(blocks: list[Block]) -> list[Block]:
    """A paragraph, caption or list met again word for word further on (a gallery's captions, a
    teaser that repeats the lead, a box shown twice for phone and desktop) is read once; a line
    repeated right after itself, short lines aside (a refrain, a layout table), stays. A list is
    judged as a whole: items it shares with an earlier list (the features two products have in
    common) stay, unless every item of it was met before."""
    seen: set[str] = set()
    kept: list[Block] = []
    last = ""
    for run in _runs(blocks):
        keys = [_repeat_key(block) for block in run]
        if run[0].kind == LIST_ITEM:
            texts = [_plain(block) for block in run]
            if any(keys) and all(text in seen for text in texts):
                continue  # the whole list again
            kept.extend(run)
            seen.update(texts)
            continue
        for block, key in zip(run, keys):
            if key:
                if key in seen and key != last:
                    continue
                seen.add(key)
                last = key
            kept.append(block)
    return kept


def _repeat_key(block: Block) -> str:
    """The block's text as compared for repeats, or "" when it may repeat freely."""
    key = _plain(block)
    return key if block.kind in REPEAT_KINDS and len(key) >= REPEAT_MIN else ""


def _plain(block: Block) -> str:
    return " ".join(block.text.split()).casefold()


def _runs(blocks: list[Block]) -> list[list[Block]]:
    """Consecutive list items as one run (a list), every other block as a run of its own."""
    runs: list[list[Block]] = []
    for block in blocks:
        if block.kind == LIST_ITEM and runs and runs[-1][0].kind == LIST_ITEM:
            runs[-1].append(block)
        else:
            runs.append([block])
    return runs
