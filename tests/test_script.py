"""Article -> Script: sections, footnote policies, tables, lists, chunking and pauses."""

import pytest

from reader.article import Article, Block
from reader.errors import NotAnArticleError, UsageError
from reader.speech import PAUSE_MS, Script, build_script, fit, normalize

from speech_articles import SEED_HEADINGS, SEED_NOTES, h, p, seed_article, text_block, with_citations


def kinds(section):
    return [u.kind for u in section.utterances]


def written(section, kind=None):
    return [u.written for u in section.utterances if kind is None or u.kind == kind]


def all_utterances(script):
    return [u for s in script.sections for u in s.utterances]


# --- sections ---------------------------------------------------------------------------------------


def test_seed_sections_lead_four_chapters_and_footnotes():
    script = build_script(seed_article())
    assert isinstance(script, Script) and script.title == "Welcome to KI-Agenten" and script.language == "de"
    assert [s.title for s in script.sections] == ["Welcome to KI-Agenten", *SEED_HEADINGS, "Fußnoten"]
    lead = script.sections[0]
    assert kinds(lead)[:2] == ["title", "byline"]
    assert written(lead)[:2] == ["Welcome to KI-Agenten", "Von Anna Beispiel."]
    assert lead.utterances[0].spoken == "Welcome to Ka-I-Agenten"
    assert len(written(lead, "sentence")) == 3
    for section, heading in zip(script.sections[1:5], SEED_HEADINGS):
        assert section.utterances[0].kind == "heading" and section.utterances[0].written == heading
        assert "heading" not in kinds(section)[1:]


def test_seed_table_is_read_row_by_row_with_column_names():
    section = build_script(seed_article()).sections[2]
    assert [u.spoken for u in section.utterances if u.kind == "table_row"] == [
        "Diep-Siek R Eins: Input-Kosten pro Million Token: fünfundfünfzig Cent, "
        "Output-Kosten pro Million Token: zwei Dollar neunzehn.",
        "Oupen-Äi-Ai O Eins: Input-Kosten pro Million Token: fünfzehn Dollar, "
        "Output-Kosten pro Million Token: sechzig Dollar.",
    ]
    assert written(section, "table_row")[0] == (
        "DeepSeek R1: Input-Kosten pro Million Token: $0.55, Output-Kosten pro Million Token: $2.19."
    )


def test_written_keeps_the_original_and_spoken_is_normalized():
    utterances = all_utterances(build_script(seed_article()))
    for u in utterances:
        if u.lang == "de":
            assert u.spoken == normalize(u.written)
    # The two English footnote titles (not marked lang="en" on the page) are found and read in English.
    assert [u.written for u in utterances if u.lang == "en"] == [
        "Big Tech has a big DeepSeek problem",
        "DeepSeek-R1 is a boon for enterprises — making AI apps cheaper, easier to build, and more innovative",
    ]


def test_split_at_h3_when_the_body_only_uses_h3():
    article = Article("Titel", [p("Einleitung."), h("Eins", 3), p("Text eins."), h("Zwei", 3), p("Text zwei.")])
    assert [s.title for s in build_script(article).sections] == ["Titel", "Eins", "Zwei"]


def test_deeper_headings_stay_inside_their_section():
    blocks = [h("Kapitel", 2), p("A."), h("Unterpunkt", 3), p("B."), h("Noch tiefer", 4), p("C."), h("Weiter", 2)]
    script = build_script(Article("Titel", blocks))
    assert [s.title for s in script.sections] == ["Kapitel", "Weiter"]
    chapter = script.sections[0]
    assert written(chapter, "heading") == ["Kapitel", "Unterpunkt", "Noch tiefer"]
    sub = chapter.utterances[kinds(chapter).index("heading", 3)]
    assert sub.written == "Unterpunkt" and sub.pause_ms == PAUSE_MS["heading"]


def test_without_text_before_the_first_heading_the_title_opens_the_first_chapter():
    script = build_script(Article("Titel", [h("Erstes Kapitel"), p("Text.")], author="Anna Beispiel"))
    assert [s.title for s in script.sections] == ["Erstes Kapitel"]
    assert kinds(script.sections[0]) == ["title", "byline", "heading", "sentence"]


