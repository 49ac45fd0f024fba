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
