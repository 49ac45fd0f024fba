"""Reader's own audio block in a post's raw content: made, found and removed, never the author's own."""

import json

from reader.publish.blocks import audio_block, find_reader_blocks, remove_reader_blocks, with_reader_block

AUTHOR_AUDIO = (
    '<!-- wp:audio {"id":7} -->\n'
    '<figure class="wp-block-audio"><audio controls src="https://blog.example/own.mp3"></audio></figure>\n'
    "<!-- /wp:audio -->"
)
PARAGRAPH = "<!-- wp:paragraph -->\n<p>Erster Absatz.</p>\n<!-- /wp:paragraph -->"


def test_block_markup_is_core_audio_with_our_class():
    block = audio_block("https://blog.example/wp-content/uploads/reader-abc.mp3", media_id=42, caption="Anhören")
    assert block == (
        '<!-- wp:audio {"id":42,"className":"reader-audio"} -->\n'
        '<figure class="wp-block-audio reader-audio"><audio controls '
        'src="https://blog.example/wp-content/uploads/reader-abc.mp3"></audio>'
        '<figcaption class="wp-element-caption">Anhören</figcaption></figure>\n'
        "<!-- /wp:audio -->"
    )


def test_without_media_id_or_caption():
    block = audio_block("a.mp3")
    assert block.startswith('<!-- wp:audio {"className":"reader-audio"} -->\n')
    assert "figcaption" not in block


def test_everything_is_escaped():
    block = audio_block('https://x.example/a.mp3?a=1&b="2"><script>', caption="<script>alert(1)</script> & --")
    assert "<script>" not in block
    assert 'src="https://x.example/a.mp3?a=1&amp;b=&quot;2&quot;&gt;&lt;script&gt;"' in block
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; --" in block
    [found] = find_reader_blocks(block)
    assert found.src == 'https://x.example/a.mp3?a=1&b="2"><script>'


def test_block_attributes_are_comment_safe():
    from reader.publish.blocks import block_attributes

    text = block_attributes({"className": 'a--b <c> & "d"'})
    assert "--" not in text and "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"className": 'a--b <c> & "d"'}


def test_finds_only_ours():
    ours = audio_block("https://blog.example/reader-1.mp3", media_id=9)
    raw = f"{ours}\n\n{PARAGRAPH}\n\n{AUTHOR_AUDIO}"
    [found] = find_reader_blocks(raw)
    assert (found.media_id, found.src, found.start) == (9, "https://blog.example/reader-1.mp3", 0)
    assert remove_reader_blocks(raw) == f"{PARAGRAPH}\n\n{AUTHOR_AUDIO}"
    assert find_reader_blocks(f"{PARAGRAPH}\n\n{AUTHOR_AUDIO}") == []


def test_recognised_by_the_figure_class_when_the_attribute_is_gone():
    block = audio_block("https://blog.example/reader-1.mp3", media_id=3).replace(',"className":"reader-audio"', "")
    assert len(find_reader_blocks(block + "\n\n" + PARAGRAPH)) == 1


def test_put_at_top_replaces_and_never_duplicates():
    first = audio_block("https://blog.example/reader-1.mp3", media_id=1)
    second = audio_block("https://blog.example/reader-2.mp3", media_id=2)
    raw = f"{PARAGRAPH}\n\n{AUTHOR_AUDIO}"
    once = with_reader_block(raw, first)
    assert once == f"{first}\n\n{raw}"
    assert with_reader_block(once, first) == once
    twice = with_reader_block(once, second)
    assert twice == f"{second}\n\n{raw}"
    # a stray second copy of ours (say, pasted by hand further down) goes too
    messy = f"{PARAGRAPH}\n\n{first}\n\n{AUTHOR_AUDIO}\n\n{first}\n"
    assert with_reader_block(messy, second).count("reader-audio") == 2  # figure class + attribute of ONE block
    assert len(find_reader_blocks(with_reader_block(messy, second))) == 1
    assert AUTHOR_AUDIO in with_reader_block(messy, second)


def test_empty_and_classic_content():
    block = audio_block("a.mp3", media_id=1)
    assert with_reader_block("", block) == block
    assert with_reader_block("<p>Classic editor text.</p>", block) == f"{block}\n\n<p>Classic editor text.</p>"
    assert remove_reader_blocks("<p>x</p>") == "<p>x</p>"