def test_no_byline_without_author_and_section_titles_are_heading_texts_exactly():
    heading = "KI & die 2. Welle: 10% mehr"
    script = build_script(Article("Titel", [p("Vorab."), h(heading)]))
    assert kinds(script.sections[0]) == ["title", "sentence"]
    assert script.sections[1].title == heading
    assert script.sections[1].utterances[0].spoken == "Ka-I und die zweite Welle: zehn Prozent mehr"


def test_a_heading_that_repeats_the_title_is_not_read_twice():
    script = build_script(Article("Der Titel", [h("Der Titel", 1), p("Vorab."), h("Kapitel"), p("Text.")]))
    assert [s.title for s in script.sections] == ["Der Titel", "Kapitel"]
    assert written(script.sections[0]) == ["Der Titel", "Vorab."]


def test_language_comes_from_the_article():
    script = build_script(Article("Titel", [p("Text.")], language="de-AT"))
    assert script.language == "de-AT" and {u.lang for u in all_utterances(script)} == {"de-AT"}


def test_an_article_with_nothing_to_read_is_refused():
    with pytest.raises(NotAnArticleError):
        build_script(Article("", [p("   ")]))


def test_script_is_plain_data():
    script = build_script(seed_article(), footnotes="inline", max_chars=80)
    assert Script.from_dict(script.to_dict()) == script


# --- footnotes --------------------------------------------------------------------------------------


def cited_twice():
    blocks = [
        p("Erster Satz nennt Apfel[^1]. Zweiter Satz ohne Note. Dritter Satz nennt Birne[^2] und wieder Apfel[^1]."),
        h("Kapitel"),
        p("Hier noch einmal Apfel[^1]. Schluss."),
    ]
    notes = {"1": "Note zu Apfel.", "2": "Note zu Birne. Mit zwei Sätzen.", "3": "Nie zitiert."}
    return with_citations("Titel", blocks, notes)


def test_footnotes_at_the_end_in_label_order():
    script = build_script(seed_article())
    notes = script.sections[-1]
    assert kinds(notes) == ["heading"] + ["footnote"] * 7  # notes 4 and 5: a German and an English piece
    read_notes: list[str] = []
    for piece in written(notes, "footnote"):
        if piece.startswith("Fußnote "):
            read_notes.append(piece)
        else:
            read_notes[-1] += " " + piece
    assert read_notes == [f"Fußnote {label}: {text}" for label, text in SEED_NOTES.items()]
    assert notes.utterances[1].spoken.startswith("Fußnote eins: Hier beziehe ich mich")
    assert not any(u.kind == "footnote" for s in script.sections[:-1] for u in s.utterances)


def test_footnote_labels_sort_naturally_and_long_notes_are_split_into_sentences():
    notes = {"10": "Zehn.", "2": "Zwei. Mit einem zweiten Satz.", "1": "Eins."}
    script = build_script(with_citations("T", [p("Text.")], notes))
    assert written(script.sections[-1], "footnote") == [
        "Fußnote 1: Eins.", "Fußnote 2: Zwei.", "Mit einem zweiten Satz.", "Fußnote 10: Zehn."
    ]


def test_inline_footnotes_follow_the_citing_sentence_and_are_read_once():
    script = build_script(cited_twice(), footnotes="inline")
    assert written(script.sections[0])[1:] == [
        "Erster Satz nennt Apfel.",
        "Fußnote 1: Note zu Apfel.",
        "Zweiter Satz ohne Note.",
        "Dritter Satz nennt Birne und wieder Apfel.",
        "Fußnote 2: Note zu Birne.",
        "Mit zwei Sätzen.",
    ]
    assert written(script.sections[1]) == ["Kapitel", "Hier noch einmal Apfel.", "Schluss."]
    # the note nobody cites is not lost: it closes the script
    assert [s.title for s in script.sections] == ["Titel", "Kapitel", "Fußnoten"]
    assert written(script.sections[2], "footnote") == ["Fußnote 3: Nie zitiert."]


def test_inline_footnotes_in_the_seed():
    script = build_script(seed_article(), footnotes="inline")
    assert [s.title for s in script.sections] == ["Welcome to KI-Agenten", *SEED_HEADINGS]
    chapter = written(script.sections[1])
    i = chapter.index("Fußnote 2: " + SEED_NOTES["2"])
    assert chapter[i - 1].endswith("um die derzeitigen Investitionen zu rechtfertigen.")
    assert chapter[i + 1] == "Fußnote 3: " + SEED_NOTES["3"]
    assert chapter[i + 2] == "Aktuell erreicht die Branche jedoch erst 10% dieses Ziels."
    last = script.sections[4].utterances
    assert last[-1].written.startswith("Gleichzeitig deuten") and last[-2].kind == "footnote"


def test_skip_reads_no_footnotes():
    script = build_script(cited_twice(), footnotes="skip")
    assert [s.title for s in script.sections] == ["Titel", "Kapitel"]
    assert "footnote" not in {u.kind for u in all_utterances(script)}


def test_no_footnote_section_without_footnotes():
    script = build_script(Article("Titel", [p("Text.")]))
    assert [s.title for s in script.sections] == ["Titel"]


def test_unknown_footnote_policy_is_a_usage_error():
    with pytest.raises(UsageError, match="end, inline, skip"):
        build_script(seed_article(), footnotes="margin")


# --- tables, lists, quotes, captions ----------------------------------------------------------------


def test_table_without_header_joins_cells_with_commas():
    table = Block("table", rows=[["Berlin", "3,7 Mio.", ""], ["Hamburg", "1,9 Mio."]])
    section = build_script(Article("T", [table])).sections[0]
    assert written(section, "table_row") == ["Berlin, 3,7 Mio.", "Hamburg, 1,9 Mio."]
    assert [u.spoken for u in section.utterances if u.kind == "table_row"] == [
        "Berlin, drei Komma sieben Millionen", "Hamburg, eins Komma neun Millionen"
    ]


def test_table_with_header_names_each_value_and_skips_empty_cells():
    table = Block("table", header=["Land", "Hauptstadt", "Einwohner (Mio.)"],
                  rows=[["Frankreich", "Paris", "68"], ["Monaco", "Monaco", ""]])
    section = build_script(Article("T", [table])).sections[0]
    assert written(section, "table_row") == [
        "Frankreich: Hauptstadt: Paris, Einwohner Mio.: 68.", "Monaco: Hauptstadt: Monaco."
    ]
    assert section.utterances[-2].pause_ms == PAUSE_MS["sentence"]


def test_list_items_are_one_utterance_each():
    blocks = [p("Drei Dinge:"), *[text_block("list_item", t, level=1) for t in ("Äpfel", "Birnen", "Kirschen")],
              p("Danach.")]
    section = build_script(Article("T", blocks)).sections[0]
    items = [u for u in section.utterances if u.kind == "list_item"]
    assert [u.written for u in items] == ["Äpfel", "Birnen", "Kirschen"]
    assert [u.pause_ms for u in items] == [PAUSE_MS["sentence"], PAUSE_MS["sentence"], PAUSE_MS["paragraph"]]


def test_quotes_are_read_and_captions_introduced():
    blocks = [Block("quote", "Wer nichts wagt, gewinnt nichts. Sagt man."), Block("caption", "Ein Foto vom Meer.")]
    section = build_script(Article("T", blocks)).sections[0]
    assert [(u.kind, u.written) for u in section.utterances[1:]] == [
        ("quote", "Wer nichts wagt, gewinnt nichts."),
        ("quote", "Sagt man."),
        ("caption", "Bildunterschrift: Ein Foto vom Meer."),
    ]


# --- pauses -----------------------------------------------------------------------------------------


def test_pauses_after_sentence_paragraph_heading_and_section():
    blocks = [p("Eins. Zwei."), p("Drei."), h("Kapitel"), p("Vier. Fünf.")]
    script = build_script(Article("Titel", blocks))
    pauses = [[(u.written, u.pause_ms) for u in s.utterances] for s in script.sections]
    assert pauses == [
        [("Titel", PAUSE_MS["heading"]), ("Eins.", PAUSE_MS["sentence"]), ("Zwei.", PAUSE_MS["paragraph"]),
         ("Drei.", PAUSE_MS["section"])],
        [("Kapitel", PAUSE_MS["heading"]), ("Vier.", PAUSE_MS["sentence"]), ("Fünf.", PAUSE_MS["section"])],
    ]


# --- chunking ---------------------------------------------------------------------------------------