# --- classic-editor posts and reader's player ---------------------------------------------------------------

PLAYER = ('<!-- made by reader 1.0 (reader embed): run \'reader embed\' again instead of editing -->\n'
          '<div class="reader-player no-tts" role="region" aria-label="Artikel anhören" lang="de">\n'
          '<nav class="rp-chapters"><ol><li><a class="rp-chapter" href="a.mp3#t=0">Titel</a></li></ol></nav>\n'
          '<div class="rp-bar" hidden></div>\n'
          '<script type="application/json" class="rp-data">{"duration": 1000}</script>\n'
          "<script>(function () { var x = 1; })();</script>\n"
          "</div>\n")
CLASSIC = "Erster Absatz.\n\nZweiter Absatz.\n\n<figure class=\"wp-block-audio\"><audio src=\"own.mp3\"></audio></figure>"


def test_classic_post_gets_a_bare_figure_that_is_found_and_replaced():
    from reader.publish.blocks import is_classic, reader_unit

    assert is_classic(CLASSIC) and not is_classic(f"{PARAGRAPH}\n\n{CLASSIC}")
    unit = reader_unit("https://blog.example/reader-1-aaaaaaaaaaaa-espeak.mp3", media_id=4, caption="Anhören",
                       classic=True)
    assert "<!--" not in unit and unit.startswith('<figure class="wp-block-audio reader-audio">')
    once = with_reader_block(CLASSIC, unit)
    assert "<!-- wp:" not in once and is_classic(once)
    [found] = find_reader_blocks(once)
    assert (found.start, found.media_id, found.classic, found.player) == (0, None, True, False)
    assert found.src == "https://blog.example/reader-1-aaaaaaaaaaaa-espeak.mp3"
    assert remove_reader_blocks(once) == CLASSIC  # the author's own figure stays
    # an older reader gave the classic post block markup: recognised, and replaced by the bare form
    old = with_reader_block(CLASSIC, audio_block("https://blog.example/reader-1-old.mp3", media_id=2))
    assert is_classic(old) and [b.classic for b in find_reader_blocks(old)] == [False]
    assert with_reader_block(old, unit) == once


def test_audio_and_player_are_one_unit():
    from reader.publish.blocks import reader_unit

    for classic in (False, True):
        unit = reader_unit("https://blog.example/r.mp3", media_id=4, player=PLAYER, classic=classic)
        assert unit.count("<!-- wp:html -->") == (0 if classic else 1)
        # in a classic post the mark goes into the player's root: wpautop would wrap it in a paragraph of its own
        assert ('</figure>\n\n<div class="reader-player' in unit) == classic
        raw = with_reader_block(f"{PARAGRAPH}\n\n{AUTHOR_AUDIO}", unit)
        [found] = find_reader_blocks(raw)
        assert (found.start, found.player, found.src) == (0, True, "https://blog.example/r.mp3")
        assert raw[found.end:] == f"{PARAGRAPH}\n\n{AUTHOR_AUDIO}"
        # replaced by the audio alone: nothing of the player is left behind
        alone = with_reader_block(raw, audio_block("https://blog.example/s.mp3", media_id=5))
        assert "reader-player" not in alone and alone.count("reader-audio") == 2
        assert len(find_reader_blocks(alone)) == 1


def test_a_stray_player_is_ours_an_author_html_block_is_not():
    author_html = "<!-- wp:html -->\n<div class=\"reader-player-fan\">Mein HTML</div>\n<!-- /wp:html -->"
    stray = f"<!-- wp:html -->\n{PLAYER}<!-- /wp:html -->"
    raw = f"{PARAGRAPH}\n\n{stray}\n\n{author_html}"
    [found] = find_reader_blocks(raw)
    assert (found.src, found.player, found.media_id) == ("", True, None)
    assert remove_reader_blocks(raw) == f"{PARAGRAPH}\n\n{author_html}"
    # an HTML block that holds the player and more of the author's is the author's
    mixed = f"<!-- wp:html -->\n<p>Hallo</p>\n{PLAYER}<!-- /wp:html -->"
    assert find_reader_blocks(mixed) == []