LONG = (
    "Die Effizienzsteigerungen durch Unternehmen wie DeepSeek könnten zu einer Neuausrichtung der gesamten "
    "Branche führen, weg von massiven Infrastrukturinvestitionen hin zu effizienteren, kundenorientierten "
    "Lösungen; das bisherige Modell basierte auf Knappheit — nur wenige konnten es sich leisten, und die "
    "Kosten von 6 Mrd. Dollar waren enorm, weil niemand mit 4.500 Beschäftigten rechnen wollte."
)


@pytest.mark.parametrize("limit", [400, 120, 100, 60, 30, 12])
def test_fit_keeps_fitting_words_whole_and_in_order(limit):
    measure = lambda t: len(normalize(t))  # noqa: E731
    pieces = fit(LONG, limit, measure)
    assert all(measure(piece) <= limit for piece in pieces)
    assert "".join(pieces).replace(" ", "") == LONG.replace(" ", "")  # nothing lost, nothing moved
    words = [w for piece in pieces for w in piece.split()]
    for word in LONG.split():
        if measure(word) <= limit:  # only a word too long on its own is ever cut
            assert word in words
    assert (len(pieces) == 1) == (measure(LONG) <= limit)


def test_fit_prefers_clause_boundaries():
    pieces = fit(LONG, 120)
    assert pieces[0].endswith("Branche führen,") and pieces[1].endswith("Lösungen;")
    assert all(p[-1] in ",;." for p in pieces)
    assert "das bisherige Modell basierte auf Knappheit —" in fit(LONG, 60)


def test_fit_cuts_a_long_token_at_hyphens_slashes_and_dots_first():
    url = "https://example.org/ein-sehr/langer_pfad/datei.html"
    pieces = fit(f"Siehe {url} dazu.", 20)
    assert all(len(piece) <= 20 for piece in pieces)
    assert pieces[0] == "Siehe" and pieces[-1] == "dazu."
    assert "".join(pieces[1:-1]) == url
    assert all(piece[-1] in "-/_." for piece in pieces[1:-2])  # every cut is after a joint


def test_fit_cuts_a_token_without_joints_hard():
    token = "Donaudampfschifffahrtsgesellschaftskapitän"
    pieces = fit(f"Der {token} kam.", 10)
    assert pieces == ["Der", token[:10], token[10:20], token[20:30], token[30:40], token[40:], "kam."]


def test_fit_hard_cut_uses_the_measure():
    # Spoken "%" is "Prozent": 7 characters for 1 written one.
    spoken = lambda t: len(t.replace("%", "Prozent"))  # noqa: E731
    assert fit("a%b%c", 9, spoken) == ["a%b", "%c"]  # 9 and 8 spoken characters
    assert fit("%%", 6, spoken) == ["%", "%"]  # too long even alone: one character per piece, no endless loop


def test_gtts_limit_holds_for_a_very_long_token():
    token = "-".join(["Abschnitt"] * 126)  # 1259 characters, the review's case
    pieces = fit(f"Ein {token} endet.", 100)
    assert all(len(piece) <= 100 for piece in pieces) and len(pieces) > 12
    assert "".join(pieces[1:-1]) == token


def test_long_sentences_become_clause_pieces_within_the_engine_limit():
    script = build_script(Article("T", [p(LONG), p("Kurz.")]), max_chars=100)
    pieces = [u for u in script.sections[0].utterances if u.kind == "sentence"]
    assert len(pieces) > 3
    assert all(len(u.spoken) <= 100 for u in pieces)
    assert " ".join(u.written for u in pieces[:-1]).split() == LONG.split()
    assert [u.pause_ms for u in pieces[:-2]] == [PAUSE_MS["clause"]] * (len(pieces) - 2)
    assert pieces[-2].pause_ms == PAUSE_MS["paragraph"]


def test_every_seed_utterance_fits_a_small_engine_limit():
    script = build_script(seed_article(), footnotes="inline", max_chars=100)
    assert all(len(u.spoken) <= 100 for u in all_utterances(script))
    rows = [u for u in all_utterances(script) if u.kind == "table_row"]
    assert rows[0].written.endswith("$0.55,") and rows[1].written.startswith("Output-Kosten")


def test_max_chars_must_be_positive():
    with pytest.raises(UsageError):
        build_script(seed_article(), max_chars=0)


# --- passages in another language (Block.spans) -----------------------------------------------------

from reader.article import LangSpan  # noqa: E402
from reader.engines.espeak import EspeakEngine  # noqa: E402
from reader.engines.piper import PiperEngine  # noqa: E402


def _english_inside(text: str, english: str, kind: str = "paragraph") -> Article:
    start = text.index(english)
    block = Block(kind, text, spans=[LangSpan(start, start + len(english), "en")])
    return Article(title="Titel", blocks=[block], language="de")


MIXED = "Der Artikel heißt „Big Tech has a big DeepSeek problem“ und kostet 10 Mio. Euro. Danach 5 Fragen."


def test_a_marked_english_passage_becomes_its_own_utterance_in_english():
    article = _english_inside(MIXED, "Big Tech has a big DeepSeek problem")
    said = [u for u in all_utterances(build_script(article, languages={"de", "en"})) if u.kind == "sentence"]
    assert [(u.written, u.lang) for u in said] == [
        ("Der Artikel heißt „", "de"),  # the quote mark stays with the German piece before it
        ("Big Tech has a big DeepSeek problem", "en"),
        ("“ und kostet 10 Mio. Euro.", "de"),
        ("Danach 5 Fragen.", "de"),
    ]
    assert said[1].spoken == "Big Tech has a big DeepSeek problem"  # English is left to the English voice
    assert said[2].spoken == "“ und kostet zehn Millionen Euro."
    assert [u.pause_ms for u in said] == [0, 0, PAUSE_MS["sentence"], PAUSE_MS["section"]]


def test_an_engine_without_english_gets_the_passage_respelled_in_german():
    article = _english_inside(MIXED, "Big Tech has a big DeepSeek problem")
    said = [u for u in all_utterances(build_script(article, languages=frozenset())) if u.kind == "sentence"]
    english = said[1]
    assert english.lang == "de" and english.written == "Big Tech has a big DeepSeek problem"
    assert english.spoken == "Bigg Täck häs ä bigg Diep-Siek prohblem"


def test_engines_declare_the_languages_they_switch_to():
    assert {"de", "en"} <= EspeakEngine.languages
    assert PiperEngine.languages == frozenset()


def test_a_whole_english_paragraph_and_german_ones_around_it():
    english = "DeepSeek-R1 is a boon for enterprises. It costs $0.55."
    blocks = [p("Vorher 1 Satz."), Block("quote", english, spans=[LangSpan(0, len(english), "en")]), p("Nachher.")]
    script = build_script(Article(title="T", blocks=blocks, language="de"), languages={"en"})
    said = [(u.spoken, u.lang) for u in all_utterances(script) if u.kind != "title"]
    assert said == [
        ("Vorher ein Satz.", "de"),
        ("DeepSeek-R1 is a boon for enterprises.", "en"),
        ("It costs $0.55.", "en"),
        ("Nachher.", "de"),
    ]
    respelled = build_script(Article(title="T", blocks=blocks, language="de"), languages=set())
    spoken = [u.spoken for u in all_utterances(respelled)]
    assert "Diep-Siek-R Eins is ä buhn for enterpreises." in spoken
    assert "Itt kosts fünfundfünfzig Cent." in spoken


def test_spans_outside_or_across_sentences_are_cut_at_sentence_ends():
    text = "Erst Deutsch. Then English here. Und wieder Deutsch."
    start = text.index("Then")
    article = Article(title="T", blocks=[Block("paragraph", text, spans=[LangSpan(start - 1, start + 17, "en"),
                                                                         LangSpan(500, 600, "en")])])
    said = [(u.written, u.lang) for u in all_utterances(build_script(article, languages={"en"})) if u.kind == "sentence"]
    assert said == [("Erst Deutsch.", "de"), ("Then English here.", "en"), ("Und wieder Deutsch.", "de")]


def test_a_caption_intro_stays_german_before_an_english_caption():
    text = "Big Tech in Kalifornien"
    block = Block("caption", text, spans=[LangSpan(0, 8, "en")])
    said = [(u.spoken, u.lang) for u in all_utterances(build_script(Article(title="T", blocks=[block]), languages={"en"}))
            if u.kind == "caption"]
    assert said == [("Bildunterschrift:", "de"), ("Big Tech", "en"), ("in Kalifornien", "de")]
